import { readFile, writeFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { newDataDir, startHost } from './browser-host'
import { openOffline, readDocx, readXlsx, readZip, startSession } from './session-helpers'
import { readDocxCharts } from '../electron/testing/docx-chart-reader'

const screens = 'test-results/screens'

test('a finished session gives a summary whose exports hold the numbers that were entered', async ({
  trainer,
  browser
}, testInfo) => {
  test.setTimeout(90_000)
  await startSession(trainer, 'Tóm tắt hai hội nghị', 'Hội trường <script>alert(1)</script>')
  await trainer.getByText(/Điểm danh/).click()
  for (const [label, count] of [
    ['Nữ 25–59', '12'],
    ['Nam 25–59', '7'],
    ['Khác / không muốn nói 18–24', '1']
  ] as const) {
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
  expect([...tables.keys()].map((name) => name.split('/').pop())).toEqual(
    expect.arrayContaining(['attendance.csv', 'polls.csv', 'timing.csv', 'responses.csv'])
  )
  // Responses per respondent: hands have no persons, so a session counted by hands has only the header row.
  const responses = [...tables].find(([name]) => name.endsWith('responses.csv'))![1].toString('utf8')
  expect(responses.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
    'Mã buổi tập huấn,Mã người trả lời,Mã phần,Mã câu hỏi,Cách thu,Câu trả lời,Đúng (1/0)',
    ''
  ])
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

  // Word and Excel: read back by other libraries, they hold the same numbers; typed text stays text.
  await trainer.getByRole('button', { name: 'Word' }).click()
  await expect.poll(() => downloads.filter((d) => d.name.endsWith('.docx')).length).toBe(1)
  const docx = downloads.find((d) => d.name.endsWith('.docx'))!
  expect(docx.name).toMatch(/^\d{4}-\d{2}-\d{2}-conference-briefing-vi\.docx$/)
  const word = await readDocx(docx.path)
  expect(word.text).toContain('Điểm danh theo giới tính và nhóm tuổi')
  expect(word.text).toContain('Hội trường <script>alert(1)</script>')
  expect(word.text).toContain('Nhóm rất tích cực <img src=x onerror=alert(2)>')
  expect(word.tables).toContainEqual(expect.arrayContaining([['Tổng', '0', '1', '19', '0', '20']]))
  const pollTable = word.tables.find((t) => t.some((row) => row[1] === '9') && t.some((row) => row[1] === '10'))!
  // The poll's native Word chart: the table's options and counts, and the timing and test charts too.
  const charts = await readDocxCharts(await readFile(docx.path))
  const pollChart = charts.find((c) => c.series[0]!.values.includes(9) && c.series[0]!.values.includes(10))!
  expect(pollChart.series[0]!.categories).toEqual(pollTable.slice(1).map((row) => row[0]))
  expect(pollChart.series[0]!.values.map(String)).toEqual(pollTable.slice(1).map((row) => row[1]))
  expect(pollChart.title).toMatch(/ · Số lượt chọn$/)
  expect(charts.map((c) => c.title)).toContain('Thời gian dự kiến và thực tế')

  await trainer.getByRole('button', { name: 'Excel' }).click()
  await expect.poll(() => downloads.filter((d) => d.name.endsWith('.xlsx')).length).toBe(1)
  const workbook = await readXlsx(downloads.find((d) => d.name.endsWith('.xlsx'))!.path)
  expect(workbook.get('Điểm danh')!.at(-1)).toEqual(['Tổng', 0, 1, 19, 0, 20])
  const polls = workbook.get('Bình chọn')!
  const countColumn = polls[0]!.indexOf('Số lượt chọn')
  expect(polls.map((row) => row[countColumn])).toEqual(expect.arrayContaining([9, 10]))
  const sessionSheet = new Map(workbook.get('Buổi tập huấn')!.map((row) => [row[0], row[1]]))
  expect(sessionSheet.get('Địa điểm')).toBe('Hội trường <script>alert(1)</script>')
  expect(sessionSheet.get('Người tham dự')).toBe(20)
  expect(workbook.get('Câu trả lời từng người')).toHaveLength(1)

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
    // The reason is Vietnamese too (it used to be zod's English), with the places as data.
    await expect(page.getByRole('alert')).toContainText('bản tóm tắt bị hỏng hoặc đã bị sửa')
    await expect(page.getByRole('alert')).toContainText('summary.attendance')
    await page.getByTestId('summary-input').setInputFiles(jsonPath)
    await expect(page.getByRole('status')).toContainText('Đã nhập báo cáo')
    await page.getByRole('button', { name: 'Xem báo cáo' }).click()
    const imported = page.frameLocator('iframe.summary-frame')
    await expect(imported.locator('body')).toContainText('Hội trường <script>alert(1)</script>')
    expect(await imported.locator('body').innerText()).toBe(await frame.locator('body').innerText())
    // The imported report gives the same Word file.
    const importedWord = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Word' }).click()
    const importedDocx = testInfo.outputPath('imported.docx')
    await (await importedWord).saveAs(importedDocx)
    expect((await readDocx(importedDocx)).tables).toEqual(word.tables)
    // …and the same CSV tables; only the moment each export was made differs.
    const importedCsv = page.waitForEvent('download')
    await page.getByRole('button', { name: 'CSV' }).click()
    const importedZip = testInfo.outputPath('imported-csv.zip')
    await (await importedCsv).saveAs(importedZip)
    const importedTables = await readZip(importedZip)
    const withoutMoment = (files: Map<string, Buffer>) =>
      [...files.values()].map((file) => file.toString('utf8').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>'))
    expect(withoutMoment(importedTables)).toEqual(withoutMoment(tables))
    await page.close()
  } finally {
    await coordinator.stop()
  }

  // HTML: opened from disk with every request blocked, it renders completely.
  await trainer.getByRole('button', { name: 'HTML' }).click()
  await expect.poll(() => downloads.filter((d) => d.name.endsWith('.html')).length).toBe(1)
  const {
    page,
    context: offline,
    attempts
  } = await openOffline(browser, downloads.find((d) => d.name.endsWith('.html'))!.path)
  await expect(page.locator('body')).toContainText('20')
  expect(attempts).toEqual([])
  await page.screenshot({ path: `${screens}/summary-export-vi.png`, fullPage: true })
  await offline.close()
  await trainer.setViewportSize({ width: 360, height: 740 })
  await trainer.getByRole('button', { name: 'Excel' }).scrollIntoViewIfNeeded()
  await trainer.screenshot({ path: `${screens}/summary-vi-360x740.png` })
})

test('in English, the summary offers Word and Excel too, and they fit on a phone-sized screen', async ({
  trainer
}, testInfo) => {
  await summaryOfAnEnglishUiSession(trainer, { venue: 'Community hall <b>2</b>', trainer: 'Lan' })
  await trainer.getByLabel('Report language').selectOption('en')
  const word = trainer.getByRole('button', { name: 'Word' })
  await expect(word).toHaveAttribute('title', 'Word file (.docx) to edit into the donor report')
  await trainer.screenshot({ path: `${screens}/summary-office-en-1280x720.png` })
  await trainer.setViewportSize({ width: 360, height: 740 })
  for (const name of ['Word', 'Excel']) {
    const box = (await trainer.getByRole('button', { name }).boundingBox())!
    expect(box.x + box.width).toBeLessThanOrEqual(360)
  }
  expect(await trainer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await trainer.screenshot({ path: `${screens}/summary-office-en-360x740.png` })

  const download = trainer.waitForEvent('download')
  await word.click()
  const path = testInfo.outputPath('summary-en.docx')
  await (await download).saveAs(path)
  expect((await download).suggestedFilename()).toMatch(/-conference-briefing-en\.docx$/)
  const { text } = await readDocx(path)
  expect(text).toContain('Attendance by sex and age group')
  expect(text).toContain('Community hall <b>2</b>')
  expect(text).not.toContain('Điểm danh')
})

test('with the English UI, a Vietnamese session’s summary opens in Vietnamese and can still be switched', async ({
  trainer
}) => {
  await summaryOfAnEnglishUiSession(trainer, { venue: 'Nhà văn hoá', language: 'vi' })

  const frame = trainer.frameLocator('iframe.summary-frame')
  await expect(trainer.getByLabel('Report language')).toHaveValue('vi')
  await expect(frame.locator('body')).toContainText('Điểm danh')
  await expect(frame.locator('body')).not.toContainText('Attendance by sex and age group')
  await trainer.screenshot({ path: `${screens}/summary-session-language-en-ui-1280x720.png` })
  await trainer.setViewportSize({ width: 360, height: 740 })
  await trainer.screenshot({ path: `${screens}/summary-session-language-en-ui-360x740.png` })

  await trainer.getByLabel('Report language').selectOption('en')
  await expect(frame.locator('body')).toContainText('Attendance by sex and age group')
})

/** With the English UI: starts a session of the conference briefing and opens its Summary screen. */
async function summaryOfAnEnglishUiSession(
  trainer: Page,
  details: { venue: string; trainer?: string; language?: 'vi' | 'en' }
): Promise<void> {
  await trainer.getByRole('button', { name: 'English' }).click()
  await trainer
    .locator('.card', { hasText: 'Briefing: two international meetings' })
    .getByRole('button', { name: 'Open' })
    .click()
  await trainer.getByRole('button', { name: 'Start a session' }).click()
  await trainer.getByLabel('Venue').fill(details.venue)
  if (details.trainer) await trainer.getByLabel('Trainer').fill(details.trainer)
  if (details.language) await trainer.getByLabel('Presentation language').selectOption(details.language)
  await trainer.getByRole('button', { name: 'Start', exact: true }).click()
  await expect(trainer.getByTestId('presenter')).toBeVisible()
  await trainer.getByRole('button', { name: 'Summary', exact: true }).click()
  await expect(trainer.getByTestId('summary')).toBeVisible()
}
