import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import MarkdownIt from 'markdown-it'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AGE_GROUPS, SEXES } from '../../shared/sessions/model'
import { CSV_BOM } from '../summaries/csv'
import { summaryLabel } from '../summaries/labels'
import { SessionSummarySchema, type SessionSummary } from '../summaries/schema'
import {
  buildCrossSessionReport,
  CrossSessionReportSchema,
  crossSessionDocument,
  crossSessionTables,
  gatherSummaries,
  parseReportJson,
  reportToCsv,
  reportToDocx,
  reportToHtml,
  reportToJson,
  reportToMarkdown,
  reportToXlsx,
  type CrossSessionReport
} from '.'
import { readDocxBuffer, readXlsxBuffer } from '../../testing/office-readers'

type Test = { mean: number; tested: number | null; passed: number | null } | null
interface Spec {
  id: string
  date: string
  workshopId: string
  title: string
  language?: 'vi' | 'en'
  venue?: string
  trainer?: string
  /** Counts per age group (under-18, 18-24, 25-59, 60+) for female, male, other. */
  attendance: [number[], number[], number[]]
  minutes: number
  pre: Test
  post: Test
  gain?: { pairs: number; points: number | null }
}

/** A session summary as a trainer's laptop would export it, checked by the same schema as an import. */
function summaryOf(spec: Spec): SessionSummary {
  const language = spec.language ?? 'vi'
  const test = (role: 'pre' | 'post', t: Test): SessionSummary['quizzes']['tests'] =>
    t === null
      ? []
      : [
          {
            blockId: `${role}-test`,
            title: role,
            role,
            collected: t.tested === null ? 'tally' : 'phones',
            passMarkPercent: 70,
            respondents: t.tested ?? 10,
            meanScorePercent: t.mean,
            masteredPercent: t.tested === null ? null : Math.round((t.passed! / t.tested) * 1000) / 10,
            tested: t.tested,
            passed: t.passed,
            questions: []
          }
        ]
  const rows = SEXES.map((sex, i) => ({
    sex,
    label: summaryLabel(language, `sex.${sex}`),
    counts: spec.attendance[i]!,
    total: spec.attendance[i]!.reduce((s, c) => s + c, 0)
  }))
  const tests = [...test('pre', spec.pre), ...test('post', spec.post)]
  return SessionSummarySchema.parse({
    sessionId: spec.id,
    generatedAt: '2026-12-02T08:00:00.000Z',
    language,
    workshop: { id: spec.workshopId, version: '1.0.0', title: spec.title },
    venue: spec.venue ?? 'Hội trường xã',
    date: spec.date,
    trainer: spec.trainer ?? 'Chị Lan',
    plannedStart: '08:30',
    status: 'finished',
    timing: {
      blocks: [
        {
          blockId: 'all',
          title: 'All',
          kind: 'slides',
          plannedMinutes: spec.minutes,
          actualMinutes: spec.minutes,
          ran: true
        }
      ],
      plannedMinutes: spec.minutes,
      actualMinutes: spec.minutes,
      startedAt: null,
      endedAt: null
    },
    attendance: {
      ageGroups: AGE_GROUPS.map((key) => ({ key, label: summaryLabel(language, `age.${key}`) })),
      rows,
      columnTotals: AGE_GROUPS.map((_, j) => rows.reduce((s, r) => s + r.counts[j]!, 0)),
      total: rows.reduce((s, r) => s + r.total, 0)
    },
    polls: [],
    feedback: [],
    quizzes: {
      tests,
      change:
        spec.pre && spec.post
          ? {
              preBlockId: 'pre-test',
              postBlockId: 'post-test',
              meanScorePoints: spec.post.mean - spec.pre.mean,
              masteredPoints: null,
              questions: []
            }
          : null,
      matchedGain: { pairs: spec.gain?.pairs ?? 0, meanGainPoints: spec.gain?.points ?? null }
    },
    notes: [],
    parkingLot: [],
    closingRemarks: ''
  })
}

