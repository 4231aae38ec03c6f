import { type Browser, type BrowserContext, type Page } from '@playwright/test'
import { newDataDir, startHost } from './browser-host'
import { expect, test } from './fixtures'
import { openAudience, startSession } from './session-helpers'

/*
 * Issue 13, the room as it is: "up to three" on phones with and without JavaScript, the phones panel at hand
 * with a one-click offer to turn phones on, counts on the projector as they are typed, "Responses: N", and the
 * display kept awake (Screen Wake Lock) in browser mode. Screenshots go to /tmp (1280×720 and 360×740).
 */
const shots = '/tmp'

/** Records every Screen Wake Lock request and release the page makes (the real API is still called). */
async function recordWakeLock(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: string[] = []
    ;(window as unknown as { wakeLog: string[] }).wakeLog = log
    const lock = navigator.wakeLock
    if (!lock) return
    const request = lock.request.bind(lock)
    lock.request = async (type) => {
      log.push(`request ${type}`)
      const sentinel = await request(type)
      sentinel.addEventListener('release', () => log.push('release'))
      return sentinel
    }
  })
}
const wakeLog = (page: Page): Promise<string[]> =>
  page.evaluate(() => [...(window as unknown as { wakeLog: string[] }).wakeLog])

async function phone(
  browser: Browser,
  url: string,
  code: string,
  javaScriptEnabled: boolean
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled })
  const page = await context.newPage()
  await page.goto(url)
  await page.locator('input[name="code"]').fill(code)
  await page.getByRole('button', { name: 'Tham gia' }).click()
  return { context, page }
}

test('the presenter keeps the display awake while the session runs and lets it sleep when paused', async ({
  trainer
}) => {
  await recordWakeLock(trainer)
  await trainer.reload()
  await startSession(trainer, 'Tóm tắt hai hội nghị')
  await expect.poll(() => wakeLog(trainer)).toContain('request screen')
  await trainer.getByRole('button', { name: 'Tạm dừng buổi học' }).click()
  await expect.poll(() => wakeLog(trainer)).toContain('release')
  await trainer.getByRole('button', { name: 'Tiếp tục buổi học' }).click()
  await expect.poll(async () => (await wakeLog(trainer)).filter((e) => e === 'request screen').length).toBe(2)
})

test('a show-of-hands count reaches the projector while it is typed, and "Responses" is large there', async ({
  trainer
}) => {
  await startSession(trainer, 'Tóm tắt hai hội nghị')
  const audience = await openAudience(trainer)
  await trainer.locator('.agenda-strip li[data-kind="poll"] button').nth(1).click()
  await trainer.getByRole('button', { name: /Mở bình chọn.*Đếm giơ tay/ }).click()
  const first = trainer.locator('.results input[type="number"]').first()
  await first.click()
  await first.pressSequentially('17')
  await expect(audience.getByTestId('option-count').first()).toHaveText('17')
  await expect(first).toBeFocused() // never left the field
  await expect(audience.getByTestId('responses-count')).toHaveText('17 người trả lời')
  const size = await audience.getByTestId('responses-count').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  const option = await audience
    .locator('.option-label')
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  expect(size).toBeGreaterThanOrEqual(option * 1.4) // larger than the options themselves
  await audience.screenshot({ path: `${shots}/small-audience-typed-count-vi-1280x720.png` })
})

