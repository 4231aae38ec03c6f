import { devices, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { screens, screenshotsBothWays } from './screens'
import { openAudience, startPhones, startSession } from './session-helpers'

/** Joins like a phone and opens the questions page from the link every phone page has. */
async function phoneAsking(
  browser: Browser,
  url: string,
  code: string,
  javaScriptEnabled = true
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...devices['Pixel 5'], javaScriptEnabled })
  const page = await context.newPage()
  await page.goto(url)
  await page.locator('input[name="code"]').fill(code)
  await page.getByRole('button', { name: 'Tham gia' }).click()
  await page.getByRole('link', { name: 'Đặt câu hỏi ẩn danh' }).click()
  await expect(page.getByRole('heading', { name: 'Đặt câu hỏi ẩn danh' })).toBeVisible()
  return { context, page }
}

async function ask(page: Page, text: string): Promise<void> {
  await page.getByLabel('Câu hỏi của bạn').fill(text)
  await page.getByRole('button', { name: 'Gửi câu hỏi' }).click()
  await expect(page.getByText('Đã gửi câu hỏi.')).toBeVisible()
}

const FIRST = 'Làm sao biết con đang nói chuyện với người lạ trên mạng?'
const SECOND = 'Có nên cho con dùng mạng xã hội trước 13 tuổi? <b>thật không</b>'
const DISCLOSURE = 'Cháu nhà hàng xóm tên Hoa bị một người lớn nhắn tin đe doạ'

test('phones ask and upvote questions; the trainer moderates; the projector shows approved ones by votes; the summary keeps them', async ({
  trainer,
  browser
}) => {
  test.setTimeout(180_000)
  await startSession(trainer, 'Giữ an toàn cho trẻ trên mạng')
  const audience = await openAudience(trainer)
  const { url, code } = await startPhones(trainer)

  // Questions can be sent while no poll is open; one phone has JavaScript turned off.
  const withScript = await phoneAsking(browser, url, code)
  const noScript = await phoneAsking(browser, url, code, false)
  const third = await phoneAsking(browser, url, code)
  await ask(withScript.page, FIRST)
  await ask(noScript.page, SECOND)
  await ask(third.page, DISCLOSURE)
  // Nothing is shown back to the phones before the trainer approves it.
  await expect(third.page.getByText('Chưa có câu hỏi nào được duyệt.')).toBeVisible()

  // The trainer sees all three, with counts and the safeguarding guidance beside the list.
  const panel = trainer.getByTestId('questions-panel')
  await expect(panel.getByTestId('question-item')).toHaveCount(3)
  await expect(panel.getByTestId('questions-counts')).toContainText('Đã nhận 3 · mới 3')
  await expect(panel).toContainText('Một câu hỏi có thể là một lời tiết lộ')
  await panel.getByText('Hướng dẫn bảo vệ trẻ em').click()
  await expect(panel.locator('.qa-guidance')).toContainText('111')
  const item = (text: string) => panel.getByTestId('question-item').filter({ hasText: text.slice(0, 30) })
  await item(FIRST).getByRole('button', { name: 'Duyệt' }).click()
  await item(SECOND).getByRole('button', { name: 'Duyệt' }).click()
  await item(DISCLOSURE).getByRole('button', { name: 'Ẩn' }).click()
  await expect(item(DISCLOSURE)).toHaveAttribute('data-status', 'hidden')
  await expect(panel.getByTestId('questions-counts')).toContainText('đã duyệt 2')

  // Phones upvote (the one without JavaScript through its plain form); a second press takes the vote back.
  await noScript.page.reload()
  const vote = (page: Page, text: string) =>
    page.locator('li', { hasText: text.slice(0, 30) }).getByRole('button', { name: 'Thích' })
  const unvote = noScript.page.getByRole('button', { name: 'Bỏ thích' })
  await vote(noScript.page, SECOND).click()
  await expect(noScript.page.getByText('Đã ghi nhận.')).toBeVisible()
  await expect(unvote).toHaveCount(1)
  await unvote.click()
  await expect(unvote).toHaveCount(0)
  await vote(noScript.page, SECOND).click()
  await expect(unvote).toHaveCount(1)
  await third.page.reload()
  await vote(third.page, SECOND).click()
  await expect(noScript.page.locator('body')).not.toContainText('tên Hoa')
  await noScript.page.reload()
  await expect(noScript.page.locator('li', { hasText: SECOND.slice(0, 30) })).toContainText('2 lượt thích')
  await expect(unvote).toHaveCount(1)

  // The phone page with approved questions to upvote, both languages and sizes.
  for (const [width, height] of [
    [360, 740],
    [1280, 720]
  ] as const) {
    await withScript.page.setViewportSize({ width, height })
    await withScript.page.goto(`${url}qa`)
    await withScript.page.screenshot({ path: `${screens}/questions-phone-vi-${width}x${height}.png`, fullPage: true })
    await withScript.page.goto(`${url}l/en`)
    await withScript.page.goto(`${url}qa`)
    await expect(withScript.page.getByRole('button', { name: 'Send question' })).toBeVisible()
    await withScript.page.screenshot({ path: `${screens}/questions-phone-en-${width}x${height}.png`, fullPage: true })
    await withScript.page.goto(`${url}l/vi`)
  }

  // The projector, on Q: approved questions only, most votes first, as text (never markup).
  await trainer.keyboard.press('q')
  await expect(audience.getByTestId('audience')).toHaveAttribute('data-kind', 'questions')
  const shown = audience.getByTestId('projector-questions').locator('li')
  await expect(shown).toHaveCount(2)
  await expect(shown.first()).toContainText(SECOND)
  await expect(shown.first()).toContainText('2 lượt thích')
  await expect(shown.nth(1)).toContainText(FIRST)
  expect(await audience.locator('b').count()).toBe(0)
  await expect(audience.locator('body')).not.toContainText('tên Hoa')
  await audience.screenshot({ path: `${screens}/questions-projector-vi-1280x720.png` })
  await audience.setViewportSize({ width: 360, height: 740 })
  await audience.screenshot({ path: `${screens}/questions-projector-vi-360x740.png` })
  await audience.setViewportSize({ width: 1280, height: 720 })

  // Answered questions leave the projector; one goes to the parking lot.
  await item(SECOND).getByRole('button', { name: 'Đã trả lời' }).click()
  await expect(shown).toHaveCount(1)
  await item(FIRST).getByRole('button', { name: 'Trả lời sau' }).click()
  await expect(shown).toHaveCount(0)
  await expect(audience.getByText('Chưa có câu hỏi nào được chiếu.')).toBeVisible()
  await expect(item(FIRST)).toContainText('trong danh sách trả lời sau')

  // The moderation list, both languages and sizes (the guidance folded again).
  await panel.getByText('Hướng dẫn bảo vệ trẻ em').click()
  await screenshotsBothWays(trainer, 'questions-presenter', panel)
  await trainer.keyboard.press('q')
  await expect(audience.getByTestId('audience')).not.toHaveAttribute('data-kind', 'questions')

  // The summary keeps the approved questions and their votes, and only counts the hidden one.
  await trainer.getByRole('button', { name: 'Kết thúc buổi học' }).click()
  await trainer.getByRole('button', { name: 'Tóm tắt', exact: true }).click()
  await expect(trainer.getByTestId('summary')).toBeVisible()
  const summary = trainer.frameLocator('iframe.summary-frame').locator('body')
  await expect(summary).toContainText('Câu hỏi ẩn danh từ người tham gia')
  await expect(summary).toContainText(SECOND)
  await expect(summary).toContainText(FIRST)
  await expect(summary).toContainText('Đã nhận 3 câu hỏi; 2 câu đã duyệt hoặc đã trả lời; 1 câu đã ẩn')
  await expect(summary).not.toContainText('tên Hoa')

  for (const phone of [withScript, noScript, third]) await phone.context.close()
})

