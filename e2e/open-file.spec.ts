import type { Page } from '@playwright/test'
import type { OpenedFile } from '../electron/shared/api/bridge'
import { expect, test } from './fixtures'

/*
 * A .roundtable file double-clicked in the file manager (issue 16): Electron's preload hands the
 * renderer the file main read (electron/main/open-file.ts, unit-tested with fakes). No Electron
 * binary can be downloaded here, so this page gets a stand-in preload: the same bridge shape, its
 * API calls going to the real browser-mode host over HTTP, and `__openFile(file)` in place of main
 * announcing a file. Everything after that is the real renderer, core and Chromium.
 */

const screens = 'test-results/screens'

declare global {
  interface Window {
    __openFile(file: OpenedFile): void
  }
}

async function openWithStandInPreload(page: Page, url: string): Promise<void> {
  await page.addInitScript(() => {
    const token = /token=([\w-]+)/.exec(location.hash)?.[1] ?? sessionStorage.getItem('stand-in-token') ?? ''
    sessionStorage.setItem('stand-in-token', token)
    let listener: ((file: OpenedFile) => void) | null = null
    const waiting: OpenedFile[] = []
    Object.assign(window, {
      roundtable: {
        invoke: async (method: string, args: unknown) => {
          const response = await fetch(`/api/${method}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-roundtable-token': token },
            body: JSON.stringify(args ?? {})
          })
          return response.json()
        },
        onEvent: () => () => undefined,
        openAudience: () => undefined,
        printDocument: async () => undefined,
        setCameraScanning: async () => undefined,
        onOpenedFile(next: (file: OpenedFile) => void) {
          listener = next
          for (const file of waiting.splice(0)) next(file)
          return () => (listener = null)
        }
      },
      __openFile(file: OpenedFile) {
        if (listener) listener(file)
        else waiting.push(file)
      }
    })
  })
  await page.goto(url)
}

test('a double-clicked workshop file opens the import preview, even from another screen', async ({
  page,
  host,
  outsideRequests
}) => {
  void outsideRequests
  const copy = await host.call<{ id: string }>('workshop.duplicate', { id: 'conference-briefing' })
  const file = await host.call<{ fileName: string; base64: string }>('workshop.export', { id: copy.id })
  await openWithStandInPreload(page, host.url)
  await expect(page.getByRole('heading', { level: 1, name: 'Thư viện hội thảo' })).toBeVisible()

  // The trainer is looking at the report when the file arrives: the library comes back with the preview.
  await page.locator('.library-report button').click()
  await expect(page.getByRole('heading', { level: 1, name: 'Thư viện hội thảo' })).toBeHidden()
  await page.evaluate((opened) => window.__openFile(opened), file)
  const preview = page.getByTestId('import-preview')
  await expect(preview).toBeVisible()
  await expect(preview).toContainText(copy.id)
  await expect(page.getByTestId('import-relation')).toBeVisible()
  await page.screenshot({ path: `${screens}/open-file-vi-1280x720.png` })

  await page.getByRole('button', { name: 'English' }).click()
  await expect(preview.getByRole('heading', { name: 'About to import this workshop' })).toBeVisible()
  await page.screenshot({ path: `${screens}/open-file-en-1280x720.png` })
  await page.setViewportSize({ width: 360, height: 740 })
  await preview.scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${screens}/open-file-en-360x740.png` })
})

test('a file that could not be read says why, in the trainer’s language', async ({ page, host, outsideRequests }) => {
  void outsideRequests
  await openWithStandInPreload(page, host.url)
  // Waiting before the page subscribed: taken as soon as the library is ready.
  await page.evaluate(() => window.__openFile({ fileName: 'ws-1.0.0.roundtable', problem: 'unreadable' }))
  const problem = page.getByTestId('import-open-problem')
  await expect(problem).toContainText('Không đọc được ws-1.0.0.roundtable')
  await page.setViewportSize({ width: 360, height: 740 })
  await page.screenshot({ path: `${screens}/open-file-problem-vi-360x740.png` })
  await page.getByRole('button', { name: 'English' }).click()
  await expect(problem).toContainText('Could not read ws-1.0.0.roundtable (perhaps an antivirus)')
  await page.evaluate(() => window.__openFile({ fileName: 'big.roundtable', problem: 'too-big' }))
  await expect(problem).toContainText('big.roundtable is over 20 MB')
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.screenshot({ path: `${screens}/open-file-problem-en-1280x720.png` })
})
