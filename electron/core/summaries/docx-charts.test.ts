import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { recordAnswer } from '../../shared/sessions/answers'
import { applyCommand, type SessionCommand } from '../../shared/sessions/commands'
import type { Session } from '../../shared/sessions/model'
import { rankingField } from '../../shared/sessions/words-ranking'
import type { PollBlock } from '../../shared/workshops/schema'
import { bundledSnapshotWith } from '../../testing/bundled-snapshot'
import { readDocxCharts, unzipEntries, type ReadChart } from '../../testing/docx-chart-reader'
import { readDocxBuffer, readXlsxBuffer } from '../../testing/office-readers'
import { createSession } from '../sessions/create-session'
import { labeller } from './labels'
import { summaryToDocx } from './office'
import type { SessionSummary } from './schema'
import { buildSummary } from './summary'

// The Word summary's native charts, read back with yauzl and saxes (not the writer's fflate): every
// chart's category labels and values equal the summary's numbers for a session run through the core
// (poll counts, a rating, a ranking, the pre/post correct rates), its parts are declared and linked,
// its title and alt text are in the summary's language, and mammoth still reads the text.

const HOSTILE = '<script>alert(1)</script> & "Nhóm ]]> 1"'
const CHOICE: PollBlock = {
  id: 'choice-hostile',
  kind: 'poll',
  title: { vi: 'Chọn <b>một</b>', en: 'Pick <b>one</b>' },
  minutes: 2,
  question: { vi: 'Chọn một', en: 'Pick one' },
  type: 'single',
  purpose: 'opinion',
  options: [
    { id: 'hostile', text: { vi: HOSTILE, en: HOSTILE } },
    { id: 'plain', text: { vi: 'Ý kiến khác', en: 'Another view' } }
  ]
}
const POINTS: PollBlock = {
  id: 'rank-points',
  kind: 'poll',
  title: { vi: 'Chia điểm', en: 'Spread points' },
  minutes: 3,
  question: { vi: 'Chia 10 điểm', en: 'Spread 10 points' },
  type: 'ranking',
  purpose: 'opinion',
  options: [
    { id: 'talk', text: { vi: 'Trò chuyện với con', en: 'Talk with children' } },
    { id: 'report', text: { vi: 'Biết cách báo cáo', en: 'Know how to report' } }
  ],
  ranking: { mode: 'points', points: 10 }
}

/**
 * Known numbers: the choice poll 2 × hostile, 1 × plain (phones); points 7/3, 5/5 (means 6 and 4); the
 * measures poll by hands 7/4/2; pre-test 3 phones, post-test 2; the rating 3 × 4 and 2 × 5.
 */
async function runSession(): Promise<Session> {
  const snapshot = await bundledSnapshotWith([CHOICE, POINTS])
  const session = createSession({
    id: 'docx-charts-1',
    now: new Date('2026-12-03T08:00:00Z'),
    snapshot,
    details: { venue: 'Hội trường', date: '2026-12-03', trainer: 'Lan', language: 'vi', plannedStart: '08:00' }
  })
  let clock = Date.parse(session.createdAt)
  const run = (command: SessionCommand): void => applyCommand(session, command, new Date((clock += 60_000)))
  const answer = (blockId: string, deviceKey: string, values: Record<string, string[]>): void => {
    const refused = recordAnswer(session, { blockId, deviceKey, values }, new Date((clock += 1000)))
    if (refused) throw new Error(refused)
  }
  const quiz = snapshot.manifest.blocks.find((b) => b.id === 'pre-quiz')!
  if (quiz.kind !== 'quiz') throw new Error('expected the pre-test')
  /** A test's answers with the first `right` questions correct. */
  const test = (blockId: string, deviceKey: string, right: number): void =>
    answer(
      blockId,
      deviceKey,
      Object.fromEntries(
        quiz.questions!.map((q, i) => [
          q.id,
          i < right ? q.options.filter((o) => o.correct).map((o) => o.id) : [q.options.find((o) => !o.correct)!.id]
        ])
      )
    )
  const goto = (id: string): void =>
    run({ type: 'goto', block: snapshot.manifest.blocks.findIndex((b) => b.id === id), slide: 0 })
  const phones = (blockId: string, answers: () => void): void => {
    goto(blockId)
    run({ type: 'pollOpen', blockId, mode: 'phones' })
    answers()
    run({ type: 'pollClose', blockId })
  }
  const tally = (blockId: string, counts: Record<string, number>): void => {
    goto(blockId)
    run({ type: 'pollOpen', blockId, mode: 'tally' })
    for (const [key, count] of Object.entries(counts))
      run({ type: 'tallySet', blockId, key: `${blockId}/${key}`, count })
    run({ type: 'pollClose', blockId })
  }

  run({ type: 'status', status: 'running' })
  phones('choice-hostile', () => {
    for (const [device, option] of [
      ['d1', 'hostile'],
      ['d2', 'hostile'],
      ['d3', 'plain']
    ] as const) {
      answer('choice-hostile', device, { 'choice-hostile': [option] })
    }
  })
  phones('rank-points', () => {
    for (const [device, talk] of [
      ['d1', 7],
      ['d2', 5]
    ] as const) {
      answer('rank-points', device, {
        [rankingField('rank-points', 'talk')]: [String(talk)],
        [rankingField('rank-points', 'report')]: [String(10 - talk)]
      })
    }
  })
  phones('pre-quiz', () => {
    test('pre-quiz', 'd1', 2)
    test('pre-quiz', 'd2', 3)
    test('pre-quiz', 'd3', 5)
  })
  tally('poll-2019-measures', { training: 7, services: 4, 'law-policy': 2 })
  phones('post-quiz', () => {
    test('post-quiz', 'd4', 5)
    test('post-quiz', 'd5', 4)
  })
  tally('feedback', { 4: 3, 5: 2 })
  run({ type: 'status', status: 'finished' })
  return session
}

