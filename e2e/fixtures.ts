import { test as base, expect, type Page } from '@playwright/test'
import { newDataDir, startHost, type RunningHost } from './browser-host'

interface Fixtures {
  host: RunningHost
  /** The trainer's window, opened on the host. */
  trainer: Page
  /** Requests the page tried to send anywhere but the local host: must stay empty. */
  outsideRequests: string[]
}

/**
 * Every e2e test gets its own data folder and host process, and fails if the page tries to reach
 * anything beyond 127.0.0.1, logs a missing translation, or throws.
 */
export const test = base.extend<Fixtures>({
  // Playwright requires an object pattern here even when a fixture depends on nothing.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const host = await startHost(await newDataDir())
    await use(host)
    await host.stop()
  },
  outsideRequests: async ({ context }, use) => {
    const outside: string[] = []
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url())
      if (url.hostname === '127.0.0.1' || url.protocol === 'data:') return route.continue()
      outside.push(route.request().url())
      return route.abort('blockedbyclient')
    })
    await use(outside)
    expect(outside, 'requests beyond the machine').toEqual([])
  },
  trainer: async ({ page, host, outsideRequests }, use) => {
    const problems: string[] = []
    page.on('console', (message) => {
      if (message.text().includes('[i18n]') || message.type() === 'error') problems.push(message.text())
    })
    page.on('pageerror', (error) => problems.push(error.message))
    void outsideRequests
    await page.goto(host.url)
    await use(page)
    expect(problems, 'console errors, page errors and missing translations').toEqual([])
  }
})

export { expect }
