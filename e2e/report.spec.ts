import { readFile, writeFile } from 'node:fs/promises'
import { expect, test } from './fixtures'
import type { RunningHost } from './browser-host'
import { openOffline, readDocx, readXlsx, readZip } from './session-helpers'

const screens = 'test-results/screens'

type Attendance = [sex: 'female' | 'male' | 'other', age: 'under-18' | '18-24' | '25-59' | '60-plus', count: number][]
interface Question {
  id: string
  multiple: boolean
  options: { id: string; correct?: boolean }[]
}

/**
 * A finished session of the bundled briefing, set up through the API: attendance, and a pre-test and
 * post-test by show of hands where `pre` / `post` of `respondents` people answer every question right.
 * Hands cannot score the one question with several answers (it has no per-person correct rate and is
 * left out of the mean, never counted as 0), so the mean score is pre ÷ respondents (and the same for post).
 */
async function runSession(
  host: RunningHost,
  spec: { date: string; venue: string; attendance: Attendance; respondents: number; pre: number; post: number }
): Promise<string> {
  const detail = await host.call<{ manifest: { blocks: { id: string; questions?: Question[] }[] } }>('workshop.get', {
    id: 'conference-briefing'
  })
  const questions = detail.manifest.blocks.find((b) => b.id === 'pre-quiz')!.questions!
  expect([questions.length, questions.filter((q) => !q.multiple).length]).toEqual([5, 4])
  const session = await host.call<{ id: string }>('session.start', {
    workshopId: 'conference-briefing',
    details: { venue: spec.venue, date: spec.date, trainer: 'Chị Lan', language: 'vi', plannedStart: '08:30' }
  })
  const command = (c: Record<string, unknown>): Promise<unknown> =>
    host.call('session.command', { id: session.id, command: c })
  for (const [sex, ageGroup, count] of spec.attendance) await command({ type: 'attendanceSet', sex, ageGroup, count })
  for (const [blockId, correct] of [
    ['pre-quiz', spec.pre],
    ['post-quiz', spec.post]
  ] as const) {
    await command({ type: 'pollOpen', blockId, mode: 'tally' })
    await command({ type: 'tallyRespondents', blockId, count: spec.respondents })
    for (const q of questions.filter((q) => !q.multiple)) {
      await command({
        type: 'tallySet',
        blockId,
        key: `${q.id}/${q.options.find((o) => o.correct)!.id}`,
        count: correct
      })
    }
    await command({ type: 'pollClose', blockId })
  }
  await command({ type: 'status', status: 'finished' })
  return session.id
}

/** A summary from another trainer's laptop: another workshop, in December, tested on phones. */
function foreignSummary(): string {
  const ages = ['under-18', '18-24', '25-59', '60-plus'] as const
  const test = (role: 'pre' | 'post', mean: number, passed: number): object => ({
    blockId: `${role}-quiz`,
    title: role,
    role,
    collected: 'phones',
    passMarkPercent: 80,
    respondents: 5,
    meanScorePercent: mean,
    masteredPercent: passed * 20,
    tested: 5,
    passed,
    questions: []
  })
  const summary = {
    sessionId: 'foreign-session-1',
    generatedAt: '2026-12-06T10:00:00.000Z',
    language: 'vi',
    workshop: { id: 'parents-teachers-online-safety', version: '1.0.0', title: 'Buổi cho phụ huynh và giáo viên' },
    venue: 'Trường <b>Tiểu học</b> xã Bình An',
    date: '2026-12-05',
    trainer: 'Anh Minh',
    plannedStart: '14:00',
    status: 'finished',
    timing: { blocks: [], plannedMinutes: 0, actualMinutes: 0, startedAt: null, endedAt: null },
    attendance: {
      ageGroups: ages.map((key) => ({ key, label: key })),
      rows: [
        { sex: 'female', label: 'Nữ', counts: [2, 0, 0, 0], total: 2 },
        { sex: 'male', label: 'Nam', counts: [3, 0, 0, 0], total: 3 },
        { sex: 'other', label: 'Khác', counts: [0, 0, 0, 0], total: 0 }
      ],
      columnTotals: [5, 0, 0, 0],
      total: 5
    },
    polls: [],
    feedback: [],
    quizzes: {
      tests: [test('pre', 60, 1), test('post', 70, 4)],
      change: {
        preBlockId: 'pre-quiz',
        postBlockId: 'post-quiz',
        meanScorePoints: 10,
        masteredPoints: 60,
        questions: []
      },
      matchedGain: { pairs: 4, meanGainPoints: 12.5 }
    },
    notes: [],
    parkingLot: [],
    closingRemarks: ''
  }
  return JSON.stringify({ format: 'roundtable-summary', version: 1, summary })
}