type Series = ReadChart['series']

/**
 * The charts the summary's numbers call for, in the document's order: timing (planned and actual
 * minutes per block), the tests' correct rates, then the polls and the feedback.
 */
function expectedCharts(summary: SessionSummary): Series[] {
  const l = labeller(summary.language)
  const change = summary.quizzes.change!
  const blocks = summary.timing.blocks
  const timing: Series = [
    { name: l('timing.planned'), categories: blocks.map((b) => b.title), values: blocks.map((b) => b.plannedMinutes) },
    { name: l('timing.actual'), categories: blocks.map((b) => b.title), values: blocks.map((b) => b.actualMinutes) }
  ]
  const polls = [...summary.polls, ...summary.feedback].flatMap((p): Series[] => {
    if (p.options.length > 0) {
      return [[{ name: '', categories: p.options.map((o) => o.label), values: p.options.map((o) => o.count) }]]
    }
    if (!p.ranking) return []
    const byRank = p.ranking.mode === 'order'
    const options = p.ranking.options
    return [
      [
        {
          name: '',
          categories: options.map((o) => o.label),
          values: options.map((o) => (byRank ? o.meanRank : o.meanPoints) ?? 0)
        }
      ]
    ]
  })
  const questions = change.questions.map((q) => q.text)
  return [
    timing,
    [
      { name: l('quiz.role.pre'), categories: questions, values: change.questions.map((q) => q.prePercent ?? 0) },
      { name: l('quiz.role.post'), categories: questions, values: change.questions.map((q) => q.postPercent ?? 0) }
    ],
    ...polls
  ]
}

const dir = mkdtempSync(join(tmpdir(), 'roundtable-docx-charts-'))