// Three sessions, numbers chosen so every expectation below can be worked out by hand.
const S1 = summaryOf({
  id: 'session-one',
  date: '2026-11-02',
  workshopId: 'conference-briefing',
  title: 'Tóm tắt hai hội nghị',
  venue: 'Hội trường <script>alert(1)</script> | A',
  trainer: '=HYPERLINK("x")',
  attendance: [
    [0, 2, 10, 0],
    [0, 1, 5, 0],
    [0, 0, 0, 0]
  ], // 18
  minutes: 120,
  pre: { mean: 50, tested: 18, passed: 6 },
  post: { mean: 80, tested: 18, passed: 15 },
  gain: { pairs: 10, points: 28 }
})
const S2_EN = summaryOf({
  id: 'session-two',
  date: '2026-11-10',
  workshopId: 'conference-briefing',
  title: 'Two conferences in brief',
  language: 'en',
  attendance: [
    [3, 0, 0, 0],
    [2, 0, 0, 1],
    [0, 1, 0, 0]
  ], // 7
  minutes: 90,
  pre: { mean: 40, tested: 7, passed: 1 },
  post: { mean: 70, tested: 7, passed: 5 }
})
const S2_VI = { ...S2_EN, language: 'vi' as const, workshop: { ...S2_EN.workshop, title: 'Tóm tắt hai hội nghị' } }
const S3 = summaryOf({
  id: 'session-three',
  date: '2026-12-01',
  workshopId: 'parents-evening',
  title: 'Buổi tối cho phụ huynh',
  attendance: [
    [0, 0, 4, 0],
    [0, 0, 0, 0],
    [0, 0, 0, 0]
  ], // 4
  minutes: 60,
  // Show of hands: means but no individual scores, so no % mastered.
  pre: { mean: 60, tested: null, passed: null },
  post: { mean: 75, tested: null, passed: null }
})
/** An imported copy of a session run here, with different numbers: must not be counted. */
const S1_COPY = { ...S1, attendance: { ...S3.attendance }, venue: 'copy' }

const NOW = new Date('2026-12-05T10:00:00Z')
const gathered = gatherSummaries([S1], [S1_COPY, S2_EN, S2_VI, S3], 'vi')
const all = buildCrossSessionReport(gathered, {}, 'vi', NOW)

describe('gathering summaries', () => {
  it('counts each session once: a local session wins over its imported copy, then the report language', () => {
    expect(gathered.map((g) => [g.summary.sessionId, g.source, g.summary.language])).toEqual([
      ['session-one', 'local', 'vi'],
      ['session-two', 'imported', 'vi'],
      ['session-three', 'imported', 'vi']
    ])
    expect(gathered[0]!.summary.venue).not.toBe('copy')
    const english = gatherSummaries([S1], [S2_VI, S2_EN], 'en')
    expect(english.find((g) => g.summary.sessionId === 'session-two')!.summary.language).toBe('en')
  })

  it('titles a workshop in the report language when any of its summaries is in that language', () => {
    const report = buildCrossSessionReport(gatherSummaries([S1], [S2_EN], 'vi'), {}, 'vi', NOW)
    expect(report.sessions.map((s) => s.workshopTitle)).toEqual(['Tóm tắt hai hội nghị', 'Tóm tắt hai hội nghị'])
  })
})

describe('the report across sessions', () => {
  it('adds up attendance by sex and age group', () => {
    expect(all.attendance.rows.map((r) => [r.sex, r.counts, r.total])).toEqual([
      ['female', [3, 2, 14, 0], 19],
      ['male', [2, 1, 5, 1], 9],
      ['other', [0, 1, 0, 0], 1]
    ])
    expect(all.attendance.columnTotals).toEqual([5, 4, 19, 1])
    expect(all.attendance.total).toBe(29)
  })

  it('counts sessions, minutes and participant-hours', () => {
    expect(all.totals).toEqual({
      sessions: 3,
      localSessions: 1,
      importedSessions: 2,
      participants: 29,
      actualMinutes: 270,
      participantHours: 50.5 // 18 × 2 h + 7 × 1.5 h + 4 × 1 h
    })
    expect(
      all.sessions.map((s) => [s.date, s.participants, s.preMeanPercent, s.postMeanPercent, s.changePoints])
    ).toEqual([
      ['2026-11-02', 18, 50, 80, 30],
      ['2026-11-10', 7, 40, 70, 30],
      ['2026-12-01', 4, 60, 75, 15]
    ])
  })

  it('gives the mean change over sessions, pooled % mastered and pooled matched gain', () => {
    expect(all.learning).toEqual({
      sessionsWithChange: 3,
      meanChangePoints: 25, // (30 + 30 + 15) ÷ 3
      preTested: 25,
      prePassed: 7,
      preMasteredPercent: 28, // 7 ÷ 25; the show-of-hands session has no individual scores
      postTested: 25,
      postPassed: 20,
      postMasteredPercent: 80,
      masteredChangePoints: 52,
      matchedPairs: 10,
      matchedGainPoints: 28
    })
  })

  it('breaks the figures down per workshop, titled in the report language', () => {
    expect(all.workshops.map((w) => [w.workshopId, w.title, w.sessions, w.participants, w.actualMinutes])).toEqual([
      ['conference-briefing', 'Tóm tắt hai hội nghị', 2, 25, 210],
      ['parents-evening', 'Buổi tối cho phụ huynh', 1, 4, 60]
    ])
    expect(all.workshops[0]!.learning.meanChangePoints).toBe(30)
    expect(all.workshops[0]!.learning.preMasteredPercent).toBe(28)
    expect(all.workshops[1]!.learning.preMasteredPercent).toBeNull()
    expect(all.workshops[1]!.learning.meanChangePoints).toBe(15)
  })

  it('filters by workshop and by date range (both ends included)', () => {
    const one = buildCrossSessionReport(gathered, { workshopId: 'conference-briefing', from: '2026-11-10' }, 'vi', NOW)
    expect(one.sessions.map((s) => s.sessionId)).toEqual(['session-two'])
    expect(one.totals.participants).toBe(7)
    expect(one.learning.preMasteredPercent).toBe(14.3) // 1 ÷ 7
    expect(one.learning.postMasteredPercent).toBe(71.4) // 5 ÷ 7
    expect(one.learning.masteredChangePoints).toBe(57.1)
    const november = buildCrossSessionReport(gathered, { from: '2026-11-02', to: '2026-11-30' }, 'vi', NOW)
    expect(november.sessions.map((s) => s.sessionId)).toEqual(['session-one', 'session-two'])
    const none = buildCrossSessionReport(gathered, { to: '2026-01-01' }, 'vi', NOW)
    expect(none.totals.sessions).toBe(0)
    expect(none.learning.meanChangePoints).toBeNull()
    expect(none.attendance.total).toBe(0)
  })

  it('fits its own schema', () => {
    expect(CrossSessionReportSchema.parse(all)).toEqual(all)
  })
})

