import { startHost } from './browser-host'
import { expect, test } from './fixtures'
import { openAudience, startSession } from './session-helpers'

const screens = 'test-results/screens'

test('a trainer runs a session: slides follow on the audience screen, blanking, tally poll, notes, attendance', async ({
  trainer
}) => {
  await startSession(trainer, 'Tóm tắt hai hội nghị', 'Hội trường xã <b>An Phú</b>')
  const audience = await openAudience(trainer)

  // The audience shows the same slide as the presenter, and never the speaker notes.
  const presenterTitle = await trainer.getByTestId('current-slide').locator('h1').innerText()
  await expect(audience.locator('.audience-slide h1')).toHaveText(presenterTitle)
  const notes = await trainer.getByTestId('speaker-notes').innerText()
  expect(notes.length).toBeGreaterThan(10)
  expect(await audience.locator('body').innerText()).not.toContain(notes.slice(0, 40))
  await trainer.screenshot({ path: `${screens}/presenter-vi-1280x720.png` })
  await audience.screenshot({ path: `${screens}/audience-slide-vi-1280x720.png` })

  // A clicker's Page Down moves both windows on.
  await trainer.keyboard.press('PageDown')
  await expect(trainer.getByTestId('current-slide').locator('h1')).not.toHaveText(presenterTitle)
  const second = await trainer.getByTestId('current-slide').locator('h1').innerText()
  expect(second).not.toBe(presenterTitle)
  await expect(audience.locator('.audience-slide h1')).toHaveText(second)

  // Black screen and back.
  await trainer.keyboard.press('b')
  await expect(audience.getByTestId('audience')).toHaveAttribute('data-kind', 'blank')
  await trainer.keyboard.press('b')
  await expect(audience.locator('.audience-slide h1')).toHaveText(second)

  // Jump to the first opinion poll through the agenda and count hands.
  await trainer.locator('.agenda-strip li[data-kind="poll"] button').first().click()
  await trainer.getByRole('button', { name: /Mở bình chọn.*Đếm giơ tay/ }).click()
  await expect(audience.getByText('Giơ tay để trả lời')).toBeVisible()
  const tallies = trainer.locator('.results input[type="number"]')
  await expect(tallies.first()).toBeVisible() // count() does not wait for the controls to render
  const optionCount = await tallies.count()
  expect(optionCount).toBeGreaterThan(1)
  for (let i = 0; i < optionCount; i++) {
    await tallies.nth(i).fill(String(i + 3))
    await tallies.nth(i).press('Tab')
  }
  await trainer.getByRole('button', { name: 'Đóng bình chọn (O)' }).click()
  const counts = audience.getByTestId('option-count')
  await expect(counts).toHaveCount(optionCount)
  for (let i = 0; i < optionCount; i++) await expect(counts.nth(i)).toHaveText(String(i + 3))
  await audience.screenshot({ path: `${screens}/audience-poll-vi-1280x720.png` })

  // Discussion: countdown on the projector, and the group's notes kept with the session.
  await trainer.locator('.agenda-strip li[data-kind="discussion"] button').first().click()
  await trainer.keyboard.press('t')
  await expect(audience.getByRole('timer')).toBeVisible()
  await trainer.getByLabel('Nhóm', { exact: true }).fill('Nhóm 1')
  await trainer.getByLabel('Nhóm đã trình bày gì?').fill('<img src=x onerror=alert(1)> cần thêm đường dây nóng')
  await trainer.getByRole('button', { name: 'Thêm ghi chép' }).click()
  await expect(trainer.locator('.notes li', { hasText: 'cần thêm đường dây nóng' })).toContainText('<img src=x')

  // Attendance by sex and age group, no names.
  await trainer.getByText(/Điểm danh/).click()
  await trainer.getByLabel('Nữ 25–59').fill('12')
  await trainer.getByLabel('Nữ 25–59').press('Tab')
  await trainer.getByLabel('Nam 25–59').fill('7')
  await trainer.getByLabel('Nam 25–59').press('Tab')
  await expect(trainer.getByText('Tổng: 19')).toBeVisible()
  await trainer.screenshot({ path: `${screens}/presenter-discussion-vi-1280x720.png` })
})

test('after the host is killed mid-session, the session resumes at the same slide with its data', async ({
  trainer,
  host,
  browser
}) => {
  await startSession(trainer, 'Tóm tắt hai hội nghị', 'Trường THCS')
  await trainer.keyboard.press('ArrowRight')
  await expect(trainer.locator('.stage-label')).toContainText('2/')
  await trainer.keyboard.press('ArrowRight')
  await expect(trainer.locator('.stage-label')).toContainText('3/')
  const title = await trainer.getByTestId('current-slide').locator('h1').innerText()
  await trainer.getByText(/Điểm danh/).click()
  await trainer.getByLabel('Nữ 18–24').fill('5')
  await trainer.getByLabel('Nữ 18–24').press('Tab')
  await expect(trainer.getByText('Tổng: 5')).toBeVisible()

  await trainer.close()
  host.process.kill('SIGKILL') // a power cut: no clean shutdown
  await new Promise((resolve) => host.process.once('exit', resolve))

  const restarted = await startHost(host.dataDir)
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
    await page.goto(restarted.url)
    await page.getByRole('button', { name: 'Tiếp tục' }).first().click()
    await expect(page.getByTestId('current-slide').locator('h1')).toHaveText(title)
    await page.getByText(/Điểm danh/).click()
    await expect(page.getByText('Tổng: 5')).toBeVisible()
    await page.close()
  } finally {
    await restarted.stop()
  }
})

test('the presenter works in English too', async ({ trainer }) => {
  await trainer.getByRole('button', { name: 'English' }).click()
  await trainer.locator('.card', { hasText: 'Briefing' }).getByRole('button', { name: 'Open' }).click()
  await trainer.getByRole('button', { name: 'Start a session' }).click()
  await trainer.getByLabel('Presentation language').selectOption('en')
  await trainer.getByRole('button', { name: 'Start', exact: true }).click()
  await expect(trainer.getByRole('heading', { name: 'Speaker notes' })).toBeVisible()
  const audience = await openAudience(trainer, 'Open the audience screen')
  await expect(audience.locator('.audience-slide h1')).toBeVisible()
  await trainer.screenshot({ path: `${screens}/presenter-en-1280x720.png` })
  await audience.screenshot({ path: `${screens}/audience-slide-en-1280x720.png` })

  // No projector: the laptop shows the room's view; N shows the notes to the trainer, Esc goes back.
  await trainer.keyboard.press('s')
  await expect(trainer.getByTestId('audience')).toBeVisible()
  await expect(trainer.locator('.single-screen-notes')).toHaveCount(0)
  await trainer.keyboard.press('n')
  await expect(trainer.locator('.single-screen-notes')).toBeVisible()
  const before = await trainer.locator('.audience-slide h1').innerText()
  await trainer.keyboard.press('ArrowRight')
  await expect(trainer.locator('.audience-slide h1')).not.toHaveText(before)
  // The projector window follows the laptop's single-screen view.
  await expect(audience.locator('.audience-slide h1')).toHaveText(
    await trainer.locator('.audience-slide h1').innerText()
  )
  await trainer.screenshot({ path: `${screens}/single-screen-en-1280x720.png` })
  await trainer.keyboard.press('Escape')
  await expect(trainer.getByTestId('presenter')).toBeVisible()
})
