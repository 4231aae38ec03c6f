import { readFile, writeFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { findChromium } from '../scripts/find-chromium.mjs'
import { expect, test } from './fixtures'
import type { RunningHost } from './browser-host'
import { openOffline, startSession } from './session-helpers'

/**
 * Issue 14 item 10: the exported HTML embeds the faces of Be Vietnam Pro it uses, so it looks (and
 * prints) the same on a computer that does not have the font, as this one does not.
 */
const screens = 'test-results/screens'
const FAMILY = 'Be Vietnam Pro'

interface PlatformFont {
  familyName: string
  postScriptName: string
  isCustomFont: boolean
  glyphCount: number
}

/**
 * The fonts Chromium really drew an element's text with (DevTools protocol): in the page, or in the
 * summary preview's frame (a sandboxed frame, in a process of its own or in the page's).
 */
async function drawnWith(page: Page, selector: string, inFrame = false): Promise<PlatformFont[]> {
  const frame = inFrame ? page.frames().find((f) => f !== page.mainFrame()) : undefined
  const cdp = await page
    .context()
    .newCDPSession(frame ?? page)
    .catch(() => page.context().newCDPSession(page))
  await cdp.send('DOM.enable')
  await cdp.send('CSS.enable')
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true })
  type Node = typeof root
  const frameDocument = (node: Node): Node | undefined =>
    node.contentDocument ?? node.children?.map(frameDocument).find(Boolean)
  const scope = (inFrame && frameDocument(root)) || root
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: scope.nodeId, selector })
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId })
  await cdp.detach()
  return fonts
}

/** The fonts drawn, by PostScript name ("BeVietnamPro-SemiBold"); a system font is marked as such. */
async function embeddedFontsOf(page: Page, selector: string, inFrame = false): Promise<string[]> {
  return (await drawnWith(page, selector, inFrame)).map((f) =>
    f.isCustomFont ? f.postScriptName : `system ${f.familyName}`
  )
}

/** The page's font faces of the embedded family, with their weight, range and load status. */
async function faces(page: Page): Promise<{ weight: string; range: string; status: string }[]> {
  return page.evaluate(async (family) => {
    await document.fonts.ready
    return [...document.fonts]
      .filter((face) => face.family.replace(/"/g, '') === family)
      .map((face) => ({ weight: face.weight, range: face.unicodeRange, status: face.status }))
  }, FAMILY)
}

/** A finished session of the briefing, exported as HTML in `language`, saved to a file. */
async function exportedHtml(host: RunningHost, language: 'vi' | 'en', venue: string, path: string): Promise<string> {
  const details = { venue, date: '2026-12-03', trainer: 'Lan', language, plannedStart: '08:00' }
  const session = await host.call<{ id: string }>('session.start', { workshopId: 'conference-briefing', details })
  await host.call('session.command', {
    id: session.id,
    command: { type: 'attendanceSet', sex: 'female', ageGroup: '25-59', count: 12 }
  })
  await host.call('session.command', { id: session.id, command: { type: 'status', status: 'finished' } })
  const { files } = await host.call<{ files: { content: string }[] }>('session.export', {
    id: session.id,
    language,
    format: 'html'
  })
  await writeFile(path, files[0]!.content, 'utf8')
  return path
}

test('this machine has no Be Vietnam Pro of its own', async ({ browser }) => {
  const page = await browser.newPage()
  await page.setContent(`<p style="font-family: '${FAMILY}', monospace">Hội trường</p>`)
  expect((await drawnWith(page, 'p')).map((f) => f.familyName).join()).not.toContain(FAMILY)
  await page.close()
})

test('a Vietnamese summary opened offline is drawn and printed in the embedded Be Vietnam Pro', async ({
  host,
  browser
}, testInfo) => {
  const path = await exportedHtml(host, 'vi', 'Hội trường Ánh Dương', testInfo.outputPath('summary-vi.html'))
  const { page, context, attempts } = await openOffline(browser, path)
  const loaded = (await faces(page)).filter((face) => face.status === 'loaded')
  // The body text (400) and the headings (700) need both range files: Vietnamese letters and latin ones.
  for (const weight of ['400', '700']) {
    expect(loaded.filter((face) => face.weight === weight).map((face) => face.range.slice(0, 6))).toEqual([
      'U+102-',
      'U+0-FF'
    ])
  }
  // Each weight from its embedded face: headings bold (700), table headers semibold (600), text regular.
  expect(await embeddedFontsOf(page, 'h1')).toEqual(['BeVietnamPro-Bold'])
  expect(await embeddedFontsOf(page, 'h2')).toEqual(['BeVietnamPro-Bold'])
  expect(await embeddedFontsOf(page, 'th')).toEqual(['BeVietnamPro-SemiBold'])
  expect(await embeddedFontsOf(page, 'header .sub')).toEqual(['BeVietnamPro-Regular'])
  await expect(page.locator('body')).toContainText('Ánh Dương')
  await page.screenshot({ path: `${screens}/summary-fonts-vi.png`, fullPage: true })
  // The PDF Chromium prints from the same HTML carries the same font.
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })
  for (const face of ['Regular', 'SemiBold', 'Bold'])
    expect(pdf.toString('latin1')).toMatch(new RegExp(`/BaseFont /[A-Z]{6}\\+BeVietnamPro-${face}`))
  expect(attempts).toEqual([])
  await context.close()
})

