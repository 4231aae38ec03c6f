import { devices, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { openAudience, startPhones, startSession } from './session-helpers'

const screens = 'test-results/screens'
const phone = devices['Pixel 5']

async function joinPhone(
  browser: Browser,
  url: string,
  code: string,
  javaScriptEnabled = true
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...phone, javaScriptEnabled })
  const page = await context.newPage()
  await page.goto(url)
  await page.locator('input[name="code"]').fill(code)
  await page.getByRole('button', { name: 'Tham gia' }).click()
  return { context, page }
}

test('twenty phones answer a poll over the participant network and the projector shows their counts', async ({
  trainer,
  browser
}) => {
  test.setTimeout(120_000)
  await startSession(trainer, 'Tóm tắt hai hội nghị')
  const audience = await openAudience(trainer)
  const { url, code } = await startPhones(trainer)

  // The single-choice poll: open it for phones.
  await trainer.locator('.agenda-strip li[data-kind="poll"] button').nth(1).click()
  await trainer.getByRole('button', { name: /Mở bình chọn.*Điện thoại/ }).click()
  await expect(audience.getByTestId('join-code')).toHaveText(code)
  await expect(audience.getByTestId('join-url')).toHaveText(url)
  await expect(audience.locator('img.qr')).toBeVisible()
  await audience.screenshot({ path: `${screens}/audience-join-vi-1280x720.png` })

  const phones: { context: BrowserContext; page: Page }[] = []
  for (let i = 0; i < 20; i++) phones.push(await joinPhone(browser, url, code))
  const options = await phones[0]!.page.locator('input[type="radio"]').count()
  expect(options).toBeGreaterThan(1)
  await phones[0]!.page.screenshot({ path: `${screens}/phone-question-vi-360.png`, fullPage: true })
  // Participants can switch the page to English.
  const english = await joinPhone(browser, url, code)
  await english.page.getByRole('link', { name: 'English' }).click()
  await expect(english.page.getByRole('button', { name: 'Send answer' })).toBeVisible()
  await english.page.screenshot({ path: `${screens}/phone-question-en-360.png`, fullPage: true })
  await english.context.close()

  const expected = new Array<number>(options).fill(0)
  await Promise.all(
    phones.map(async ({ page }, i) => {
      const choice = i % options
      expected[choice]!++
      await page.locator('input[type="radio"]').nth(choice).check()
      await page.getByRole('button', { name: 'Gửi câu trả lời' }).click()
      await expect(page.getByRole('status')).toContainText('Đã lưu')
    })
  )
  // One phone changes its mind: still one answer from it.
  await phones[0]!.page.locator('input[type="radio"]').nth(1).check()
  await phones[0]!.page.getByRole('button', { name: 'Gửi câu trả lời' }).click()
  await expect(phones[0]!.page.getByRole('status')).toContainText('Đã lưu')
  expected[0]!--
  expected[1]!++

  const counts = audience.getByTestId('option-count')
  for (let i = 0; i < options; i++) await expect(counts.nth(i)).toHaveText(String(expected[i]))
  await expect(audience.getByText('20 người trả lời')).toBeVisible()
  await audience.screenshot({ path: `${screens}/audience-phone-results-vi-1280x720.png` })

  // A phone with JavaScript turned off answers through the plain form.
  const noScript = await joinPhone(browser, url, code, false)
  await noScript.page.locator('input[type="radio"]').first().check()
  await noScript.page.getByRole('button', { name: 'Gửi câu trả lời' }).click()
  await expect(noScript.page.getByText('Đã lưu câu trả lời')).toBeVisible()
  await expect(counts.first()).toHaveText(String(expected[0]! + 1))

  // Vote to projector: from the phone's acknowledgement to the audience view showing it.
  const before = Number(await counts.nth(2 % options).innerText())
  await phones[5]!.page
    .locator('input[type="radio"]')
    .nth(2 % options)
    .check()
  await phones[5]!.page.getByRole('button', { name: 'Gửi câu trả lời' }).click()
  await expect(phones[5]!.page.getByRole('status')).toContainText('Đã lưu')
  const acknowledged = Date.now()
  await expect(counts.nth(2 % options)).not.toHaveText(String(before))
  console.log(`vote-to-projector delay: ${Date.now() - acknowledged} ms`)

  // Closed polls take no more answers (the phone's page also moves on by itself, so post the form directly).
  const late = phones[1]!.page
  const blockId = await late.locator('input[name="block"]').inputValue()
  const radio = late.locator('input[type="radio"]').first()
  const form = { block: blockId, [(await radio.getAttribute('name'))!]: (await radio.getAttribute('value'))! }
  await trainer.getByRole('button', { name: 'Đóng bình chọn (O)' }).click()
  const refused = await phones[1]!.context.request.post(`${url}answer`, {
    form,
    headers: { Origin: url.replace(/\/$/, '') }
  })
  expect(refused.status()).toBe(409)

  for (const p of [...phones, noScript]) await p.context.close()
})

test('open-text answers with HTML or script appear as plain text on the presenter and the projector', async ({
  trainer,
  browser
}) => {
  await startSession(trainer, 'Cộng đồng cùng hành động')
  const audience = await openAudience(trainer)
  const { url, code } = await startPhones(trainer)
  await trainer.locator('.agenda-strip li[data-kind="poll"] button', { hasText: 'Việc tôi sẽ làm' }).click()
  await trainer.getByRole('button', { name: /Mở bình chọn.*Điện thoại/ }).click()

  const attack = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>đậm</b>'
  const { context, page } = await joinPhone(browser, url, code)
  await page.locator('textarea').fill(attack)
  await page.getByRole('button', { name: 'Gửi câu trả lời' }).click()
  await expect(page.getByRole('status')).toContainText('Đã lưu')

  // The trainer reviews it as text, then lets it on the projector.
  const review = trainer.locator('.open-answers li')
  await expect(review).toHaveCount(1)
  await expect(review.locator('.answer-text')).toHaveText(attack)
  await expect(audience.locator('.open-texts li')).toHaveCount(0)
  await review.getByRole('button', { name: 'Cho hiện' }).click()
  await expect(audience.locator('.open-texts li')).toHaveText(attack)
  expect(await audience.locator('.open-texts b, .open-texts img, .open-texts script').count()).toBe(0)
  expect(await audience.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
  expect(await trainer.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
  await audience.screenshot({ path: `${screens}/audience-open-text-vi-1280x720.png` })
  await context.close()
})
