/**
 * Shrinks a projector page's type until everything fits its box: the page sets its sizes in em of
 * `--fit` (1 = full size), this lowers `--fit` step by step while anything overflows. Re-run when the
 * content (the action's parameter) or the window size changes.
 */
export function fitText(node: HTMLElement, _content?: unknown): { update: () => void; destroy: () => void } {
  const overflows = (): boolean => node.scrollHeight > node.clientHeight + 1 || node.scrollWidth > node.clientWidth + 1
  const fit = (): void => {
    let scale = 1
    node.style.setProperty('--fit', String(scale))
    while (scale > 0.3 && overflows()) {
      scale = Math.round((scale - 0.05) * 100) / 100
      node.style.setProperty('--fit', String(scale))
    }
  }
  const observer = new ResizeObserver(fit)
  observer.observe(node)
  fit()
  return { update: fit, destroy: () => observer.disconnect() }
}
