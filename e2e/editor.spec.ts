import { expect, test } from './fixtures'

const screens = 'test-results/screens'

test('NGO staff adapt a bundled workshop, share it as a file, and a trainer runs it', async ({ trainer }, testInfo) => {
  test.setTimeout(120_000)
  await trainer.locator('.card', { hasText: 'Giữ an toàn cho trẻ' }).getByRole('button', { name: 'Xem' }).click()
  await trainer.getByRole('button', { name: 'Tạo bản sao để chỉnh sửa' }).click()
  await expect(trainer.getByTestId('editor')).toBeVisible()
  const rows = trainer.getByTestId('builder-row')
  const titles = async () => rows.locator('.row-title').allInnerTexts()

  // Reorder: the second part moves up.
  const before = await titles()
  await rows.nth(1).getByRole('button', { name: 'Chuyển lên' }).click()
  expect((await titles()).slice(0, 2)).toEqual([before[1], before[0]])

  // Shorten a part by 5 minutes, and the target with it.
  const minutes = rows.nth(0).getByRole('spinbutton')
  const old = Number(await minutes.inputValue())
  await minutes.fill(String(old - 5))
  await minutes.press('Tab')
  const target = trainer.getByLabel('Thời lượng mục tiêu (phút)')
  const oldTarget = Number(await target.inputValue())
  await target.fill(String(oldTarget - 5))
  await target.press('Tab')

  // Add a poll, in both languages, after the selected part; the agenda grows by 5 minutes, so the target too.
  await trainer.getByLabel('Loại phần mới').selectOption('poll')
  await trainer.getByRole('button', { name: '+ Thêm phần' }).click()
  const part = trainer.locator('.block-editor')
  const field = (legend: string) => part.locator('fieldset', { hasText: legend }).first()
  await field('Tên phần').locator('input').nth(0).fill('Thăm dò nhanh')
  await field('Tên phần').locator('input').nth(1).fill('Quick poll')
  await field('Câu hỏi').locator('textarea').nth(0).fill('Con anh chị có điện thoại riêng không?')
  // Only Vietnamese so far: the editor flags the untranslated question.
  await expect(field('Câu hỏi')).toHaveClass(/untranslated/)
  await expect(trainer.getByTestId('untranslated')).toBeVisible()
  await trainer.screenshot({ path: `${screens}/editor-untranslated-vi-1280x720.png`, fullPage: true })
  await field('Câu hỏi').locator('textarea').nth(1).fill('Does your child have their own phone?')
  await expect(field('Câu hỏi')).not.toHaveClass(/untranslated/)
  for (const [i, [vi, en]] of [['Có', 'Yes'], ['Không', 'No']].entries()) {
    const option = part.locator('fieldset', { hasText: 'Lựa chọn' }).nth(i)
    await option.locator('input').nth(0).fill(vi!)
    await option.locator('input').nth(1).fill(en!)
  }
  // An agenda longer than the target is flagged…
  await expect(trainer.getByTestId('agenda-total')).toContainText('Vượt 5 phút')
  await trainer.screenshot({ path: `${screens}/editor-overlong-vi-1280x720.png`, fullPage: true })
  // …until the target matches.
  await target.fill(String(oldTarget))
  await target.press('Tab')
  await expect(trainer.getByText('Hội thảo hợp lệ, có thể dùng ngay')).toBeVisible({ timeout: 10_000 })

  // Undo and redo the last change.
  await trainer.locator('body').click({ position: { x: 5, y: 700 } })
  await trainer.getByRole('button', { name: '↶ Hoàn tác' }).click()
  await expect(target).toHaveValue(String(oldTarget - 5))
  await trainer.getByRole('button', { name: '↷ Làm lại' }).click()
  await expect(target).toHaveValue(String(oldTarget))
  await expect(trainer.getByText('Hội thảo hợp lệ, có thể dùng ngay')).toBeVisible({ timeout: 10_000 })

  // Quiz keys are edited too: the pre-test's first question in English, then its correct answer moves and back.
  await rows.filter({ hasText: 'Kiểm tra đầu buổi' }).locator('.row-select').click()
  const question = part.locator('fieldset.question').first()
  await question.locator('fieldset.bilingual').first().locator('textarea').nth(1).fill('Edited question text')
  const correct = question.getByRole('radio', { name: 'Đúng' })
  const right = await correct.evaluateAll((radios) => radios.findIndex((r) => (r as HTMLInputElement).checked))
  await correct.nth(right === 0 ? 1 : 0).check()
  await correct.nth(right).check()
  await expect(trainer.getByText('Hội thảo hợp lệ, có thể dùng ngay')).toBeVisible({ timeout: 10_000 })
  const overflow = await trainer.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow, 'the editor is wider than the window').toBeLessThanOrEqual(0)
  await trainer.screenshot({ path: `${screens}/editor-quiz-vi-1280x720.png` })

  // Share: export to one file, remove the workshop, import the file again.
  await trainer.getByRole('button', { name: '← Hội thảo' }).click()
  await expect(trainer.getByText(/Bản sao từ “parents-teachers-online-safety”/)).toBeVisible()
  const [download] = await Promise.all([trainer.waitForEvent('download'), trainer.getByRole('button', { name: 'Xuất ra tệp để chia sẻ' }).click()])
  const file = testInfo.outputPath(download.suggestedFilename())
  await download.saveAs(file)
  expect(download.suggestedFilename()).toMatch(/^parents-teachers-online-safety-copy-1\.0\.0\.roundtable$/)
  await trainer.getByRole('button', { name: 'Gỡ khỏi thư viện' }).click()
  await expect(trainer.locator('.card')).toHaveCount(3)
  await trainer.getByTestId('import-input').setInputFiles(file)
  await expect(trainer.getByText('Đã nhập “parents-teachers-online-safety-copy” phiên bản 1.0.0.')).toBeVisible()
  await expect(trainer.locator('.card')).toHaveCount(4)

  // A trainer runs it: the agenda is the edited one.
  const copy = trainer.locator('.card', { hasText: 'Của bạn' })
  await copy.getByRole('button', { name: 'Xem' }).click()
  await trainer.getByRole('button', { name: 'Bắt đầu buổi tập huấn' }).click()
  await trainer.getByRole('button', { name: 'Bắt đầu', exact: true }).click()
  await expect(trainer.getByTestId('presenter')).toBeVisible()
  const strip = await trainer.locator('.agenda-strip .strip-title').allInnerTexts()
  expect(strip.slice(0, 2)).toEqual([before[1], before[0]])
  expect(strip).toContain('Thăm dò nhanh')
})

