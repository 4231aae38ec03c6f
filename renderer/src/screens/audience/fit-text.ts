/**
 * Shrinks a projector page's type until everything fits its box: the page sets its sizes in em of
 * `--fit` (1 = full size), this lowers `--fit` step by step while anything overflows. Runs again when
 * the page's content, the window's size or the loaded fonts change.
 */
export function fitText(node: HTMLElement): { destroy: () => void } {
  const overflows = (): boolean => node.scrollHeight > node.clientHeight + 1 || node.scrollWidth > node.clientWidth + 1
  const fit = (): void => {
    let scale = 1
    node.style.setProperty('--fit', String(scale))
    while (scale > 0.3 && overflows()) {
      scale = Math.round((scale - 0.05) * 100) / 100
      node.style.setProperty('--fit', String(scale))
    }
  }
  // Content first: Svelte updates the page's text after the action would see a new parameter.
  const content = new MutationObserver(fit)
  content.observe(node, { childList: true, subtree: true, characterData: true })
  const size = new ResizeObserver(fit)
  size.observe(node)
  // A font face (a weight, italics) loading later changes the text's size without changing the page.
  document.fonts.addEventListener('loadingdone', fit)
  fit()
  return {
    destroy: () => {
      content.disconnect()
      size.disconnect()
      document.fonts.removeEventListener('loadingdone', fit)
    }
  }
}
