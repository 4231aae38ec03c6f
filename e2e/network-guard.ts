import type { Browser, BrowserContext } from '@playwright/test'

/**
 * The e2e network rule: pages may reach this machine (127.0.0.1, where the host and, in tests, the
 * participant server listen) and the participant server's address as chosen in the app, nothing
 * else. Everything else is recorded and aborted, and the test fails.
 */
export interface NetworkGuard {
  /** Requests that tried to leave the machine. */
  outside: string[]
  /** Guards one more browser context (phones get their own). */
  guard(context: BrowserContext): Promise<void>
}

/** Whether `url` stays on this machine without asking anyone: loopback, content inside the page, a local file. */
export function isLocalUrl(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (['data:', 'blob:', 'file:'].includes(parsed.protocol)) return true
  return ['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol) && parsed.hostname === '127.0.0.1'
}

/**
 * @param participantAddress where the app's participant server listens right now (asked only for
 *   requests that are not local), or null when it is off.
 */
export function networkGuard(participantAddress: () => Promise<string | null>): NetworkGuard {
  const outside: string[] = []
  return {
    outside,
    async guard(context) {
      await context.route('**/*', async (route) => {
        const url = route.request().url()
        if (isLocalUrl(url)) return route.continue()
        const chosen = await participantAddress().catch(() => null)
        if (chosen !== null && new URL(url).host === new URL(chosen).host) return route.continue()
        outside.push(url)
        return route.abort('blockedbyclient')
      })
    }
  }
}

/**
 * Guards every context the test opens with `browser.newContext()` / `browser.newPage()` too (phones),
 * not only Playwright's default one, until the returned function restores the browser.
 */
export function guardNewContexts(browser: Browser, network: NetworkGuard): () => void {
  const original = browser.newContext.bind(browser)
  browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
    const context = await original(...args)
    await network.guard(context)
    return context
  }
  return () => {
    browser.newContext = original
  }
}