test('a workshop file that is not a package is refused with a clear message and changes nothing', async ({ trainer }, testInfo) => {
  const file = testInfo.outputPath('not-a-workshop.roundtable')
  const { writeFile } = await import('node:fs/promises')
  await writeFile(file, 'this is not a zip file')
  await trainer.getByTestId('import-input').setInputFiles(file)
  await expect(trainer.getByRole('alert')).toContainText('Không nhập tệp not-a-workshop.roundtable')
  await expect(trainer.getByRole('alert')).toContainText('không phải tệp gói hội thảo hợp lệ')
  await expect(trainer.locator('.card')).toHaveCount(3)
})

test('the facilitator guide and the sign-in sheet open for printing, and print to A4 PDF', async ({ trainer, browser }, testInfo) => {
  await trainer.locator('.card', { hasText: 'Tóm tắt hai hội nghị' }).getByRole('button', { name: 'Xem' }).click()
  const [guide] = await Promise.all([
    trainer.context().waitForEvent('page'),
    trainer.getByRole('button', { name: 'Hướng dẫn điều phối (in / PDF)' }).click()
  ])
  await guide.waitForLoadState()
  await expect(guide.locator('h1').first()).toContainText('Tóm tắt hai hội nghị')
  await expect(guide.getByText('Cần kiểm tra tại địa phương').first()).toBeVisible()
  // The same document as a PDF, A4 (headless Chromium prints it exactly as the desktop app does).
  const html = await guide.content()
  const printer = await browser.newPage()
  await printer.setContent(html)
  const pdf = await printer.pdf({ path: testInfo.outputPath('guide.pdf'), preferCSSPageSize: true, printBackground: true })
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
  expect(pdf.length).toBeGreaterThan(20_000)
  await printer.close()

  const [sheet] = await Promise.all([
    trainer.context().waitForEvent('page'),
    trainer.getByRole('button', { name: 'Phiếu điểm danh (in / PDF)' }).click()
  ])
  await sheet.waitForLoadState()
  await expect(sheet.locator('tbody tr')).toHaveCount(30) // 30 numbered lines
})
