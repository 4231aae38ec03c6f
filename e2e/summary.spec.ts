import { readFile, writeFile } from 'node:fs/promises'
import { expect, test } from './fixtures'
import { newDataDir, startHost } from './browser-host'
import { readZip, startSession } from './session-helpers'

const screens = 'test-results/screens'

test('a finished session gives a summary whose exports hold the numbers that were entered', async ({ trainer, browser }, testInfo) => {
  test.setTimeout(90_000)
  await startSession(trainer, 'Tóm tắt hai hội nghị', 'Hội trường <script>alert(1)</script>')
  await trainer.getByText(/Điểm danh/).click()
  for (const [label, count] of [['Nữ 25–59', '12'], ['Nam 25–59', '7'], ['Khác / không muốn nói 18–24', '1']] as const) {
    await trainer.getByLabel(label).fill(count)
    await trainer.getByLabel(label).press('Tab')
  }
  await expect(trainer.getByText('Tổng: 20')).toBeVisible()
  await trainer.locator('.agenda-strip li[data-kind="poll"] button').nth(1).click()
  await trainer.getByRole('button', { name: /Mở bình chọn.*Đếm giơ tay/ }).click()
  const tallies = trainer.locator('.results input[type="number"]')
  for (let i = 0; i < 2; i++) {
    await tallies.nth(i).fill(String(9 + i))
    await tallies.nth(i).press('Tab')
  }
  await trainer.getByRole('button', { name: 'Đóng bình chọn (O)' }).click()
  await trainer.getByRole('button', { name: 'Kết thúc buổi học' }).click()
  await trainer.getByRole('button', { name: 'Tóm tắt', exact: true }).click()
  await expect(trainer.getByTestId('summary')).toBeVisible()
  await trainer.getByLabel('Nhận xét kết thúc của tập huấn viên').fill('Nhóm rất tích cực <img src=x onerror=alert(2)>')
  await trainer.getByLabel('Nhận xét kết thúc của tập huấn viên').press('Tab')

  const frame = trainer.frameLocator('iframe.summary-frame')
  await expect(frame.locator('body')).toContainText('Hội trường <script>alert(1)</script>')
  await expect(frame.locator('body')).toContainText('Nhóm rất tích cực <img src=x onerror=alert(2)>')
  expect(await frame.locator('body script, body img').count()).toBe(0)
  await trainer.screenshot({ path: `${screens}/summary-vi-1280x720.png` })

  // CSV: one file per table, UTF-8 with a BOM; attendance adds up.
  const downloads: { name: string; path: string }[] = []
  trainer.on('download', async (download) => {
    const path = testInfo.outputPath(download.suggestedFilename())
    await download.saveAs(path)
    downloads.push({ name: download.suggestedFilename(), path })
  })
  await trainer.getByRole('button', { name: 'CSV' }).click()
  await expect.poll(() => downloads.filter((d) => d.name.endsWith('-csv.zip')).length).toBe(1)
  const tables = await readZip(downloads.find((d) => d.name.endsWith('-csv.zip'))!.path)
  expect([...tables.keys()].map((name) => name.split('/').pop())).toEqual(expect.arrayContaining(['attendance.csv', 'polls.csv', 'timing.csv']))
  const attendance = [...tables].find(([name]) => name.endsWith('attendance.csv'))![1]
  expect([...attendance.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const text = attendance.toString('utf8')
  expect(text).toMatch(/Nữ/)
  expect(text).toMatch(/\b20\b/)

  // JSON: versioned, with the same numbers.
  await trainer.getByRole('button', { name: 'JSON' }).click()
  await expect.poll(() => downloads.filter((d) => d.name.endsWith('.json')).length).toBe(1)
  const json = JSON.parse(await readFile(downloads.find((d) => d.name.endsWith('.json'))!.path, 'utf8'))
  expect(json.format).toBe('roundtable-summary')
  expect(JSON.stringify(json)).toContain('"total":20')

  // On the coordinator's laptop (a fresh data folder) the JSON gives the same report; an edited one is refused.
  const coordinator = await startHost(await newDataDir())
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
    await page.goto(coordinator.url)
    const jsonPath = downloads.find((d) => d.name.endsWith('.json'))!.path
    const tampered = testInfo.outputPath('tampered.json')
    await writeFile(tampered, (await readFile(jsonPath, 'utf8')).replace('"total": 20', '"total": 99'))
    await page.getByTestId('summary-input').setInputFiles(tampered)
    await expect(page.getByRole('alert')).toContainText('Không nhập tệp tampered.json')
    await page.getByTestId('summary-input').setInputFiles(jsonPath)
    await expect(page.getByRole('status')).toContainText('Đã nhập báo cáo')
    await page.getByRole('button', { name: 'Xem báo cáo' }).click()
    const imported = page.frameLocator('iframe.summary-frame')
    await expect(imported.locator('body')).toContainText('Hội trường <script>alert(1)</script>')
    expect(await imported.locator('body').innerText()).toBe(await frame.locator('body').innerText())
    await page.close()
  } finally {
    await coordinator.stop()
  }

  // HTML: opened from disk with every request blocked, it renders completely.
  await trainer.getByRole('button', { name: 'HTML' }).click()
  await expect.poll(() => downloads.filter((d) => d.name.endsWith('.html')).length).toBe(1)
  const offline = await browser.newContext()
  const attempts: string[] = []
  await offline.route('**/*', (route) => {
    if (route.request().url().startsWith('file:')) return route.continue()
    attempts.push(route.request().url())
    return route.abort()
  })
  const page = await offline.newPage()
  await page.goto(`file://${downloads.find((d) => d.name.endsWith('.html'))!.path}`)
  await expect(page.locator('body')).toContainText('20')
  expect(attempts).toEqual([])
  await page.screenshot({ path: `${screens}/summary-export-vi.png`, fullPage: true })
  await offline.close()
})