describe('neutral tables and document', () => {
  it('gives plain numbers per table', () => {
    const tables = crossSessionTables(all, 'en')
    expect(tables.map((t) => t.file)).toEqual(['report', 'attendance', 'sessions', 'workshops'])
    expect(tables.map((t) => t.name)).toEqual(['Key figures', 'Attendance', 'Sessions held', 'By workshop'])
    expect(crossSessionTables(all, 'vi').map((t) => t.name)).toEqual([
      'Số liệu chính',
      'Điểm danh',
      'Các buổi đã tổ chức',
      'Theo hội thảo'
    ])
    const attendance = tables[1]!
    expect(attendance.columns).toEqual(['Sex', 'Under 18', '18–24', '25–59', '60 and over', 'Total'])
    expect(attendance.rows.at(-1)).toEqual(['Other / prefer not to say', 0, 1, 0, 0, 1])
    expect(attendance.total).toEqual(['Total', 5, 4, 19, 1, 29])
    for (const table of tables)
      for (const row of [...table.rows, ...(table.total ? [table.total] : [])])
        expect(row).toHaveLength(table.columns.length)
  })

  it('gives sections of formatted text in the language asked for', () => {
    const doc = crossSessionDocument(all, 'vi')
    expect(doc.title).toBe('Báo cáo tổng hợp các buổi tập huấn')
    const figures = doc.sections.find((s) => s.heading === 'Số liệu chính')!.table!.rows
    expect(Object.fromEntries(figures)).toMatchObject({
      'Số buổi đã tổ chức': '3',
      'Tổng số người tham dự': '29',
      'Tổng số giờ-người': '50,5',
      'Đạt yêu cầu đầu vào (gộp)': '28% (7/25 người)'
    })
    expect(doc.sections.find((s) => s.heading === 'Cách tính')!.bullets!.length).toBeGreaterThan(3)
    expect(crossSessionDocument(all, 'en').sections[1]!.table!.rows[3]).toEqual(['Participant-hours', '50.5'])
  })
})

