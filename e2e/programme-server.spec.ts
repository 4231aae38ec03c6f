import { expect, test } from './fixtures'
import { newDataDir, startHost, type RunningHost } from './browser-host'
import { startCouchServer, type CouchServer } from '../electron/testing/couch-server'

const screens = 'test-results/screens'
const DB = 'programme-e2e'
let server: CouchServer

test.beforeAll(async () => {
  server = await startCouchServer()
  await server.createProgrammeDb(DB)
  await server.addUser('lan', 'lan-pw', ['trainer'])
  await server.addUser('coordinator', 'coord-pw', ['coordinator'])
})
test.afterAll(async () => server?.close())

async function finishedSession(host: RunningHost, people: number): Promise<void> {
  const { id } = await host.call<{ id: string }>('session.start', {
    workshopId: 'conference-briefing',
    details: { venue: 'Hội trường xã', date: '2026-12-02', trainer: 'Chị Lan', language: 'vi', plannedStart: '08:30' }
  })
  const command = (c: object) => host.call('session.command', { id, command: c })
  await command({ type: 'attendanceSet', sex: 'female', ageGroup: '25-59', count: people })
  await command({ type: 'status', status: 'finished' })
}

test('a trainer sets the programme server in Settings, tests it and syncs; the coordinator pulls into the report', async ({
  host,
  trainer
}) => {
  await finishedSession(host, 6)
  await finishedSession(host, 4)
  await trainer.getByRole('heading', { name: 'Thư viện hội thảo' }).waitFor()
  await trainer.locator('summary', { hasText: 'Máy chủ chương trình' }).click()
  const panel = trainer.getByTestId('programme-panel')
  await panel.getByLabel('Địa chỉ máy chủ').fill(server.url)
  await panel.getByLabel('Cơ sở dữ liệu').fill(DB)
  await panel.getByLabel('Tên người dùng').fill('lan')
  await panel.getByLabel('Mật khẩu').fill('wrong')
  await panel.getByRole('button', { name: 'Kiểm tra kết nối' }).click()
  await expect(panel.getByTestId('programme-test-result')).toHaveText('Sai tên người dùng hoặc mật khẩu.')
  await panel.getByLabel('Mật khẩu').fill('lan-pw')
  await panel.getByRole('button', { name: 'Kiểm tra kết nối' }).click()
  await expect(panel.getByTestId('programme-test-result')).toHaveText('Kết nối được: PouchDB Server 4.2.0.')
  await panel.getByRole('button', { name: 'Lưu' }).click()
  await expect(panel.getByText('Đã lưu (để trống để giữ).')).toBeVisible()
  await panel.getByRole('button', { name: 'Đồng bộ ngay' }).click()
  await expect(panel.getByTestId('programme-status')).toContainText('Đồng bộ lúc')
  await expect(panel.getByTestId('programme-status')).not.toContainText('Lỗi')
  await panel.scrollIntoViewIfNeeded()
  await trainer.screenshot({ path: `${screens}/programme-settings-vi-1280.png` })
  await trainer.setViewportSize({ width: 360, height: 740 })
  await panel.scrollIntoViewIfNeeded()
  await trainer.screenshot({ path: `${screens}/programme-settings-vi-360.png` })
  await trainer.getByRole('button', { name: 'English' }).click()
  await expect(panel.getByTestId('programme-status')).toContainText('Synced')
  await panel.scrollIntoViewIfNeeded()
  await trainer.screenshot({ path: `${screens}/programme-settings-en-360.png` })
  await trainer.setViewportSize({ width: 1280, height: 720 })
  await panel.scrollIntoViewIfNeeded()
  await trainer.screenshot({ path: `${screens}/programme-settings-en-1280.png` })

  // A document no trainer could write (the server admin's mistake) with script in it.
  await server.adminCall(`/${DB}/summary:evil`, {
    method: 'PUT',
    body: JSON.stringify({ format: 'roundtable-summary', version: 1, summary: { sessionId: '<script>x</script>' } })
  })

  const coordinator = await startHost(await newDataDir())
  try {
    await coordinator.call('programme.save', {
      settings: { url: server.url, database: DB, user: 'coordinator', includePaused: false, language: 'vi' },
      password: 'coord-pw'
    })
    await trainer.goto(coordinator.url)
    await trainer.getByRole('button', { name: 'Mở báo cáo tổng hợp' }).click()
    await expect(trainer.getByTestId('report-sessions')).toHaveText('0')
    await trainer.getByRole('button', { name: 'Lấy từ máy chủ chương trình' }).click()
    const pull = trainer.getByTestId('programme-pull')
    await expect(pull).toContainText('Đọc 3: 2 mới, 0 cập nhật.')
    await expect(pull).toContainText('Từ chối 1:')
    await expect(pull.locator('code')).toHaveText('summary:evil')
    await expect(trainer.getByTestId('report-sessions')).toHaveText('2')
    await expect(trainer.getByTestId('report-participants')).toHaveText('10')
    await trainer.screenshot({ path: `${screens}/programme-pull-vi-1280.png` })
    await trainer.getByRole('button', { name: 'English' }).click()
    await expect(pull).toContainText('3 read: 2 new, 0 updated.')
    await trainer.setViewportSize({ width: 360, height: 740 })
    await trainer.screenshot({ path: `${screens}/programme-pull-en-360.png` })
    await trainer.goto(host.url) // leave the coordinator's window before its host stops (its event stream)
  } finally {
    await coordinator.stop()
  }
})
