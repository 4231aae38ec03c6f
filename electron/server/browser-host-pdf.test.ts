import { readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findChromium } from '../../scripts/find-chromium.mjs'
import { BROWSER_PDF_PATH } from '../shared/api/bridge'
import { translate } from '../shared/i18n/translate'
import { bundledCoreOptions, sessionDetails } from '../testing/bundled-core'
import { createAppCore, type AppCore } from '../core/app-core'
import { startBrowserHost, TOKEN_HEADER, type BrowserHost } from './browser-host'

const token = 'pdf-test-token-0123456789abcdef'
const chromium = findChromium()
const hosts: BrowserHost[] = []
let core: AppCore
let dataDir: string
let sessionId: string

beforeAll(async () => {
  const options = await bundledCoreOptions('pdf')
  dataDir = options.dataDir
  core = await createAppCore(options)
  const details = sessionDetails({ venue: 'Hội trường Ánh Dương', trainer: 'Nguyễn Thị Lan' })
  sessionId = (await core.handlers['session.start']({ workshopId: 'conference-briefing', details })).id
  await core.handlers['session.command']({ id: sessionId, command: { type: 'next' } })
}, 30_000)
afterAll(async () => {
  await Promise.all(hosts.map((host) => host.close()))
  await core?.close()
  await rm(dataDir, { recursive: true, force: true })
})

async function hostWith(chromiumPath: string | null): Promise<BrowserHost> {
  const host = await startBrowserHost({ core, rendererDir: dataDir, token, port: 0, chromium: chromiumPath })
  hosts.push(host)
  return host
}

interface Reply {
  status: number
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any
}

async function post(
  host: BrowserHost,
  path: string,
  body: unknown,
  headers = { [TOKEN_HEADER]: token }
): Promise<Reply> {
  const response = await fetch(host.origin + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body)
  })
  return { status: response.status, json: await response.json() }
}

/** The summary's HTML export, as the PDF button asks for it. */
async function summaryHtml(host: BrowserHost): Promise<{ name: string; content: string }> {
  const reply = await post(host, '/api/session.export', { id: sessionId, language: 'vi', format: 'html' })
  expect(reply.status).toBe(200)
  return reply.json.result.files[0]
}

/** A PDF string `<FEFF…>` (UTF-16BE in hex) as text. */
function pdfHexText(hex: string): string {
  return Buffer.from(hex.slice(4), 'hex').swap16().toString('utf16le')
}

async function pdfTempDirs(): Promise<string[]> {
  return (await readdir(tmpdir())).filter((name) => name.startsWith('roundtable-pdf-'))
}

describe('browser mode prints documents to PDF with its Chromium', () => {
  it.skipIf(!chromium)(
    'the summary comes back as an A4 PDF with the session in Vietnamese, named like the HTML export, and no temp files stay',
    async () => {
      const host = await hostWith(chromium)
      const html = await summaryHtml(host)
      expect(html.content).toContain('Ánh Dương')
      const before = await pdfTempDirs()
      const started = Date.now()
      const reply = await post(host, BROWSER_PDF_PATH, { html: html.content, fileName: html.name })
      console.log(`PDF of the summary in ${Date.now() - started} ms`)
      expect(reply.status).toBe(200)
      const file = reply.json.result.files[0]
      expect(file).toMatchObject({ name: html.name.replace(/\.html$/, '.pdf'), type: 'application/pdf', base64: true })
      const pdf = Buffer.from(file.content, 'base64')
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
      const text = pdf.toString('latin1')
      // A4 is 595.28 × 841.89 points; Chromium rounds to its own pixel grid.
      const boxes = [...text.matchAll(/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]/g)]
      // One media box per page, as many as the page tree counts.
      const pages = text.match(/\/Type\s*\/Page\b/g) ?? []
      expect(pages.length).toBeGreaterThan(0)
      expect(boxes).toHaveLength(pages.length)
      expect(Number(/\/Type\s*\/Pages\b[^>]*\/Count (\d+)/.exec(text)?.[1] ?? /\/Count (\d+)/.exec(text)?.[1])).toBe(
        pages.length
      )
      for (const [, width, height] of boxes) {
        expect(Math.abs(Number(width) - 595.28)).toBeLessThan(1.5)
        expect(Math.abs(Number(height) - 841.89)).toBeLessThan(1.5)
      }
      // The document's title (the Vietnamese workshop title, with its diacritics) is the PDF's title.
      const title = /<title>([^<]*)<\/title>/.exec(html.content)![1]!
      expect(title).toMatch(/[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i)
      expect(pdfHexText(/\/Title <([0-9A-F]+)>/.exec(text)![1]!)).toBe(title.replace(/&amp;/g, '&'))
      expect(await pdfTempDirs()).toEqual(before)
    },
    90_000
  )

  it('without a Chromium the reply says so in one sentence, Vietnamese first, English second', async () => {
    const host = await hostWith(null)
    const html = await summaryHtml(host)
    const reply = await post(host, BROWSER_PDF_PATH, { html: html.content, fileName: html.name })
    expect(reply.status).toBe(200)
    expect(reply.json).toMatchObject({
      ok: false,
      error: { code: 'no-chromium', reason: { key: 'error.pdf-no-chromium' } }
    })
    expect(translate('vi', reply.json.error.reason.key)).toMatch(/^Không tìm thấy Chromium.*Ctrl\+P\)\.$/)
    expect(translate('en', reply.json.error.reason.key)).toMatch(/^No Chromium.*Ctrl\+P\)\.$/)
  })

  it('a Chromium that fails is reported with its reason and leaves no temp files', async () => {
    const host = await hostWith(process.execPath) // runs, but prints no PDF: node refuses Chromium's flags
    const before = await pdfTempDirs()
    const reply = await post(host, BROWSER_PDF_PATH, { html: '<!doctype html><p>x</p>', fileName: 'x.html' })
    expect(reply.status).toBe(500)
    expect(reply.json.error.reason.key).toBe('error.pdf-chromium-failed')
    expect(await pdfTempDirs()).toEqual(before)
  })

  it('refuses a call without the token, a file name with a path, unknown fields and a missing document', async () => {
    const host = await hostWith(null)
    const good = { html: '<p>x</p>', fileName: 'x.html' }
    expect((await post(host, BROWSER_PDF_PATH, good, { [TOKEN_HEADER]: 'wrong' })).status).toBe(401)
    for (const bad of [{ ...good, fileName: '../x.html' }, { ...good, extra: 1 }, { fileName: 'x.html' }, 'x']) {
      const reply = await post(host, BROWSER_PDF_PATH, bad)
      expect(reply.status).toBe(400)
      expect(reply.json.error.reason.key).toBe('error.print-invalid')
    }
  })
})
