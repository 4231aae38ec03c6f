import type { Page } from '@playwright/test'
import { expect } from './fixtures'

/** Opens a bundled workshop by (part of) its Vietnamese title and starts a session from it. */
export async function startSession(trainer: Page, workshopTitle: string, venue = 'Hội trường'): Promise<void> {
  await trainer.locator('.card', { hasText: workshopTitle }).getByRole('button', { name: 'Xem' }).click()
  await trainer.getByRole('button', { name: 'Bắt đầu buổi tập huấn' }).click()
  await trainer.getByLabel('Địa điểm').fill(venue)
  await trainer.getByLabel('Tập huấn viên').fill('Chị Lan')
  await trainer.getByRole('button', { name: 'Bắt đầu', exact: true }).click()
  await expect(trainer.getByTestId('presenter')).toBeVisible()
}

export async function openAudience(trainer: Page, buttonName = 'Mở màn hình khán giả'): Promise<Page> {
  const [audience] = await Promise.all([
    trainer.context().waitForEvent('page'),
    trainer.getByRole('button', { name: buttonName }).click()
  ])
  await audience.setViewportSize({ width: 1280, height: 720 })
  await expect(audience.getByTestId('audience')).toBeVisible()
  return audience
}

/** Lets phones join over loopback only (tests never send traffic beyond this machine). */
export async function startPhones(trainer: Page): Promise<{ url: string; code: string }> {
  await trainer.getByText('Điện thoại người tham gia').click()
  await trainer.getByLabel('Mạng').selectOption({ value: '127.0.0.1' })
  await trainer.getByRole('button', { name: 'Bật cho điện thoại tham gia' }).click()
  const text = await trainer.getByTestId('phones-on').innerText()
  const match = /(http:\/\/127\.0\.0\.1:\d+\/) · mã (\d{4})/.exec(text)
  if (!match) throw new Error(`no join address in "${text}"`)
  return { url: match[1]!, code: match[2]! }
}