test('up to three: phones panel at hand, one click turns phones on and opens the poll, a fourth choice is refused', async ({
  trainer,
  browser
}) => {
  test.setTimeout(120_000)
  await startSession(trainer, 'Cộng đồng cùng hành động')
  const audience = await openAudience(trainer)
  await trainer.locator('.agenda-strip li[data-kind="poll"] button', { hasText: 'ưu tiên' }).click()
  await expect(trainer.getByTestId('poll-max-choices')).toContainText('tối đa 3')

  // The phones panel is on screen without scrolling at 1280×720, open, its network chooser ready.
  // (The agenda button scrolled the page down to itself; the trainer moving by keys stays at the top.)
  await trainer.evaluate(() => window.scrollTo(0, 0))
  const panel = trainer.getByTestId('phones-panel')
  await expect(panel).toBeInViewport({ ratio: 1 })
  await trainer.getByLabel('Mạng').selectOption({ value: '127.0.0.1' })
  await trainer.screenshot({ path: `${shots}/small-presenter-poll-phones-vi-1280x720.png` })

  // Opening for phones while they are off offers to turn them on; one click does both.
  await trainer.getByRole('button', { name: /Mở bình chọn.*Điện thoại/ }).click()
  await expect(trainer.getByTestId('phones-offer')).toBeVisible()
  await trainer.screenshot({ path: `${shots}/small-presenter-phones-offer-vi-1280x720.png` })
  await trainer.getByRole('button', { name: 'Bật điện thoại và mở bình chọn' }).click()
  await expect(trainer.getByText('Đang mở · Điện thoại')).toBeVisible()
  const joined = /(http:\/\/127\.0\.0\.1:\d+\/) · mã (\d{4})/.exec(await trainer.getByTestId('phones-on').innerText())
  expect(joined).not.toBeNull()
  const [url, code] = [joined![1]!, joined![2]!]
  await expect(audience.getByTestId('join-code')).toHaveText(code)

  // With JavaScript: after three boxes the others are greyed out, under a visible "up to 3".
  const withJs = await phone(browser, url, code, true)
  await expect(withJs.page.getByText('Chọn tối đa 3 đáp án.')).toBeVisible()
  const boxes = withJs.page.locator('input[type="checkbox"]')
  for (let i = 0; i < 3; i++) await boxes.nth(i).check()
  await expect(boxes.nth(3)).toBeDisabled()
  await withJs.page.screenshot({ path: `${shots}/small-phone-up-to-three-vi-360x740.png`, fullPage: true })
  await withJs.page.getByRole('button', { name: 'Gửi câu trả lời' }).click()
  await expect(withJs.page.getByText('Đã lưu câu trả lời.', { exact: false })).toBeVisible()

  // Without JavaScript: four boxes can be sent; the server refuses with a sentence and keeps the four ticked.
  const noJs = await phone(browser, url, code, false)
  const plain = noJs.page.locator('input[type="checkbox"]')
  for (let i = 0; i < 4; i++) await plain.nth(i).check()
  await noJs.page.getByRole('button', { name: 'Gửi câu trả lời' }).click()
  await expect(noJs.page.getByText('câu này nhận tối đa 3 lựa chọn', { exact: false })).toBeVisible()
  for (let i = 0; i < 4; i++) await expect(plain.nth(i)).toBeChecked()
  await noJs.page.screenshot({ path: `${shots}/small-phone-refused-vi-360x740.png`, fullPage: true })
  await noJs.page.getByRole('link', { name: 'English' }).click()
  await expect(noJs.page.getByText('Choose up to 3 answers.')).toBeVisible()
  await noJs.page.screenshot({ path: `${shots}/small-phone-up-to-three-en-360x740.png`, fullPage: true })

  // One answer counted, shown large on the projector.
  await expect(audience.getByTestId('responses-count')).toHaveText('1 người trả lời')
  await audience.screenshot({ path: `${shots}/small-audience-responses-vi-1280x720.png` })
  await trainer.getByRole('button', { name: 'English' }).click()
  await expect(trainer.getByTestId('poll-max-choices')).toContainText('Each person chooses up to 3.')
  await trainer.screenshot({ path: `${shots}/small-presenter-poll-phones-en-1280x720.png` })
  await withJs.context.close()
  await noJs.context.close()
})

test('when the browser-mode host stops, the presenter does not move ahead on its own and says so', async ({
  browser
}) => {
  // Its own host and page: the stopped host makes the browser log failed requests, which the shared
  // trainer fixture counts as errors.
  const host = await startHost(await newDataDir())
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } })
  try {
    const trainer = await context.newPage()
    await trainer.goto(host.url)
    await startSession(trainer, 'Tóm tắt hai hội nghị')
    const title = trainer.getByTestId('current-slide').locator('h1')
    const before = await title.innerText()
    await host.stop()
    await trainer.keyboard.press('PageDown')
    await trainer.keyboard.press('PageDown')
    const banner = trainer.getByTestId('connection-banner')
    await expect(banner).toContainText('Không liên lạc được với ứng dụng')
    await expect(banner).toContainText('Đang giữ 2 lần bấm chưa gửi được.')
    await expect(title).toHaveText(before) // the presses are not shown as done
    await trainer.screenshot({ path: `${shots}/small-presenter-unreachable-vi-1280x720.png` })
    await trainer.getByRole('button', { name: 'English' }).click()
    await expect(banner).toContainText('The app cannot be reached')
    await trainer.screenshot({ path: `${shots}/small-presenter-unreachable-en-1280x720.png` })
  } finally {
    await context.close()
    await host.stop()
  }
})
