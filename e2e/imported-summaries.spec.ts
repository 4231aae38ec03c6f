import { writeFile } from 'node:fs/promises'
import { expect, test } from './fixtures'

const screens = 'test-results/screens'

test('a summary imported twice is said to be already imported, and its Vietnamese and English reports are one entry', async ({
  trainer,
  host
}, testInfo) => {
  const session = await host.call<{ id: string }>('session.start', {
    workshopId: 'conference-briefing',
    details: { venue: 'Nhà văn hoá xã', date: '2026-11-20', trainer: 'Chị Lan', language: 'vi', plannedStart: '08:30' }
  })
  const paths: Record<'vi' | 'en', string> = {
    vi: testInfo.outputPath('bao-cao-vi.json'),
    en: testInfo.outputPath('report-en.json')
  }
  for (const language of ['vi', 'en'] as const) {
    const exported = await host.call<{ files: { content: string }[] }>('session.export', {
      id: session.id,
      language,
      format: 'json'
    })
    await writeFile(paths[language], exported.files[0]!.content)
  }
  await trainer.reload()
  const input = trainer.getByTestId('summary-input')
  const entries = trainer.getByTestId('imported-session')

  await input.setInputFiles(paths.vi)
  await expect(trainer.getByRole('status')).toHaveText(
    /^\s*Đã nhập báo cáo “Tóm tắt hai hội nghị.*” \(20\/11\/2026\)\.\s*$/
  )
  await expect(entries).toHaveCount(1)

  await input.setInputFiles(paths.vi)
  await expect(trainer.getByRole('status')).toContainText('đã được nhập trước đây; không có gì thay đổi.')
  await expect(entries).toHaveCount(1)
  await expect(trainer.getByRole('button', { name: 'Xem báo cáo' })).toHaveCount(1)

  await input.setInputFiles(paths.en)
  await expect(trainer.getByRole('status')).toContainText('Đã nhập báo cáo “Briefing')
  await expect(entries).toHaveCount(1)
  await expect(entries.first().locator('.session-title')).toContainText('Tóm tắt hai hội nghị')
  await expect(entries.first().getByRole('button')).toHaveText(['Xem (Tiếng Việt)', 'Xem (English)'])
  await entries.first().scrollIntoViewIfNeeded()
  await trainer.screenshot({ path: `${screens}/imported-one-entry-vi-1280x720.png` })
  await trainer.setViewportSize({ width: 360, height: 740 })
  await entries.first().scrollIntoViewIfNeeded()
  await trainer.screenshot({ path: `${screens}/imported-one-entry-vi-360x740.png` })
  expect(await trainer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)

  await trainer.getByRole('button', { name: 'English', exact: true }).click()
  await expect(entries.first().locator('.session-title')).toContainText('Briefing')
  await expect(entries.first().getByRole('button')).toHaveText(['View (Tiếng Việt)', 'View (English)'])
  await entries.first().scrollIntoViewIfNeeded()
  await trainer.screenshot({ path: `${screens}/imported-one-entry-en-360x740.png` })
  await trainer.setViewportSize({ width: 1280, height: 720 })
  await entries.first().scrollIntoViewIfNeeded()
  await trainer.screenshot({ path: `${screens}/imported-one-entry-en-1280x720.png` })

  await input.setInputFiles(paths.en)
  await expect(trainer.getByRole('status')).toContainText('was already imported; nothing changed.')
  await entries.first().getByRole('button', { name: 'View (English)' }).click()
  await expect(trainer.frameLocator('iframe.summary-frame').locator('body')).toContainText(
    'Attendance by sex and age group'
  )
})
