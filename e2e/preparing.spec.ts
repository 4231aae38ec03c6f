import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { screenshotsBothWays } from './screens'

const BRIEFING = 'Tóm tắt hai hội nghị quốc tế'
const BRIEFING_COPY = 'Tóm tắt hai hội nghị quốc tế về bảo vệ trẻ em trên mạng (2019 và 2023) (bản sao)'

/** Copies the conference briefing from the library and opens the copy in the editor. */
async function copyTheBriefing(trainer: Page): Promise<void> {
  await trainer.locator('.card', { hasText: BRIEFING }).getByRole('button', { name: 'Xem' }).click()
  await trainer.getByRole('button', { name: 'Tạo bản sao để chỉnh sửa' }).click()
  await expect(trainer.getByTestId('editor')).toBeVisible()
}

test('a shorter agenda only warns: the copy still shows its page and starts, and the duration can follow the sum', async ({
  trainer
}) => {
  test.setTimeout(90_000)
  await copyTheBriefing(trainer)
  const minutes = trainer.getByTestId('builder-row').nth(0).getByRole('spinbutton')
  await expect(minutes).toHaveValue('6')
  await minutes.fill('4')
  await minutes.press('Tab')
  await expect(trainer.getByText('Đã lưu')).toBeVisible()
  await expect(trainer.getByTestId('agenda-short')).toHaveText('⚠ Ngắn hơn mục tiêu 2 phút')
  await expect(trainer.getByTestId('duration-to-sum')).toHaveText('Đặt thời lượng = 68 phút')
  await expect(trainer.locator('.problems-box')).toHaveCount(0)
  await screenshotsBothWays(trainer, 'editor-agenda-short', trainer.getByTestId('agenda-total'))

  // Back on the workshop's page: its title and agenda, not only its id; and it starts.
  await trainer.getByRole('button', { name: '← Hội thảo' }).click()
  await expect(trainer.getByRole('heading', { level: 1, name: BRIEFING_COPY, exact: true })).toBeVisible()
  await trainer.getByRole('button', { name: 'Bắt đầu buổi tập huấn' }).click()
  await trainer.getByLabel('Địa điểm').fill('Hội trường')
  await trainer.getByRole('button', { name: 'Bắt đầu', exact: true }).click()
  await expect(trainer.getByTestId('presenter')).toBeVisible()
})

test('the button sets the stated duration to the sum of the blocks', async ({ trainer, host }) => {
  await copyTheBriefing(trainer)
  const minutes = trainer.getByTestId('builder-row').nth(0).getByRole('spinbutton')
  await minutes.fill('4')
  await minutes.press('Tab')
  await trainer.getByTestId('duration-to-sum').click()
  await expect(trainer.getByLabel('Thời lượng mục tiêu (phút)')).toHaveValue('68')
  await expect(trainer.getByTestId('agenda-short')).toHaveCount(0)
  await expect(trainer.getByText('Đã lưu')).toBeVisible()
  await trainer.getByRole('button', { name: '← Hội thảo' }).click()
  await expect(trainer.getByRole('heading', { level: 1, name: BRIEFING_COPY, exact: true })).toBeVisible()
  const detail = (await host.call('workshop.get', { id: 'conference-briefing-copy' })) as {
    manifest: { durationMinutes: number }
  }
  expect(detail.manifest.durationMinutes).toBe(68)
})

test('the planned start is saved, shown on reopening, used by the printed guide and offered to a new session', async ({
  trainer,
  host
}) => {
  test.setTimeout(90_000)
  await copyTheBriefing(trainer)
  const start = trainer.getByTestId('planned-start')
  await expect(start).toHaveValue('08:00')
  await start.fill('13:30')
  await start.press('Tab')
  await expect(trainer.getByTestId('agenda-total')).toContainText('kết thúc lúc 14:40')
  await expect(trainer.getByText('Đã lưu')).toBeVisible()
  await screenshotsBothWays(trainer, 'editor-planned-start', trainer.getByTestId('agenda-total'))

  // Reopened after a reload (nothing kept in the page), the editor shows 13:30 again.
  await trainer.getByRole('button', { name: '← Hội thảo' }).click()
  await trainer.reload()
  await trainer.locator('.card', { hasText: BRIEFING_COPY }).getByRole('button', { name: 'Xem' }).click()
  await trainer.getByRole('button', { name: 'Chỉnh sửa' }).first().click()
  await expect(trainer.getByTestId('planned-start')).toHaveValue('13:30')
  await trainer.getByRole('button', { name: '← Hội thảo' }).click()

  // The guide printed through the API counts from 13:30 (the blocks add up to 70 minutes).
  for (const language of ['vi', 'en']) {
    const guide = (await host.call('workshop.print', {
      id: 'conference-briefing-copy',
      document: 'guide',
      language
    })) as { html: string }
    expect(guide.html).toContain('13:30–14:40')
    expect(guide.html).toContain('<td class="start">13:30</td>')
    expect(guide.html).not.toContain('08:00')
  }

  await trainer.getByRole('button', { name: 'Bắt đầu buổi tập huấn' }).click()
  await expect(trainer.getByLabel('Giờ bắt đầu dự kiến')).toHaveValue('13:30')
})

test('a copy of a copy is titled "(bản sao)" / "(copy)" once in the library, and the title can be changed', async ({
  trainer
}) => {
  await copyTheBriefing(trainer)
  await trainer.getByRole('button', { name: '← Hội thảo' }).click()
  await trainer.getByRole('button', { name: 'Tạo bản sao để chỉnh sửa' }).click()
  await expect(trainer.getByTestId('editor')).toBeVisible()
  await trainer.getByRole('button', { name: '← Hội thảo' }).click()
  await trainer
    .getByRole('button', { name: /Thư viện/ })
    .first()
    .click()
  const copies = trainer.locator('.card', { hasText: '(bản sao)' })
  await expect(copies).toHaveCount(2)
  for (const card of await copies.all()) await expect(card).toContainText(BRIEFING_COPY)
  await expect(trainer.locator('.card', { hasText: '(bản sao) (bản sao)' })).toHaveCount(0)
  await screenshotsBothWays(
    trainer,
    'library-copy-title',
    trainer.locator('.card', { hasText: /\((bản sao|copy)\)/ }).first()
  )
  await trainer.getByRole('button', { name: 'English' }).click()
  await expect(trainer.locator('.card', { hasText: '(copy)' })).toHaveCount(2)
  await trainer.getByRole('button', { name: 'Tiếng Việt' }).click()

  // The title is the user's to edit.
  await copies.first().getByRole('button', { name: 'Xem' }).click()
  await trainer.getByRole('button', { name: 'Chỉnh sửa' }).first().click()
  const title = trainer.locator('fieldset', { hasText: 'Tên hội thảo' }).first().locator('input').first()
  await title.fill('Tóm tắt hội nghị cho cán bộ xã')
  await title.press('Tab')
  await expect(trainer.getByText('Đã lưu')).toBeVisible()
  await trainer.getByRole('button', { name: '← Hội thảo' }).click()
  await trainer
    .getByRole('button', { name: /Thư viện/ })
    .first()
    .click()
  await expect(trainer.locator('.card', { hasText: 'Tóm tắt hội nghị cho cán bộ xã' })).toHaveCount(1)
})