describe('exports', () => {
  it('HTML: self-contained, with every text escaped', () => {
    const html = reportToHtml(all)
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`)
    expect(html).toContain('Hội trường &lt;script&gt;alert(1)&lt;/script&gt; | A')
    expect(html).not.toMatch(/<script|<img|https?:/i)
    expect(html).toContain('<td class="num">29</td>')
  })

  it('Markdown: tables that parse, nothing that becomes markup', () => {
    const md = reportToMarkdown(all, 'en')
    const rendered = new MarkdownIt().render(md)
    expect(rendered).not.toContain('<script')
    expect(rendered).toContain('&lt;script&gt;')
    expect(md).toContain('| **Total** | 5 | 4 | 19 | 1 | 29 |')
    expect(md).toMatch(/Participant-hours \| 50\.5 \|/)
  })

  it('CSV: one file per table with a BOM, formulas neutralised', () => {
    const files = reportToCsv(all, 'vi')
    expect(Object.keys(files)).toEqual(['report.csv', 'attendance.csv', 'sessions.csv', 'workshops.csv'])
    for (const text of Object.values(files)) expect(text.startsWith(CSV_BOM)).toBe(true)
    expect(files['sessions.csv']).toContain(`"'=HYPERLINK(""x"")"`)
    expect(files['attendance.csv']).toContain('Tổng,5,4,19,1,29\r\n')
  })

  it('JSON: versioned, and reads back the same', () => {
    const text = reportToJson(all)
    expect(JSON.parse(text)).toMatchObject({ format: 'roundtable-cross-session-report', version: 1 })
    expect(parseReportJson(text)).toEqual(all)
    const edited = JSON.parse(text) as { report: CrossSessionReport }
    edited.report.totals.participants = -1
    expect(() => parseReportJson(JSON.stringify(edited))).toThrow()
  })
})

// Word and Excel files are written to disk and read back by other libraries: mammoth and exceljs.
describe('Word and Excel exports hold the same numbers', () => {
  let dir: string
  const writeAndRead = async (name: string, bytes: Uint8Array): Promise<Buffer> => {
    await writeFile(join(dir, name), bytes)
    return readFile(join(dir, name))
  }
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'roundtable-cross-office-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('Word: the same sections and tables as the HTML, totals included, text kept as text', async () => {
    const { text, html, tables } = await readDocxBuffer(
      await writeAndRead('report.docx', await reportToDocx(all, 'vi'))
    )
    expect(text).toContain('Báo cáo tổng hợp các buổi tập huấn')
    expect(html).toContain('<h1>Số liệu chính</h1>')
    const figures = Object.fromEntries(tables[1]!.slice(1).map((row) => [row[0], row[1]]))
    expect(figures).toMatchObject({
      'Số buổi đã tổ chức': '3',
      'Tổng số người tham dự': '29',
      'Tổng số giờ-người': '50,5',
      'Đạt yêu cầu đầu vào (gộp)': '28% (7/25 người)',
      'Đạt yêu cầu đầu ra (gộp)': '80% (20/25 người)'
    })
    expect(tables[2]!.at(-1)).toEqual(['Tổng', '5', '4', '19', '1', '29'])
    expect(tables[3]!.slice(1).map((row) => row.slice(5))).toEqual([
      ['18', '50', '80', '+30'],
      ['7', '40', '70', '+30'],
      ['4', '60', '75', '+15']
    ])
    expect(text).toContain('Hội trường <script>alert(1)</script> | A')
    expect(html).not.toContain('<script')
  })

  it('Excel: one sheet per CSV table, named in the language asked for, numbers stored as numbers', async () => {
    const { workbook, sheets } = await readXlsxBuffer(await writeAndRead('report.xlsx', await reportToXlsx(all, 'en')))
    expect([...sheets.keys()]).toEqual(['Key figures', 'Attendance', 'Sessions held', 'By workshop'])
    const figures = Object.fromEntries(sheets.get('Key figures')!.map((row) => [row[0], row[1]]))
    expect(figures).toMatchObject({ 'Participants in total': 29, 'Participant-hours': 50.5, 'Sessions held': 3 })
    expect(sheets.get('Attendance')!.at(-1)).toEqual(['Total', 5, 4, 19, 1, 29])
    const sessions = sheets.get('Sessions held')!
    expect(sessions.slice(1).map((row) => row.slice(8))).toEqual([
      [18, 120, 50, 80, 30],
      [7, 90, 40, 70, 30],
      [4, 60, 60, 75, 15]
    ])
    // Each session's day is a date in Excel (the CSV has the same ISO day as text).
    expect(workbook.getWorksheet('Sessions held')!.getCell('C2').type).toBe(ExcelJS.ValueType.Date)
    expect(sessions.slice(1).map((row) => (row[2] as Date).toISOString().slice(0, 10))).toEqual(
      all.sessions.map((s) => s.date)
    )
    // A formula typed as a trainer's name stays text.
    const trainer = workbook.getWorksheet('Sessions held')!.getCell('G2')
    expect(trainer.type).toBe(ExcelJS.ValueType.String)
    expect(trainer.value).toBe('=HYPERLINK("x")')
    expect(
      sheets
        .get('By workshop')!
        .slice(1)
        .map((row) => row.slice(0, 5))
    ).toEqual([
      ['conference-briefing', 'Tóm tắt hai hội nghị', 2, 25, 210], // titled as built (in Vietnamese)
      ['parents-evening', 'Buổi tối cho phụ huynh', 1, 4, 60]
    ])
  })
})
