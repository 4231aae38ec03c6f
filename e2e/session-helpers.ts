import { readFile } from 'node:fs/promises'
import type { Browser, BrowserContext, Page } from '@playwright/test'
import * as yauzl from 'yauzl'
import { readDocxBuffer, readXlsxBuffer } from '../electron/testing/office-readers'
import { expect } from './fixtures'

/** Opens a bundled workshop by (part of) its Vietnamese title and starts a session from it. */
export async function startSession(trainer: Page, workshopTitle: string, venue = 'Hội trường'): Promise<void> {
  await trainer.locator('.card', { hasText: workshopTitle }).getByRole('button', { name: 'Xem' }).click()
  await trainer.getByRole('button', { name: 'Bắt đầu buổi tập huấn' }).click()
  await trainer.getByLabel('Địa điểm').fill(venue)
  await trainer.getByLabel('Tập huấn viên').fill('Chị Lan')
  await trainer.getByRole('button', { name: 'Bắt đầu', exact: true }).click()
  await expect(trainer.getByTestId('presenter')).toBeVisible()
}

export async function openAudience(trainer: Page, buttonName = 'Mở màn hình khán giả'): Promise<Page> {
  const [audience] = await Promise.all([
    trainer.context().waitForEvent('page'),
    trainer.getByRole('button', { name: buttonName }).click()
  ])
  await audience.setViewportSize({ width: 1280, height: 720 })
  await expect(audience.getByTestId('audience')).toBeVisible()
  return audience
}

/** Lets phones join over loopback only (tests never send traffic beyond this machine). */
export async function startPhones(trainer: Page): Promise<{ url: string; code: string }> {
  // The panel opens by itself on a poll or quiz; a click would close it then.
  const open = await trainer.getByTestId('phones-panel').evaluate((panel) => (panel as HTMLDetailsElement).open)
  if (!open) await trainer.getByText('Điện thoại người tham gia').click()
  await trainer.getByLabel('Mạng').selectOption({ value: '127.0.0.1' })
  await trainer.getByRole('button', { name: 'Bật cho điện thoại tham gia' }).click()
  const text = await trainer.getByTestId('phones-on').innerText()
  const match = /(http:\/\/127\.0\.0\.1:\d+\/) · mã (\d{4})/.exec(text)
  if (!match) throw new Error(`no join address in "${text}"`)
  return { url: match[1]!, code: match[2]! }
}

/** The files of a downloaded ZIP, by name. */
export async function readZip(path: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.fromBufferPromise(await readFile(path), { lazyEntries: true })
  const files = new Map<string, Buffer>()
  await new Promise<void>((done, fail) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      void zip.openReadStreamPromise(entry).then(async (stream) => {
        const chunks: Buffer[] = []
        for await (const chunk of stream) chunks.push(chunk as Buffer)
        files.set(entry.fileName, Buffer.concat(chunks))
        zip.readEntry()
      }, fail)
    })
    zip.on('end', () => done())
    zip.on('error', fail)
    zip.readEntry()
  })
  return files
}

/** A Word file's text and tables, read by a library other than the writer (see office-test-readers). */
export async function readDocx(path: string): Promise<{ text: string; tables: string[][][] }> {
  return readDocxBuffer(await readFile(path))
}

/** An Excel workbook's sheets by name, each as rows of cell values, read by exceljs. */
export async function readXlsx(path: string): Promise<Map<string, unknown[][]>> {
  return (await readXlsxBuffer(await readFile(path))).sheets
}

/**
 * Opens an exported file from disk in a new browser context where every request but `file:` is
 * aborted and recorded: a self-contained export renders completely with `attempts` left empty.
 */
export async function openOffline(
  browser: Browser,
  path: string
): Promise<{ page: Page; context: BrowserContext; attempts: string[] }> {
  const context = await browser.newContext()
  const attempts: string[] = []
  await context.route('**/*', (route) => {
    if (route.request().url().startsWith('file:')) return route.continue()
    attempts.push(route.request().url())
    return route.abort()
  })
  const page = await context.newPage()
  await page.goto(`file://${path}`)
  return { page, context, attempts }
}