test('the report across sessions adds up local and imported sessions once each, filters, and exports the same numbers', async ({
  trainer,
  host,
  browser
}, testInfo) => {
  test.setTimeout(120_000)
  // Session A: 20 people, pre-test 50 %, post-test 80 % (+30). Session B: 10 people, 40 % → 90 % (+50).
  const sessionA = await runSession(host, {
    date: '2026-11-02',
    venue: 'Hội trường <script>alert(1)</script>',
    attendance: [
      ['female', '25-59', 12],
      ['male', '25-59', 7],
      ['other', '18-24', 1]
    ],
    respondents: 20,
    pre: 10,
    post: 16
  })
  await runSession(host, {
    date: '2026-11-20',
    venue: 'Nhà văn hoá thôn 3',
    attendance: [
      ['female', '18-24', 6],
      ['male', '60-plus', 4]
    ],
    respondents: 10,
    pre: 4,
    post: 9
  })

  // Imported: a session from elsewhere (5 people, +10), and session A's own summary, which must not count twice.
  const foreignPath = testInfo.outputPath('foreign.json')
  await writeFile(foreignPath, foreignSummary())
  const ownExport = await host.call<{ files: { content: string }[] }>('session.export', {
    id: sessionA,
    language: 'vi',
    format: 'json'
  })
  const ownPath = testInfo.outputPath('session-a.json')
  await writeFile(ownPath, ownExport.files[0]!.content)
  await trainer.reload()
  for (const [path, date] of [
    [foreignPath, '2026-12-05'],
    [ownPath, '2026-11-02']
  ] as const) {
    await trainer.getByTestId('summary-input').setInputFiles(path)
    // The date in the UI language: 2026-12-05 → 05/12/2026.
    await expect(trainer.getByRole('status')).toContainText(`(${date.split('-').reverse().join('/')}).`)
  }

  await trainer.locator('.library-report').screenshot({ path: `${screens}/report-library-entry-vi.png` })
  await trainer.getByRole('button', { name: 'Mở báo cáo tổng hợp' }).click()
  await expect(trainer.getByTestId('report')).toBeVisible()
  // Everything: 3 sessions, 20 + 10 + 5 people, mean change (30 + 50 + 10) ÷ 3; % mastered only from the phones session.
  await expect(trainer.getByTestId('report-sessions')).toHaveText('3')
  await expect(trainer.getByTestId('report-participants')).toHaveText('35')
  await expect(trainer.getByTestId('report-change')).toHaveText('+30')
  await expect(trainer.getByTestId('report-mastered')).toHaveText('20% → 80%')
  const frame = trainer.frameLocator('iframe.summary-frame')
  await expect(frame.locator('body')).toContainText('Trường <b>Tiểu học</b> xã Bình An')
  await expect(frame.locator('body')).toContainText('Hội trường <script>alert(1)</script>')
  expect(await frame.locator('body script, body b').count()).toBe(0)
  await trainer.screenshot({ path: `${screens}/report-vi-1280x720.png` })

  // Dates out of order are said, not sent.
  await trainer.getByLabel('Từ ngày').fill('2026-12-01')
  await trainer.getByLabel('Đến ngày').fill('2026-11-01')
  await expect(trainer.getByRole('alert')).toContainText('Ngày “Từ” phải trước')
  await expect(trainer.getByRole('button', { name: 'CSV' })).toBeDisabled()

  // One workshop, November: sessions A and B only.
  await trainer.getByLabel('Hội thảo').selectOption('conference-briefing')
  await trainer.getByLabel('Từ ngày').fill('2026-11-01')
  await trainer.getByLabel('Đến ngày').fill('2026-11-30')
  await expect(trainer.getByTestId('report-sessions')).toHaveText('2')
  await expect(trainer.getByTestId('report-participants')).toHaveText('30')
  await expect(trainer.getByTestId('report-change')).toHaveText('+40')
  await expect(trainer.getByTestId('report-mastered')).toHaveText('—')
  await expect(frame.locator('body')).not.toContainText('Bình An')

  const downloads: { name: string; path: string }[] = []
  trainer.on('download', async (download) => {
    const path = testInfo.outputPath(download.suggestedFilename())
    await download.saveAs(path)
    downloads.push({ name: download.suggestedFilename(), path })
  })
  const download = async (button: string, ending: string): Promise<string> => {
    await trainer.getByRole('button', { name: button, exact: true }).click()
    await expect.poll(() => downloads.filter((d) => d.name.endsWith(ending)).length).toBe(1)
    return downloads.find((d) => d.name.endsWith(ending))!.path
  }

  // JSON: versioned, with the filter and the totals.
  const json = JSON.parse(await readFile(await download('JSON', '.json'), 'utf8'))
  expect(json).toMatchObject({ format: 'roundtable-cross-session-report', version: 1 })
  expect(json.report.filter).toEqual({ workshopId: 'conference-briefing', from: '2026-11-01', to: '2026-11-30' })
  expect(json.report.totals).toMatchObject({ sessions: 2, localSessions: 2, importedSessions: 0, participants: 30 })
  expect(json.report.attendance.columnTotals).toEqual([0, 7, 19, 4])
  expect(json.report.learning.meanChangePoints).toBe(40)
  expect(json.report.sessions.map((s: { changePoints: number }) => s.changePoints)).toEqual([30, 50])

  // CSV: one UTF-8 file per table with a BOM; the attendance totals and one row per session.
  const tables = await readZip(await download('CSV', '-csv.zip'))
  const table = (name: string): string => {
    const bytes = [...tables].find(([file]) => file.endsWith(`/${name}`))![1]
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    return bytes.toString('utf8').slice(1)
  }
  expect(table('attendance.csv').split('\r\n')).toEqual([
    'Giới tính,Dưới 18,18–24,25–59,60 trở lên,Tổng',
    'Nữ,0,6,12,0,18',
    'Nam,0,0,7,4,11',
    'Khác / không muốn nói,0,1,0,0,1',
    'Tổng,0,7,19,4,30',
    ''
  ])
  expect(table('sessions.csv').trim().split('\r\n')).toHaveLength(3)

  // Markdown: the same totals, the user's text shown as text.
  const markdown = await readFile(await download('Markdown', '.md'), 'utf8')
  expect(markdown).toContain('| **Tổng** | 0 | 7 | 19 | 4 | 30 |')
  expect(markdown).toContain('| Tổng số người tham dự | 30 |')
  expect(markdown).toContain('Hội trường &lt;script&gt;alert(1)&lt;/script&gt;')

  // Word and Excel: read back by other libraries, the same numbers; typed text stays text.
  const word = await readDocx(await download('Word', '.docx'))
  expect(word.text).toContain('Báo cáo tổng hợp các buổi tập huấn')
  expect(word.tables[1]).toContainEqual(['Tổng số người tham dự', '30'])
  expect(word.tables[2]!.at(-1)).toEqual(['Tổng', '0', '7', '19', '4', '30'])
  expect(word.tables[3]!.slice(1).map((row) => row.slice(5))).toEqual([
    ['20', '50', '80', '+30'],
    ['10', '40', '90', '+50']
  ])
  expect(word.text).toContain('Hội trường <script>alert(1)</script>')
  const workbook = await readXlsx(await download('Excel', '.xlsx'))
  expect([...workbook.keys()]).toEqual(['Số liệu chính', 'Điểm danh', 'Các buổi đã tổ chức', 'Theo hội thảo'])
  expect(workbook.get('Số liệu chính')).toContainEqual(['Tổng số người tham dự', 30])
  expect(workbook.get('Điểm danh')!.at(-1)).toEqual(['Tổng', 0, 7, 19, 4, 30])
  expect(
    workbook
      .get('Các buổi đã tổ chức')!
      .slice(1)
      .map((row) => [row[5], ...row.slice(8)])
  ).toEqual([
    ['Hội trường <script>alert(1)</script>', 20, 0, 50, 80, 30],
    ['Nhà văn hoá thôn 3', 10, 0, 40, 90, 50]
  ])

  // HTML: opened from disk with every request blocked, it renders completely.
  const htmlPath = await download('HTML', '.html')
  const { page, context: offline, attempts } = await openOffline(browser, htmlPath)
  await expect(page.locator('tfoot')).toContainText('30')
  await expect(page.locator('body')).toContainText('+40 điểm %')
  expect(attempts).toEqual([])
  await page.screenshot({ path: `${screens}/report-export-vi.png`, fullPage: true })
  await offline.close()

  // The other language: the report in English, and the screen at phone width.
  await trainer.getByLabel('Ngôn ngữ báo cáo').selectOption('en')
  await expect(frame.locator('h2').first()).toHaveText('Scope of the report')
  await trainer.getByRole('button', { name: 'English' }).click()
  await expect(trainer.getByRole('heading', { name: 'Report across sessions' })).toBeVisible()
  await trainer.screenshot({ path: `${screens}/report-en-1280x720.png` })
  await trainer.setViewportSize({ width: 360, height: 740 })
  await expect(frame.locator('h2').first()).toHaveText('Scope of the report')
  expect(await trainer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await trainer.screenshot({ path: `${screens}/report-en-360x740.png`, fullPage: true })
  await trainer.locator('iframe.summary-frame').screenshot({ path: `${screens}/report-en-360x740-frame.png` })
  await trainer.getByRole('button', { name: 'Tiếng Việt' }).click()
  expect(await trainer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await trainer.screenshot({ path: `${screens}/report-vi-360x740.png`, fullPage: true })
  await trainer.getByRole('button', { name: '← Thư viện' }).click()
  await trainer.locator('.library-report').screenshot({ path: `${screens}/report-library-entry-vi-360.png` })
})
