import { type Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { openAudience, startPhones, startSession } from './session-helpers'

const screens = 'test-results/screens'

/** What the room sees right now, as text (slides, prompts, polls). */
const roomText = (audience: Page): Promise<string> => audience.getByTestId('audience').innerText()

test("the trainer's phone pairs from the presenter, presses next, and the projector moves", async ({
  trainer,
  browser
}) => {
  test.setTimeout(120_000)
  await trainer.setViewportSize({ width: 1280, height: 720 })
  await startSession(trainer, 'Tóm tắt hai hội nghị')
  const audience = await openAudience(trainer)

  // Pairing needs phones on: with phones turned off, the panel says so and offers to turn them on again.
  const { url: phonesUrl, code: joinCode } = await startPhones(trainer)
  await trainer.getByRole('button', { name: 'Tắt', exact: true }).click()
  const panel = trainer.getByTestId('remote-pairing')
  await panel.getByText('Điều khiển bằng điện thoại').click()
  await panel.getByRole('button', { name: 'Bật điện thoại' }).click()
  await expect(trainer.getByTestId('phones-on')).toContainText(phonesUrl)

  await panel.getByRole('button', { name: 'Ghép điện thoại' }).click()
  const code = (await panel.getByTestId('remote-code').innerText()).trim()
  expect(code).toMatch(/^\d{6}$/)
  expect(code).not.toContain(joinCode)
  await panel.scrollIntoViewIfNeeded()
  await trainer.screenshot({ path: `${screens}/remote-pairing-vi-1280x720.png` })
  const pairUrl = (await panel.locator('img.qr-small').getAttribute('alt'))!
  expect(pairUrl).toMatch(new RegExp(`^${phonesUrl}r/pair/[A-Za-z0-9_-]{22}$`))
  // Never on the projector.
  const token = pairUrl.split('/').pop()!
  expect(await audience.content()).not.toContain(code)
  expect(await audience.content()).not.toContain(token)

  // The trainer's phone: a second browser, phone-sized, opens the QR code's address.
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })
  const phone = await context.newPage()
  await phone.goto(pairUrl)
  await expect(phone.getByTestId('remote-now')).toBeVisible()
  await expect(panel.getByTestId('remote-paired')).toContainText('1')
  await phone.screenshot({ path: `${screens}/remote-vi-360x740.png` })
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)

  // A replayed code is refused with a clear page.
  const replay = await context.newPage()
  await replay.goto(pairUrl)
  await expect(replay.getByText('đã được dùng hoặc đã hết hạn')).toBeVisible()
  await replay.close()

  const before = await roomText(audience)
  const now = await phone.getByTestId('remote-now').innerText()
  await phone.getByRole('button', { name: 'Tiếp ▶' }).click()
  await expect.poll(() => roomText(audience)).not.toBe(before)
  await expect(phone.getByTestId('remote-now')).not.toHaveText(now)
  // Blank from the phone: the projector goes black.
  await phone.getByRole('button', { name: 'Tắt màn chiếu' }).click()
  await expect(audience.getByTestId('audience')).toHaveAttribute('data-kind', 'blank')
  await phone.getByRole('button', { name: 'Hiện lại màn chiếu' }).click()
  await expect(audience.getByTestId('audience')).not.toHaveAttribute('data-kind', 'blank')

  // The remote in English.
  await phone.getByRole('link', { name: 'English' }).click()
  await expect(phone.getByRole('button', { name: 'Next ▶' })).toBeVisible()
  await phone.screenshot({ path: `${screens}/remote-en-360x740.png` })

  // The pairing panel in English: a second remote is added, then all are unpaired.
  await trainer.getByRole('button', { name: 'English' }).click()
  await expect(panel.getByTestId('remote-paired')).toContainText('Paired remotes: 1')
  await panel.getByRole('button', { name: 'Add another' }).click()
  await expect(panel.getByTestId('remote-code')).toBeVisible()
  await panel.scrollIntoViewIfNeeded()
  await trainer.screenshot({ path: `${screens}/remote-pairing-en-1280x720.png` })
  await panel.getByRole('button', { name: 'Unpair' }).click()
  await expect(panel.getByRole('button', { name: 'Pair a phone' })).toBeVisible()
  // The phone's next refresh is refused: it is back at the pairing form.
  await expect(phone.getByRole('heading', { name: 'Pair this phone as a remote' })).toBeVisible()
  await context.close()
})
