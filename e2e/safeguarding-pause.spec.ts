import { expect, test } from './fixtures'
import { openAudience, startSession } from './session-helpers'

const screens = 'test-results/screens'

test('one key pauses for safeguarding: the room sees a calm break screen, the trainer the script and numbers to call', async ({
  trainer
}) => {
  // The workshop's page shows the pause before the session, so the trainer can fill in local numbers first.
  await trainer
    .locator('.card', { hasText: 'Giữ an toàn cho trẻ trên mạng' })
    .getByRole('button', { name: 'Xem' })
    .click()
  await expect(trainer.getByTestId('workshop-pause')).toContainText('Tổng đài điện thoại quốc gia bảo vệ trẻ em: 111')
  await trainer
    .getByRole('button', { name: /Thư viện/ })
    .first()
    .click()
  await startSession(trainer, 'Giữ an toàn cho trẻ trên mạng')
  const audience = await openAudience(trainer)
  const slideTitle = await audience.locator('.audience-slide h1').innerText()

  await trainer.keyboard.press('p')
  const pause = trainer.getByTestId('safeguarding-pause')
  await expect(pause).toBeVisible()
  await expect(pause).toContainText('Anh chị làm gì')
  await expect(pause.locator('.pause-contacts')).toContainText('111')
  await expect(pause.locator('.pause-contacts')).toContainText('Cần kiểm tra tại địa phương')

  // The room sees an ordinary break: no slide, no word about safeguarding, no script, no number.
  await expect(audience.getByTestId('audience')).toHaveAttribute('data-kind', 'pause')
  await expect(audience.getByText('Chúng ta nghỉ một chút')).toBeVisible()
  const roomText = await audience.locator('body').innerText()
  expect(roomText).not.toContain(slideTitle)
  for (const hidden of ['an toàn', 'bảo vệ', '111', 'xâm hại']) expect(roomText).not.toContain(hidden)
  await trainer.setViewportSize({ width: 1280, height: 720 })
  await trainer.screenshot({ path: `${screens}/safeguarding-pause-presenter-vi-1280x720.png` })
  await audience.screenshot({ path: `${screens}/safeguarding-pause-audience-vi-1280x720.png` })

  // Moving on while paused changes nothing the room sees; the same key ends the pause where the trainer now is.
  await trainer.keyboard.press('PageDown')
  await expect(audience.getByTestId('audience')).toHaveAttribute('data-kind', 'pause')
  const presenterTitle = await trainer.getByTestId('current-slide').locator('h1').innerText()
  await trainer.keyboard.press('P')
  await expect(pause).toBeHidden()
  await expect(audience.locator('.audience-slide h1')).toHaveText(presenterTitle)

  // The button does the same, in English too.
  await trainer.getByRole('button', { name: 'English' }).click()
  await trainer.getByRole('button', { name: 'Safeguarding pause (P)' }).click()
  await expect(trainer.getByTestId('safeguarding-pause')).toContainText('Numbers to have at hand')
  await trainer.screenshot({ path: `${screens}/safeguarding-pause-presenter-en-1280x720.png` })
  await trainer.getByRole('button', { name: 'End the pause (P)' }).first().click()
  await expect(audience.getByTestId('audience')).toHaveAttribute('data-kind', 'slide')
})

test('a trainer fills in the local safeguarding lead in the editor, and the pause shows that number', async ({
  trainer
}) => {
  await trainer.locator('.card', { hasText: 'Giữ an toàn cho trẻ' }).getByRole('button', { name: 'Xem' }).click()
  await trainer.getByRole('button', { name: 'Tạo bản sao để chỉnh sửa' }).click()
  const pauseEditor = trainer.getByTestId('pause-editor')
  await pauseEditor.locator('summary').click()
  // Numbers first (1–4), then the steps: the third number is the organisation's safeguarding lead.
  const lead = pauseEditor.locator('fieldset').nth(2)
  await expect(lead.locator('input').first()).toHaveValue(/Người phụ trách bảo vệ trẻ em/)
  const filled = 'Người phụ trách bảo vệ trẻ em của tổ chức: chị Hoa, 0912 345 678 [@verify-locally]'
  await lead.locator('input').first().fill(filled)
  await lead
    .locator('input')
    .nth(1)
    .fill("Your organisation's child-safeguarding lead: Ms Hoa, 0912 345 678 [@verify-locally]")
  await pauseEditor.getByRole('button', { name: '+ Thêm số điện thoại' }).click()
  await expect(trainer.getByText('Đã lưu')).toBeVisible()
  await trainer.setViewportSize({ width: 1280, height: 720 })
  await pauseEditor.scrollIntoViewIfNeeded()
  await trainer.screenshot({ path: 'test-results/screens/pause-editor-vi-1280x720.png' })

  // The new, fifth number.
  const added = pauseEditor.locator('fieldset').nth(4)
  await added.locator('input').first().fill('Trạm y tế xã: 0243 000 000 [@verify-locally]')
  await added.locator('input').nth(1).fill('Commune health station: 0243 000 000 [@verify-locally]')
  await expect(trainer.getByText('Đã lưu')).toBeVisible()

  await trainer
    .getByRole('button', { name: /Hội thảo/ })
    .first()
    .click()
  await trainer.getByRole('button', { name: 'Bắt đầu buổi tập huấn' }).click()
  await trainer.getByLabel('Địa điểm').fill('Trường THCS')
  await trainer.getByLabel('Tập huấn viên').fill('Chị Lan')
  await trainer.getByRole('button', { name: 'Bắt đầu', exact: true }).click()
  await expect(trainer.getByTestId('presenter')).toBeVisible()
  await trainer.keyboard.press('p')
  const contacts = trainer.getByTestId('safeguarding-pause').locator('.pause-contacts')
  await expect(contacts).toContainText('chị Hoa, 0912 345 678')
  await expect(contacts).toContainText('Trạm y tế xã: 0243 000 000')
})
