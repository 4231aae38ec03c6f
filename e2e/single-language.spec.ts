import { readFile, writeFile } from 'node:fs/promises'
import { devices, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { vietnameseOnlyPackage } from '../electron/testing/vietnamese-only-package'
import { expect, test } from './fixtures'
import { screens, screenshotsBothWays } from './screens'
import { readZip, startPhones } from './session-helpers'

/** The Vietnamese-only fixture as a package file (a ZIP), as NGO staff would share it. */
async function packageFile(path: string): Promise<string> {
  const yazl = await import('yazl')
  const zip = new yazl.ZipFile()
  for (const [name, data] of Object.entries(vietnameseOnlyPackage())) zip.addBuffer(Buffer.from(data), name)
  zip.end()
  const chunks: Buffer[] = []
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer)
  await writeFile(path, Buffer.concat(chunks))
  return path
}

async function joinPhone(browser: Browser, url: string, code: string, javaScriptEnabled: boolean) {
  const context: BrowserContext = await browser.newContext({ ...devices['Pixel 5'], javaScriptEnabled })
  const page: Page = await context.newPage()
  await page.goto(url)
  await page.locator('input[name="code"]').fill(code)
  await page.getByRole('button', { name: 'Tham gia' }).click()
  return { context, page }
}

test('a Vietnamese-only workshop is imported, run with phones in Vietnamese only, closed and exported with its Vietnamese texts', async ({
  trainer,
  browser
}, testInfo) => {
  test.setTimeout(150_000)
  await trainer
    .getByTestId('import-input')
    .setInputFiles(await packageFile(testInfo.outputPath('hop-phu-huynh.roundtable')))
  const preview = trainer.getByTestId('import-preview')
  await expect(preview).toContainText('Họp phụ huynh về an toàn trên mạng')
  await expect(preview).not.toContainText('undefined')
  await preview.getByRole('button', { name: 'Nhập', exact: true }).click()
  const card = trainer.locator('.card', { hasText: 'Họp phụ huynh về an toàn trên mạng' })
  await expect(card).toBeVisible()

  // The library in English still shows the workshop's Vietnamese title, never an empty one.
  await trainer.getByRole('button', { name: 'English' }).click()
  await expect(card.locator('h2')).toHaveText('Họp phụ huynh về an toàn trên mạng')
  await trainer.getByRole('button', { name: 'Tiếng Việt' }).click()
  await card.getByRole('button', { name: 'Xem' }).click()
  await trainer.getByRole('button', { name: 'Bắt đầu buổi tập huấn' }).click()
  // The start form offers only the workshop's language.
  const language = trainer.getByLabel('Ngôn ngữ trình chiếu')
  await expect(language.locator('option')).toHaveText(['Tiếng Việt'])
  await expect(language).toHaveValue('vi')
  await trainer.getByLabel('Địa điểm').fill('Trường Tiểu học An Phú')
  await trainer.getByLabel('Tập huấn viên').fill('Chị Lan')
  await trainer.getByRole('button', { name: 'Bắt đầu', exact: true }).click()
  const presenter = trainer.getByTestId('presenter')
  await expect(presenter).toBeVisible()
  await expect(presenter).toContainText('Chào các anh chị')
  await screenshotsBothWays(trainer, 'vi-only-presenter', presenter)

  // Phones: one with JavaScript, one without; both in Vietnamese, with no switch to English.
  const { url, code } = await startPhones(trainer)
  await trainer.locator('.agenda-strip li[data-kind="poll"] button').first().click()
  await trainer.getByRole('button', { name: /Mở bình chọn.*Điện thoại/ }).click()
  const withScript = await joinPhone(browser, url, code, true)
  const noScript = await joinPhone(browser, url, code, false)
  for (const { page } of [withScript, noScript]) {
    await expect(page.locator('h1')).toHaveText('Điều cha mẹ lo nhất')
    await expect(page.getByText('Điều gì làm anh chị lo nhất khi con dùng mạng?')).toBeVisible()
    await expect(page.getByRole('link', { name: 'English' })).toHaveCount(0)
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi')
  }
  // Asking for English by its address changes nothing.
  await noScript.page.goto(`${url}l/en`)
  await expect(noScript.page.getByRole('button', { name: 'Gửi câu trả lời' })).toBeVisible()
  for (const [width, height] of [
    [360, 740],
    [1280, 720]
  ] as const) {
    await withScript.page.setViewportSize({ width, height })
    await withScript.page.screenshot({ path: `${screens}/vi-only-phone-vi-${width}x${height}.png`, fullPage: true })
  }
  await withScript.page.getByLabel('Người lạ nhắn tin').check()
  await withScript.page.getByRole('button', { name: 'Gửi câu trả lời' }).click()
  await expect(withScript.page.getByRole('status')).toContainText('Đã lưu')
  await noScript.page.getByLabel('Dùng quá nhiều thời gian').check()
  await noScript.page.getByRole('button', { name: 'Gửi câu trả lời' }).click()
  await expect(noScript.page.getByText('Đã lưu câu trả lời')).toBeVisible()
  await trainer.getByRole('button', { name: 'Đóng bình chọn (O)' }).click()
  await withScript.context.close()
  await noScript.context.close()

  await trainer.getByRole('button', { name: 'Kết thúc buổi học' }).click()
  await trainer.getByRole('button', { name: 'Tóm tắt', exact: true }).click()
  await expect(trainer.getByTestId('summary')).toBeVisible()
  const frame = trainer.frameLocator('iframe.summary-frame')
  await expect(frame.locator('body')).toContainText('Điều cha mẹ lo nhất')

  const downloads: { name: string; path: string }[] = []
  trainer.on('download', async (download) => {
    const path = testInfo.outputPath(download.suggestedFilename())
    await download.saveAs(path)
    downloads.push({ name: download.suggestedFilename(), path })
  })
  const exported = async (button: string, ending: string): Promise<string> => {
    await trainer.getByRole('button', { name: button, exact: true }).click()
    await expect.poll(() => downloads.filter((d) => d.name.endsWith(ending)).length).toBe(1)
    return downloads.find((d) => d.name.endsWith(ending))!.path
  }
  const html = await readFile(await exported('HTML', '.html'), 'utf8')
  for (const text of ['Họp phụ huynh về an toàn trên mạng', 'Điều cha mẹ lo nhất', 'Người lạ nhắn tin']) {
    expect(html).toContain(text)
  }
  expect(html).not.toContain('undefined')
  expect(html).not.toMatch(/<h[12][^>]*>\s*<\/h[12]>/)

  const tables = await readZip(await exported('CSV', '-csv.zip'))
  const polls = [...tables].find(([name]) => name.endsWith('polls.csv'))![1].toString('utf8')
  expect(polls).toContain('Điều cha mẹ lo nhất')
  expect(polls).toContain('Người lạ nhắn tin')
  for (const [, bytes] of tables) expect(bytes.toString('utf8')).not.toContain('undefined')

  const jsonText = await readFile(await exported('JSON', '.json'), 'utf8')
  expect(jsonText).not.toContain('undefined')
  const json = JSON.parse(jsonText)
  expect(JSON.stringify(json)).toContain('Họp phụ huynh về an toàn trên mạng')

  // A report in English keeps the labels in English and the workshop's texts in Vietnamese, and says so.
  await trainer.getByLabel('Ngôn ngữ báo cáo').selectOption('en')
  await expect(frame.locator('body')).toContainText('Session summary')
  await expect(frame.locator('body')).toContainText('Điều cha mẹ lo nhất')
  await expect(frame.locator('body')).toContainText('This workshop exists only in')
})