test("browser mode's PDF of a Vietnamese summary carries the embedded font", async ({ host }, testInfo) => {
  test.skip(!findChromium(), 'no Chromium on this machine for the host to print with')
  const path = await exportedHtml(host, 'vi', 'Hội trường Ánh Dương', testInfo.outputPath('summary-vi.html'))
  const { files } = await host.call<{ files: { content: string }[] }>('print.pdf', {
    html: await readFile(path, 'utf8'),
    fileName: 'summary-vi.html'
  })
  const pdf = Buffer.from(files[0]!.content, 'base64').toString('latin1')
  for (const face of ['Regular', 'SemiBold', 'Bold'])
    expect(pdf).toMatch(new RegExp(`/BaseFont /[A-Z]{6}\\+BeVietnamPro-${face}`))
})

test('an English summary carries the latin faces only, and is drawn with them', async ({ host, browser }, testInfo) => {
  const path = await exportedHtml(host, 'en', 'Community hall', testInfo.outputPath('summary-en.html'))
  const { page, context, attempts } = await openOffline(browser, path)
  const all = await faces(page)
  expect(all.map((face) => face.weight)).toEqual(['400', '600', '700'])
  expect(all.every((face) => face.range.startsWith('U+0-FF'))).toBe(true)
  expect(await embeddedFontsOf(page, 'h1')).toEqual(['BeVietnamPro-Bold'])
  await page.screenshot({ path: `${screens}/summary-fonts-en.png`, fullPage: true })
  expect(attempts).toEqual([])
  await context.close()
})

/** For `expect.poll`: the preview may redraw between two DevTools calls (a stale node id), so that try counts as not yet. */
const polledFontsOf = (page: Page, selector: string) => () =>
  embeddedFontsOf(page, selector, true).catch(() => ['(preview redrawn while read)'])

test("the summary's preview in the app is drawn in the embedded font too", async ({ trainer }) => {
  await startSession(trainer, 'Tóm tắt hai hội nghị', 'Hội trường Ánh Dương')
  await trainer.getByRole('button', { name: 'Tóm tắt', exact: true }).click()
  const frame = trainer.frameLocator('iframe.summary-frame')
  await expect(frame.locator('body')).toContainText('Ánh Dương')
  await expect.poll(polledFontsOf(trainer, 'h1')).toEqual(['BeVietnamPro-Bold'])
  await trainer.screenshot({ path: `${screens}/summary-fonts-preview-vi-1280x720.png` })
  await trainer.setViewportSize({ width: 360, height: 740 })
  await trainer.screenshot({ path: `${screens}/summary-fonts-preview-vi-360x740.png` })
  await trainer.getByLabel('Ngôn ngữ báo cáo').selectOption('en')
  await expect(frame.locator('h2').first()).not.toHaveText(/Điểm danh/)
  await expect.poll(polledFontsOf(trainer, 'h2')).toEqual(['BeVietnamPro-Bold'])
  await trainer.getByRole('button', { name: 'English' }).click()
  await trainer.screenshot({ path: `${screens}/summary-fonts-preview-en-360x740.png` })
  await trainer.setViewportSize({ width: 1280, height: 720 })
  await trainer.screenshot({ path: `${screens}/summary-fonts-preview-en-1280x720.png` })
})
