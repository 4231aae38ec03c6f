import { test as base, expect, type Page } from '@playwright/test'
import { newDataDir, startHost, type RunningHost } from './browser-host'
import { guardNewContexts, networkGuard } from './network-guard'

interface Fixtures {
  /** More environment for the host process (option: `test.use({ hostEnv: { … } })`). */
  hostEnv: Record<string, string> | undefined
  host: RunningHost
  /** The trainer's window, opened on the host. */
  trainer: Page
  /** Requests any page of the test (trainer, audience, phones) tried to send beyond the machine: must stay empty. */
  outsideRequests: string[]
}

/**
 * Every e2e test gets its own data folder and host process, and fails if any page tries to reach
 * anything beyond 127.0.0.1 and the participant address chosen in the app, logs a missing
 * translation, or throws.
 */
export const test = base.extend<Fixtures>({
  hostEnv: [undefined, { option: true }],
  host: async ({ hostEnv }, use) => {
    const host = await startHost(await newDataDir(), hostEnv)
    await use(host)
    await host.stop()
  },
  outsideRequests: async ({ context, browser, host }, use) => {
    const network = networkGuard(async () => {
      const status = (await host.call('participants.status')) as { running: boolean; url: string | null }
      return status.running ? status.url : null
    })
    await network.guard(context)
    const restore = guardNewContexts(browser, network)
    await use(network.outside)
    restore()
    expect(network.outside, 'requests beyond the machine').toEqual([])
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