test('in an English session the phones, the button and the projector speak English', async ({ trainer, browser }) => {
  test.setTimeout(120_000)
  await trainer.getByRole('button', { name: 'English' }).click()
  await trainer.locator('.card', { hasText: 'Briefing' }).getByRole('button', { name: 'Open' }).click()
  await trainer.getByRole('button', { name: 'Start a session' }).click()
  await trainer.getByLabel('Presentation language').selectOption('en')
  await trainer.getByRole('button', { name: 'Start', exact: true }).click()
  await expect(trainer.getByTestId('presenter')).toBeVisible()
  const audience = await openAudience(trainer, 'Open the audience screen')
  await trainer.getByRole('button', { name: 'Tiếng Việt' }).click()
  const { url, code } = await startPhones(trainer)
  await trainer.getByRole('button', { name: 'English' }).click()

  const context = await browser.newContext({ ...devices['Pixel 5'], javaScriptEnabled: false })
  const phone = await context.newPage()
  await phone.goto(url)
  await phone.locator('input[name="code"]').fill(code)
  await phone.getByRole('button', { name: 'Join' }).click()
  await phone.getByRole('link', { name: 'Ask a question anonymously' }).click()
  for (const text of ['Where can a parent report a threat online?', 'Is the 111 line free to call?']) {
    await phone.getByLabel('Your question').fill(text)
    await phone.getByRole('button', { name: 'Send question' }).click()
    await expect(phone.getByText('Question sent.')).toBeVisible()
  }

  const panel = trainer.getByTestId('questions-panel')
  await expect(panel.getByTestId('question-item')).toHaveCount(2)
  for (const approve of await panel.getByRole('button', { name: 'Approve' }).all()) await approve.click()
  await expect(panel.getByTestId('questions-counts')).toContainText('approved 2')
  await phone.reload()
  await phone.locator('li', { hasText: '111' }).getByRole('button', { name: 'Upvote' }).click()
  await expect(phone.getByText('Votes: 1')).toBeVisible()

  await panel.getByRole('button', { name: 'Show questions (Q)' }).click()
  await expect(panel.getByRole('button', { name: 'Show questions (Q)' })).toHaveAttribute('aria-pressed', 'true')
  const shown = audience.getByTestId('projector-questions').locator('li')
  await expect(shown.first()).toContainText('Is the 111 line free to call?')
  await expect(shown.first()).toContainText('1 vote')
  await expect(audience.getByText('Your questions')).toBeVisible()
  for (const [width, height] of [
    [1280, 720],
    [360, 740]
  ] as const) {
    await audience.setViewportSize({ width, height })
    await audience.screenshot({ path: `${screens}/questions-projector-en-${width}x${height}.png` })
  }
  await context.close()
})