test('the editor reduces a copy of a bilingual workshop to Vietnamese after asking, and lists what to translate when English comes back', async ({
  trainer
}) => {
  test.setTimeout(90_000)
  await trainer.locator('.card', { hasText: 'Tóm tắt hai hội nghị' }).getByRole('button', { name: 'Xem' }).click()
  await trainer.getByRole('button', { name: 'Tạo bản sao để chỉnh sửa' }).click()
  await expect(trainer.getByTestId('editor')).toBeVisible()
  const setting = trainer.getByTestId('languages-setting')
  const english = setting.getByRole('checkbox', { name: 'English' })
  const title = trainer.locator('.editor-summary fieldset', { hasText: 'Tên hội thảo' }).first()
  await expect(title.locator('input')).toHaveCount(2)

  // Unticking English asks first; cancelling keeps everything.
  await english.click()
  await expect(setting.getByRole('alertdialog')).toContainText('xoá mọi nội dung bằng ngôn ngữ đó')
  await setting.getByRole('button', { name: 'Huỷ' }).click()
  await expect(english).toBeChecked()
  await expect(title.locator('input')).toHaveCount(2)

  await english.click()
  await setting.getByRole('button', { name: 'Bỏ English' }).click()
  await expect(english).not.toBeChecked()
  await expect(title.locator('input')).toHaveCount(1)
  // The one language's field takes the whole width, not half of it.
  const fieldWidth = (await title.boundingBox())?.width ?? 0
  expect((await title.locator('input').boundingBox())?.width ?? 0).toBeGreaterThan(fieldWidth * 0.8)
  await expect(setting.getByRole('checkbox', { name: 'Tiếng Việt' })).toBeDisabled()
  await expect(trainer.getByText('Hội thảo hợp lệ, có thể dùng ngay')).toBeVisible({ timeout: 10_000 })
  await screenshotsBothWays(trainer, 'editor-languages', setting)

  // English back: every text to translate is a problem, with its field.
  await english.check()
  await expect(title.locator('input')).toHaveCount(2)
  const problems = trainer.locator('.problems-box')
  await expect(problems).toContainText('Trường “title” chưa có nội dung bằng ngôn ngữ “en”', { timeout: 10_000 })
  await expect(problems).toContainText('blocks[1].title')
  await trainer.screenshot({ path: `${screens}/editor-languages-added-vi-1280x720.png`, fullPage: true })
})
