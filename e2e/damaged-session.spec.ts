import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startHost } from './browser-host'
import { expect, test } from './fixtures'

const screens = 'test-results/screens'

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

test('a session file damaged by a crash is reported on the first screen after restart, and the session continues', async ({
  host,
  page,
  outsideRequests
}) => {
  void outsideRequests
  const session = (await host.call('session.start', {
    workshopId: 'conference-briefing',
    details: { venue: 'Hội trường', date: '2026-03-01', trainer: 'Lan', language: 'vi', plannedStart: '08:30' }
  })) as { id: string }
  await host.call('session.command', { id: session.id, command: { type: 'next' } }) // a second save: the backup exists
  await host.stop()
  const sessionFile = join(host.dataDir, 'sessions', `${session.id}.json`)
  const good = await readFile(sessionFile)
  await writeFile(sessionFile, good.subarray(0, good.length / 2)) // cut off mid-write

  const restarted = await startHost(host.dataDir)
  try {
    await page.goto(restarted.url)
    const notices = page.getByRole('region', { name: 'Thông báo về dữ liệu' })
    await expect(notices.getByRole('status').first()).toContainText(`Tệp ${sessionFile} bị hỏng`)
    // The whole notice is Vietnamese, the reason included; only the paths and the position are data.
    const movedTo = (await readdir(join(host.dataDir, 'sessions'))).find((name) => name.includes('.corrupt-'))!
    const damagedVi = notices.getByRole('status').first()
    await expect(damagedVi).toHaveText(
      new RegExp(
        `^Tệp ${escapeRegExp(sessionFile)} bị hỏng và đã được chuyển sang ${escapeRegExp(join(host.dataDir, 'sessions', movedTo))} ` +
          '\\(không xoá\\)\\. Lý do: nội dung không phải JSON hợp lệ \\(lỗi ở dòng 1, cột \\d+\\)\\.\\s*Đã hiểu$'
      )
    )
    await expect(notices.getByRole('status').nth(1)).toContainText(`Đã khôi phục ${sessionFile}`)
    await page.screenshot({ path: `${screens}/damaged-session-notice-vi-1280x720.png` })
    await page.setViewportSize({ width: 360, height: 740 })
    await page.getByRole('button', { name: 'English' }).click()
    const english = page.getByRole('region', { name: 'About your data' })
    await expect(english.getByRole('status').nth(1)).toContainText(`Restored ${sessionFile} from the last good copy.`)
    await expect(english.getByRole('status').first()).toHaveText(
      new RegExp(
        `^The file ${escapeRegExp(sessionFile)} was damaged and has been moved to ${escapeRegExp(join(host.dataDir, 'sessions', movedTo))} ` +
          '\\(not deleted\\)\\. Reason: the content is not valid JSON \\(error at line 1, column \\d+\\)\\.\\s*OK$'
      )
    )
    await page.screenshot({ path: `${screens}/damaged-session-notice-en-360x740.png` })
    // Long paths wrap in the text, never in the button (it used to break "OK" into "O / K").
    for (const button of await english.getByRole('button', { name: 'OK' }).all()) {
      expect((await button.boundingBox())!.height).toBeLessThan(56)
    }
    // The session is still listed and continues from its backup.
    expect(((await restarted.call('session.get', { id: session.id })) as { id: string }).id).toBe(session.id)
  } finally {
    await restarted.stop()
  }
})

test('a session whose files were deleted gives an error the trainer reads in Vietnamese, and in English after switching', async ({
  host,
  page,
  outsideRequests
}) => {
  void outsideRequests
  const session = (await host.call('session.start', {
    workshopId: 'conference-briefing',
    details: { venue: 'Hội trường', date: '2026-03-01', trainer: 'Lan', language: 'vi', plannedStart: '08:30' }
  })) as { id: string }
  await host.stop()
  const sessionFile = join(host.dataDir, 'sessions', `${session.id}.json`)
  await rm(sessionFile, { force: true })
  await rm(`${sessionFile}.bak`, { force: true })

  const restarted = await startHost(host.dataDir)
  try {
    await page.goto(restarted.url)
    await page.getByRole('button', { name: 'Tiếp tục' }).click()
    const error = page.getByRole('alert')
    await expect(error).toHaveText(`Không thực hiện được yêu cầu: không có buổi tập huấn “${session.id}”`)
    await page.screenshot({ path: `${screens}/deleted-session-error-vi-1280x720.png` })
    // Switching the language is a new request, which clears the error; trying again gives it in English.
    await page.setViewportSize({ width: 360, height: 740 })
    await page.getByRole('button', { name: 'English' }).click()
    await expect(error).toHaveCount(0)
    // The presenter screen offers the way back instead of waiting forever.
    await page.getByRole('button', { name: '← Library' }).click()
    await page.getByRole('button', { name: 'Continue' }).click()
    await expect(error).toHaveText(`The request failed: there is no session “${session.id}”`)
    await page.screenshot({ path: `${screens}/deleted-session-error-en-360x740.png` })
  } finally {
    await restarted.stop()
  }
})
