import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { findChromium } from '../scripts/find-chromium.mjs'
import { expect, test } from './fixtures'
import { startSession } from './session-helpers'

/** Browser mode, issue 14 item 11: "PDF" gives a PDF file, made by the host's Chromium. */
const screens = 'test-results/screens'

async function openSummary(trainer: Page): Promise<void> {
  await startSession(trainer, 'Tóm tắt hai hội nghị', 'Hội trường Ánh Dương')
  await trainer.getByRole('button', { name: 'Tóm tắt', exact: true }).click()
  await expect(trainer.getByTestId('summary')).toBeVisible()
}

test('pressing PDF on the summary downloads an A4 PDF named like the other exports', async ({ trainer }, testInfo) => {
  test.skip(!findChromium(), 'no Chromium on this machine for the host to print with')
  test.setTimeout(90_000)
  await openSummary(trainer)
  const download = trainer.waitForEvent('download')
  const started = Date.now()
  await trainer.getByRole('button', { name: 'In / PDF' }).click()
  const pdf = await download
  console.log(`summary PDF in browser mode: ${Date.now() - started} ms`)
  expect(pdf.suggestedFilename()).toMatch(/-conference-briefing-vi\.pdf$/)
  const path = testInfo.outputPath(pdf.suggestedFilename())
  await pdf.saveAs(path)
  const bytes = await readFile(path)
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  expect(bytes.toString('latin1')).toMatch(/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]/)
  // No print tab opened, and no error shown.
  expect(trainer.context().pages()).toHaveLength(1)
  await expect(trainer.getByRole('alert')).toHaveCount(0)
  await trainer.screenshot({ path: `${screens}/summary-pdf-vi-1280x720.png` })
})

test.describe('a host without a Chromium', () => {
  test.use({ hostEnv: { ROUNDTABLE_CHROMIUM: '/nonexistent/chromium' } })

  test('without a Chromium the trainer reads why and gets the print tab', async ({ trainer }) => {
    await trainer.setViewportSize({ width: 360, height: 740 })
    await openSummary(trainer)
    const tab = trainer.context().waitForEvent('page')
    await trainer.getByRole('button', { name: 'In / PDF' }).click()
    await expect((await tab).locator('body')).toContainText('Ánh Dương')
    await expect(trainer.getByRole('alert')).toContainText('Không tìm thấy Chromium, Chrome hay Edge để tạo tệp PDF')
    await trainer.bringToFront()
    await trainer.screenshot({ path: `${screens}/summary-pdf-no-chromium-vi-360x740.png` })
    // The language switch reloads the summary (which clears the message); press again in English.
    await trainer.getByRole('button', { name: 'English' }).click()
    const again = trainer.context().waitForEvent('page')
    await trainer.getByRole('button', { name: 'Print / PDF' }).click()
    await again
    await trainer.bringToFront()
    await expect(trainer.getByRole('alert')).toContainText('No Chromium, Chrome or Edge was found to make the PDF')
    await trainer.screenshot({ path: `${screens}/summary-pdf-no-chromium-en-360x740.png` })
    await trainer.setViewportSize({ width: 1280, height: 720 })
    await trainer.screenshot({ path: `${screens}/summary-pdf-no-chromium-en-1280x720.png` })
  })
})