describe('native charts in the Word summary', () => {
  let vi: SessionSummary
  let file: Buffer
  let charts: ReadChart[]

  beforeAll(async () => {
    const session = await runSession()
    vi = buildSummary(session, 'vi')
    writeFileSync(join(dir, 'summary-vi.docx'), await summaryToDocx(vi))
    file = readFileSync(join(dir, 'summary-vi.docx'))
    charts = await readDocxCharts(file)
  })

  it('draws every poll, rating, ranking and the pre/post correct rates with the summary’s own labels and numbers', () => {
    const poll = (id: string) => [...vi.polls, ...vi.feedback].find((p) => p.blockId === id)!
    // The scenario's numbers, so that the comparison below is with known values.
    expect(poll('choice-hostile').options.map((o) => [o.label, o.count])).toEqual([
      [HOSTILE, 2],
      ['Ý kiến khác', 1]
    ])
    expect(poll('rank-points').ranking!.options.map((o) => o.meanPoints)).toEqual([6, 4])
    const measures = poll('poll-2019-measures').options.filter((o) => o.count > 0)
    expect(Object.fromEntries(measures.map((o) => [o.key, o.count]))).toEqual({
      training: 7,
      services: 4,
      'law-policy': 2
    })
    expect(poll('feedback').options.map((o) => o.count)).toEqual([0, 0, 0, 3, 2])
    expect(vi.quizzes.change!.questions.length).toBeGreaterThan(0)

    const read = charts.map((c) => c.series.map((s) => ({ ...s, name: c.series.length > 1 ? s.name : '' })))
    expect(read).toEqual(expectedCharts(vi))
    expect(charts.find((c) => c.series[0]!.categories[0] === HOSTILE)!.series[0]!.values).toEqual([2, 1])
  })

  it('declares each chart part in [Content_Types].xml and links it from the document, with no part left over', async () => {
    const entries = await unzipEntries(file)
    const parts = [...entries.keys()].filter((name) => /^word\/charts\/chart\d+\.xml$/.test(name)).sort()
    expect(charts.map((c) => c.part).sort()).toEqual(parts)
    expect(new Set(parts).size).toBe(charts.length)
    for (const chart of charts) {
      expect(chart.contentType).toBe('application/vnd.openxmlformats-officedocument.drawingml.chart+xml')
    }
  })

  it('embeds the same values in a workbook for Word’s "Edit data"', async () => {
    for (const chart of charts) {
      expect(chart.workbook).not.toBeNull()
      const rows = (await readXlsxBuffer(chart.workbook!)).sheets.get('Sheet1')!
      expect(rows.slice(1).map((row) => row[0])).toEqual(chart.series[0]!.categories)
      chart.series.forEach((s, i) => {
        expect(rows[0]![i + 1]).toBe(s.name)
        expect(rows.slice(1).map((row) => row[i + 1])).toEqual(s.values)
      })
    }
  })

  it('gives each chart a title and alt text in the summary’s language, user text escaped', async () => {
    const measures = vi.polls.find((p) => p.blockId === 'poll-2019-measures')!
    const chart = charts.find((c) => c.title.startsWith(measures.title))!
    expect(chart.title).toBe(`${measures.title} · Số lượt chọn`)
    expect(chart.shownTitle).toBe(chart.title)
    for (const o of measures.options) expect(chart.description).toContain(`${o.label}: ${o.count}`)
    expect(charts[0]!.title).toBe('Thời gian dự kiến và thực tế')
    expect(charts[1]!.title).toBe('Tỉ lệ đúng (%)')
    expect(charts[1]!.description).toContain('Kiểm tra đầu vào')
    expect(charts.find((c) => c.title.startsWith('Chọn <b>một</b>'))!.description).toContain(`${HOSTILE}: 2`)

    const en = buildSummary(await runSession(), 'en')
    const english = await readDocxCharts(Buffer.from(await summaryToDocx(en)))
    expect(english[1]!.title).toBe('Correct rate (%)')
    expect(english[1]!.series.map((s) => s.name)).toEqual(['Pre-test', 'Post-test'])
    const enMeasures = en.polls.find((p) => p.blockId === 'poll-2019-measures')!
    expect(english.map((c) => c.title)).toContain(`${enMeasures.title} · Count`)
    expect(english.map((c) => c.title)).toContain('Spread points · Mean points')

    const xml = [...(await unzipEntries(file)).values()].map((b) => b.toString('utf8')).join('\n')
    expect(xml).not.toMatch(/<script|<b>|roundtable-chart/)
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Nhóm ]]&gt; 1&quot;')
  })

  it('keeps every number in the tables, which mammoth still reads', async () => {
    const { text, tables: html } = await readDocxBuffer(file)
    expect(text).toContain('Kết quả bình chọn')
    expect(text).toContain(HOSTILE)
    const entities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"' }
    const tables = html.map((t) => t.map((row) => row.map((cell) => cell.replace(/&\w+;/g, (e) => entities[e] ?? e))))
    const poll = tables.find((t) => t.some((row) => row[0] === HOSTILE))!
    expect(poll.slice(1).map((row) => row.slice(0, 2))).toEqual([
      [HOSTILE, '2'],
      ['Ý kiến khác', '1']
    ])
    const ranking = tables.find((t) => t.some((row) => row[0] === 'Trò chuyện với con'))!
    expect(ranking.slice(1).map((row) => row[1])).toEqual(['6', '4'])
  })

  it('without a pre/post pair, charts each test’s correct rate per question on its own', async () => {
    // A workshop whose tests make no pair (e.g. one practice test) has no change between them.
    const summary = { ...vi, quizzes: { ...vi.quizzes, change: null } }
    const read = await readDocxCharts(Buffer.from(await summaryToDocx(summary)))
    for (const test of summary.quizzes.tests) {
      const chart = read.find((c) => c.title === `${test.title} · Tỉ lệ đúng (%)`)!
      expect(chart.series).toEqual([
        {
          name: 'Tỉ lệ đúng (%)',
          categories: test.questions.map((q) => q.text),
          values: test.questions.map((q) => q.correctPercent ?? 0)
        }
      ])
    }
    const pre = summary.quizzes.tests.find((t) => t.blockId === 'pre-quiz')!
    expect(pre.questions.map((q) => q.correctPercent)).toEqual([100, 100, 66.7, 33.3, 33.3])
    expect(read.some((c) => c.series.length > 1 && c.title === 'Tỉ lệ đúng (%)')).toBe(false)
  })
})
