import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import MarkdownIt from 'markdown-it'
import { beforeAll, describe, expect, it } from 'vitest'
import { recordAnswer } from '../../shared/sessions/answers'
import { applyCommand, type SessionCommand } from '../../shared/sessions/commands'
import { createSession, workshopSnapshot } from '../sessions/create-session'
import { SessionSchema, type Session, type WorkshopSnapshot } from '../../shared/sessions/model'
import { folderReader, loadWorkshop } from '../workshops/loader'
import type { Block, Manifest } from '../../shared/workshops/schema'
import { CSV_BOM, csvCell, summaryToCsv } from './csv'
import { escapeHtml, summaryToHtml } from './html'
import { documentFonts } from '../documents/fonts'
import { BUNDLED_FONTS } from '../../testing/bundled-core'
import { escapeMarkdown, summaryToMarkdown } from './markdown'
import { translate } from '../../shared/i18n/translate'
import { parseSummaryJson, SummaryFileError, summaryToJson } from './json'
import { SessionSummarySchema, type SessionSummary } from './schema'
import { buildSummary } from './summary'

const workshopDir = resolve(__dirname, '../../../workshops/conference-briefing')

/** Where the HTML exports of the scenario are written, for a later end-to-end check in a browser. */
const HTML_EXPORT_DIR = join(tmpdir(), 'roundtable-summary-export')

// What a trainer or participant might type that must never become markup, a link or a formula.
const VENUE = 'Hội trường <img src=x onerror=alert(1)> & "Phòng 2" | tầng 3'
const TRAINER = 'Nguyễn Thị Lan'
const NOTE_SCRIPT = '<script>alert("note")</script> Lập kế hoạch | liên ngành'
const NOTE_FORMULA = '=HYPERLINK("x","bấm vào đây")'
const NOTE_MARKDOWN = '# Not a heading\n- not a list `code` [link](javascript:alert(1))'
const NOTE_WHOLE_ROOM = 'Cần nói chuyện với cha mẹ sớm hơn, "không đổ lỗi"'
const OPEN_IMG = '<img src=x onerror=alert(2)> Tôi sẽ nói chuyện với con'
const OPEN_PIPE = '| pipe | and `tick` & <b>bold</b>'
const OPEN_UNAPPROVED = 'Unapproved answer that must stay in the app'
const PARKING_SCRIPT = '<script>alert("parking")</script> Hỏi về quy trình chuyển tuyến?'
const PARKING_FORMULA = '@SUM(A1:A9)'
const PARKING_MINUS = '-5 phút cho phần hỏi đáp'
const REMARKS = 'Cảm ơn <b>mọi người</b>\n# Not a heading either\n+cmd|" /C calc"!A0'

let snapshot: WorkshopSnapshot
let clock = 0

beforeAll(async () => {
  const result = await loadWorkshop(folderReader(workshopDir))
  if (!result.ok) throw new Error('bundled workshop does not load')
  const { slides } = workshopSnapshot(result.workshop)
  // The briefing has no open-text poll; the snapshot gets one (before the feedback rating) so that
  // approved and unapproved open answers are covered too.
  const manifest = result.workshop.manifest
  const openPoll: Block = {
    id: 'one-thing',
    kind: 'poll',
    title: { vi: 'Một việc tôi sẽ làm', en: 'One thing I will do' },
    minutes: 1,
    question: { vi: 'Anh chị sẽ làm gì khác đi?', en: 'What will you do differently?' },
    type: 'open',
    purpose: 'feedback'
  }
  const at = manifest.blocks.findIndex((b) => b.id === 'feedback')
  snapshot = {
    manifest: {
      ...manifest,
      durationMinutes: manifest.durationMinutes + 1,
      blocks: manifest.blocks.toSpliced(at, 0, openPoll)
    },
    slides
  }
})

const manifest = (): Manifest => snapshot.manifest
const block = <K extends Block['kind']>(id: string, kind: K): Extract<Block, { kind: K }> => {
  const found = manifest().blocks.find((b) => b.id === id)
  if (found?.kind !== kind) throw new Error(`expected a ${kind} block ${id}`)
  return found as Extract<Block, { kind: K }>
}
const indexOf = (id: string): number => manifest().blocks.findIndex((b) => b.id === id)

function newSession(): Session {
  clock = Date.parse('2026-11-22T08:00:00Z')
  return createSession({
    id: 'summary-test-1',
    now: new Date(clock),
    snapshot,
    details: { venue: VENUE, date: '2026-11-22', trainer: TRAINER, language: 'vi', plannedStart: '08:00' }
  })
}

/** Applies a command `minutes` after the previous one. */
const run = (session: Session, command: SessionCommand, minutes = 0): void => {
  clock += minutes * 60_000
  applyCommand(session, command, new Date(clock))
}
const goto = (session: Session, id: string, minutes: number): void =>
  run(session, { type: 'goto', block: indexOf(id), slide: 0 }, minutes)

/** A phone's answers to the pre/post test: the first `right` questions correct, the others wrong. */
function quizAnswers(right: number): Record<string, string[]> {
  const questions = block('pre-quiz', 'quiz').questions!
  return Object.fromEntries(
    questions.map((q, i) => [
      q.id,
      i < right ? q.options.filter((o) => o.correct).map((o) => o.id) : [q.options.find((o) => !o.correct)!.id]
    ])
  )
}

function answer(
  session: Session,
  blockId: string,
  deviceKey: string,
  values: Record<string, string[]>,
  participantNumber?: string
): void {
  const refused = recordAnswer(
    session,
    { blockId, deviceKey, values, ...(participantNumber ? { participantNumber } : {}) },
    new Date(clock)
  )
  expect(refused).toBeNull()
}

/**
 * A whole briefing, as a trainer runs it:
 *   welcome 7 min (planned 6) · pre-test 6 (8) · 2019 slides 10 (9) · 2019 poll 3 (3) · 2023 slides 8 (9)
 *   · closest-action poll 2 (2) · discussion 12 (10) · quick discussion 3 + 10 paused + 2 (6)
 *   · our work 4 (8) · post-test 4 (7) · open poll 2 (1) · feedback 3 (2) → actual 66, planned 71.
 */
function runBriefing(): Session {
  const session = newSession()
  // Attendance: 12 women, 7 men, 1 other; by age 0 / 4 / 15 / 1.
  run(session, { type: 'attendanceSet', sex: 'female', ageGroup: '18-24', count: 3 })
  run(session, { type: 'attendanceSet', sex: 'female', ageGroup: '25-59', count: 9 })
  run(session, { type: 'attendanceSet', sex: 'male', ageGroup: '25-59', count: 6 })
  run(session, { type: 'attendanceSet', sex: 'male', ageGroup: '60-plus', count: 1 })
  run(session, { type: 'attendanceSet', sex: 'other', ageGroup: '18-24', count: 1 })

  // Pre-test on phones: 100 %, 40 %, 0 %, 80 % (the last without a participant number).
  goto(session, 'pre-quiz', 7)
  run(session, { type: 'pollOpen', blockId: 'pre-quiz', mode: 'phones' })
  answer(session, 'pre-quiz', 'device-key-a1', quizAnswers(5), 'P-701')
  answer(session, 'pre-quiz', 'device-key-a2', quizAnswers(2), 'P-702')
  answer(session, 'pre-quiz', 'device-key-a3', quizAnswers(0), 'p-703')
  answer(session, 'pre-quiz', 'device-key-a4', quizAnswers(4))
  run(session, { type: 'pollClose', blockId: 'pre-quiz' }, 5)

  goto(session, 'ecpat-2019', 1)
  // The measures poll by show of hands (several choices each), with the people counted.
  goto(session, 'poll-2019-measures', 10)
  run(session, { type: 'pollOpen', blockId: 'poll-2019-measures', mode: 'tally' })
  const measures = {
    'law-policy': 5,
    'action-plan': 2,
    enforcement: 3,
    research: 0,
    justice: 1,
    services: 8,
    training: 12
  }
  for (const [option, count] of Object.entries(measures)) {
    run(session, { type: 'tallySet', blockId: 'poll-2019-measures', key: `poll-2019-measures/${option}`, count })
  }
  run(session, { type: 'tallyRespondents', blockId: 'poll-2019-measures', count: 20 })
  run(session, { type: 'pollClose', blockId: 'poll-2019-measures' }, 3)

  goto(session, 'interpol-2023', 0)
  // The closest-action poll on phones.
  goto(session, 'poll-closest-action', 8)
  run(session, { type: 'pollOpen', blockId: 'poll-closest-action', mode: 'phones' })
  const picks = ['laws', 'cooperation', 'cooperation', 'parents', 'reporting-support']
  picks.forEach((option, i) =>
    answer(session, 'poll-closest-action', `device-key-b${i}`, { 'poll-closest-action': [option] })
  )
  run(session, { type: 'pollClose', blockId: 'poll-closest-action' }, 2)

  goto(session, 'discussion-five-actions', 0)
  run(session, { type: 'noteAdd', blockId: 'discussion-five-actions', group: 'Nhóm 1', text: NOTE_SCRIPT })
  run(session, { type: 'noteAdd', blockId: 'discussion-five-actions', group: 'Nhóm 2', text: NOTE_FORMULA })
  run(session, { type: 'noteAdd', blockId: 'discussion-five-actions', group: 'Nhóm 1', text: NOTE_MARKDOWN })
  goto(session, 'discussion-2019-2023', 12)
  run(session, { type: 'noteAdd', blockId: 'discussion-2019-2023', group: '', text: NOTE_WHOLE_ROOM })
  run(session, { type: 'status', status: 'paused' }, 3)
  run(session, { type: 'status', status: 'running' }, 10)
  // The ranking poll is shown and passed over (no answers).
  goto(session, 'rank-five-actions', 2)
  goto(session, 'our-work-help', 0)

  // Post-test on phones: 100 %, 80 %, 60 %, and a newcomer at 100 %.
  goto(session, 'post-quiz', 4)
  run(session, { type: 'pollOpen', blockId: 'post-quiz', mode: 'phones' })
  answer(session, 'post-quiz', 'device-key-c1', quizAnswers(5), 'P-701')
  answer(session, 'post-quiz', 'device-key-c2', quizAnswers(4), 'P-702')
  answer(session, 'post-quiz', 'device-key-c3', quizAnswers(3), 'P-703')
  answer(session, 'post-quiz', 'device-key-c4', quizAnswers(5), 'P-704')
  run(session, { type: 'pollClose', blockId: 'post-quiz' }, 4)

  // Open answers: two approved, one not.
  goto(session, 'one-thing', 0)
  run(session, { type: 'pollOpen', blockId: 'one-thing', mode: 'phones' })
  answer(session, 'one-thing', 'device-key-o1', { 'one-thing': [OPEN_IMG] })
  answer(session, 'one-thing', 'device-key-o2', { 'one-thing': [OPEN_UNAPPROVED] })
  answer(session, 'one-thing', 'device-key-o3', { 'one-thing': [OPEN_PIPE] })
  run(session, { type: 'moderate', blockId: 'one-thing', deviceKey: 'device-key-o1', approved: true })
  run(session, { type: 'moderate', blockId: 'one-thing', deviceKey: 'device-key-o3', approved: true })
  run(session, { type: 'pollClose', blockId: 'one-thing' }, 2)

  // Feedback rating by show of hands: 2 × 3, 10 × 4, 8 × 5 → mean 4.3.
  goto(session, 'feedback', 0)
  run(session, { type: 'pollOpen', blockId: 'feedback', mode: 'tally' })
  run(session, { type: 'tallySet', blockId: 'feedback', key: 'feedback/3', count: 2 })
  run(session, { type: 'tallySet', blockId: 'feedback', key: 'feedback/4', count: 10 })
  run(session, { type: 'tallySet', blockId: 'feedback', key: 'feedback/5', count: 8 })
  run(session, { type: 'pollClose', blockId: 'feedback' }, 2)

  run(session, { type: 'parkingAdd', text: PARKING_SCRIPT })
  run(session, { type: 'parkingAdd', text: PARKING_FORMULA })
  run(session, { type: 'parkingAdd', text: PARKING_MINUS })
  run(session, { type: 'closingRemarks', text: REMARKS })
  run(session, { type: 'status', status: 'finished' }, 1)
  expect(SessionSchema.safeParse(session).success).toBe(true)
  return session
}

/** RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"' && field === '') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else if (c === '\n' || c === '\r' || c === '"') throw new Error(`bare ${JSON.stringify(c)} at ${i}`)
    else field += c
  }
  if (quoted) throw new Error('unterminated quote')
  if (field !== '' || row.length > 0) throw new Error('the last record has no CRLF')
  return rows
}

/** The CSV's records without the BOM; checks every record has as many fields as the header. */
function csvTable(files: Record<string, string>, name: string): string[][] {
  const text = files[name]
  if (text === undefined) throw new Error(`no ${name}`)
  expect(text.startsWith(CSV_BOM)).toBe(true)
  const rows = parseCsv(text.slice(1))
  for (const row of rows) expect(row.length).toBe(rows[0]!.length)
  return rows
}

/** Tags that only user text could have put in an export (the exporters never write them). */
const DANGEROUS = /<\s*\/?\s*(script|img|iframe|object|embed|link|b)\b/i

describe('session summary', () => {
  let session: Session
  let vi: SessionSummary
  let en: SessionSummary
  let finishedAt = 0

  beforeAll(() => {
    session = runBriefing()
    finishedAt = clock
    // Made an hour after the end: a finished session's timing no longer grows.
    vi = buildSummary(session, 'vi', new Date(finishedAt + 60 * 60_000))
    en = buildSummary(session, 'en', new Date(finishedAt + 60 * 60_000))
  })

  it('is valid, plain serialisable data with the session details', () => {
    expect(SessionSummarySchema.safeParse(vi).success).toBe(true)
    expect(JSON.parse(JSON.stringify(vi))).toEqual(vi)
    expect(vi).toMatchObject({
      sessionId: 'summary-test-1',
      language: 'vi',
      workshop: { id: 'conference-briefing', version: manifest().version, title: manifest().title.vi },
      venue: VENUE,
      date: '2026-11-22',
      trainer: TRAINER,
      plannedStart: '08:00',
      status: 'finished'
    })
    expect(en.workshop.title).toBe(manifest().title.en)
  })

  it('adds attendance up by sex and by age group', () => {
    const a = vi.attendance
    expect(a.ageGroups.map((g) => g.key)).toEqual(['under-18', '18-24', '25-59', '60-plus'])
    expect(a.rows.map((r) => [r.sex, r.total])).toEqual([
      ['female', 12],
      ['male', 7],
      ['other', 1]
    ])
    expect(a.rows[0]!.counts).toEqual([0, 3, 9, 0])
    expect(a.columnTotals).toEqual([0, 4, 15, 1])
    expect(a.total).toBe(20)
    expect(a.rows.map((r) => r.label)).toEqual(['Nữ', 'Nam', 'Khác / không muốn nói'])
    expect(en.attendance.ageGroups.map((g) => g.label)).toEqual(['Under 18', '18–24', '25–59', '60 and over'])
  })

  it('compares planned and actual minutes per block, leaving pauses out', () => {
    const minutes = Object.fromEntries(vi.timing.blocks.map((b) => [b.blockId, [b.plannedMinutes, b.actualMinutes]]))
    expect(minutes).toEqual({
      welcome: [6, 7],
      'pre-quiz': [8, 6],
      'ecpat-2019': [9, 10],
      'poll-2019-measures': [3, 3],
      'interpol-2023': [9, 8],
      'poll-closest-action': [2, 2],
      'discussion-five-actions': [8, 12],
      'discussion-2019-2023': [6, 5],
      'rank-five-actions': [2, 0],
      'our-work-help': [8, 4],
      'post-quiz': [7, 4],
      'one-thing': [1, 2],
      feedback: [2, 3]
    })
    expect(vi.timing.plannedMinutes).toBe(71)
    expect(vi.timing.actualMinutes).toBe(66)
    expect(vi.timing.blocks.every((b) => b.ran)).toBe(true)
    expect(vi.timing.startedAt).toBe('2026-11-22T08:00:00.000Z')
    expect(vi.timing.endedAt).toBe(new Date(finishedAt).toISOString())
    expect(vi.timing.blocks[0]).toMatchObject({ title: manifest().blocks[0]!.title.vi, kind: 'slides' })
  })

  it('counts a block still running up to now, and blocks not reached as not run', () => {
    const live = newSession()
    goto(live, 'pre-quiz', 4)
    const summary = buildSummary(live, 'en', new Date(clock + 90_000))
    expect(summary.status).toBe('running')
    expect(summary.timing.blocks[0]).toMatchObject({ blockId: 'welcome', actualMinutes: 4, ran: true })
    expect(summary.timing.blocks[1]).toMatchObject({ blockId: 'pre-quiz', actualMinutes: 1.5, ran: true })
    expect(summary.timing.blocks[2]).toMatchObject({ actualMinutes: 0, ran: false })
    expect(summary.timing.actualMinutes).toBe(5.5)
    expect(summary.timing.endedAt).toBeNull()
    expect(summary.quizzes.tests[0]).toMatchObject({ collected: 'not run', respondents: 0, meanScorePercent: null })
    expect(summary.polls[0]).toMatchObject({ collected: 'not run', respondents: 0 })
    expect(summary.quizzes.change).toMatchObject({ meanScorePoints: null, masteredPoints: null })
    expect(summary.quizzes.matchedGain).toEqual({ pairs: 0, meanGainPoints: null })
    expect(summary.attendance.total).toBe(0)
    expect(SessionSummarySchema.safeParse(summary).success).toBe(true)
    // An early summary exports too: empty sections say so instead of failing.
    expect(parseSummaryJson(summaryToJson(summary))).toEqual(summary)
    expect(summaryToHtml(summary)).toContain('No attendance recorded.')
    expect(summaryToMarkdown(summary)).toContain('_No notes._')
    expect(csvTable(summaryToCsv(summary), 'notes.csv')).toEqual([['Part id', 'Part', 'Group', 'Note']])
  })

  it('reports every poll: how collected, respondents, counts with labels, rating mean, approved answers only', () => {
    const measures = block('poll-2019-measures', 'poll')
    expect(vi.polls.map((p) => p.blockId)).toEqual(['poll-2019-measures', 'poll-closest-action', 'rank-five-actions'])
    expect(vi.polls[0]).toMatchObject({
      collected: 'tally',
      type: 'multiple',
      respondents: 20,
      question: measures.question.vi
    })
    expect(vi.polls[0]!.options).toEqual(
      measures.options!.map((o) => ({
        key: o.id,
        label: o.text.vi,
        count: {
          'law-policy': 5,
          'action-plan': 2,
          enforcement: 3,
          research: 0,
          justice: 1,
          services: 8,
          training: 12
        }[o.id]
      }))
    )
    expect(vi.polls[1]).toMatchObject({
      collected: 'phones',
      type: 'single',
      respondents: 5,
      mean: null,
      openAnswers: []
    })
    expect(Object.fromEntries(vi.polls[1]!.options.map((o) => [o.key, o.count]))).toEqual({
      laws: 1,
      cooperation: 2,
      parents: 1,
      'community-media': 0,
      'reporting-support': 1
    })
    expect(en.polls[1]!.options[0]!.label).toBe('(1) Adapting laws and policies')

    // Participant feedback: the poll blocks with purpose "feedback".
    expect(vi.feedback.map((p) => p.blockId)).toEqual(['one-thing', 'feedback'])
    const [open, rating] = vi.feedback
    expect(open).toMatchObject({
      type: 'open',
      collected: 'phones',
      respondents: 3,
      options: [],
      openAnswers: [OPEN_IMG, OPEN_PIPE]
    })
    expect(rating).toMatchObject({
      type: 'rating',
      collected: 'tally',
      respondents: 20,
      mean: 4.3,
      scale: { min: 1, max: 5 }
    })
    expect(rating!.options.map((o) => [o.label, o.count])).toEqual([
      ['1 · Không hữu ích', 0],
      ['2', 0],
      ['3', 2],
      ['4', 10],
      ['5 · Rất hữu ích', 8]
    ])
  })

  it('scores pre- and post-tests: means, per-question rates, % mastered, change and matched gain', () => {
    const [pre, post] = vi.quizzes.tests
    const questions = block('pre-quiz', 'quiz').questions!
    expect(questions).toHaveLength(5)
    // Pre: 100, 40, 0, 80 → mean 55; 2 of 4 at or above 80 % → 50 % mastered.
    expect(pre).toMatchObject({
      role: 'pre',
      collected: 'phones',
      respondents: 4,
      meanScorePercent: 55,
      masteredPercent: 50,
      tested: 4,
      passed: 2,
      passMarkPercent: 80
    })
    expect(pre!.questions.map((q) => q.correctPercent)).toEqual([75, 75, 50, 50, 25])
    expect(pre!.questions.map((q) => [q.correct, q.answered])).toEqual([
      [3, 4],
      [3, 4],
      [2, 4],
      [2, 4],
      [1, 4]
    ])
    expect(pre!.questions.map((q) => q.text)).toEqual(questions.map((q) => q.text.vi))
    // Post (questions from the pre-test): 100, 80, 60, 100 → mean 85; 3 of 4 → 75 % mastered.
    expect(post).toMatchObject({
      role: 'post',
      respondents: 4,
      meanScorePercent: 85,
      masteredPercent: 75,
      tested: 4,
      passed: 3
    })
    expect(post!.questions.map((q) => q.correctPercent)).toEqual([100, 100, 100, 75, 50])
    expect(vi.quizzes.change).toMatchObject({
      preBlockId: 'pre-quiz',
      postBlockId: 'post-quiz',
      meanScorePoints: 30,
      masteredPoints: 25
    })
    expect(vi.quizzes.change!.questions.map((q) => q.changePoints)).toEqual([25, 25, 50, 25, 25])
    // Matched by participant number (case-insensitive): P-701 0, P-702 +40, P-703 +60 → 33.3 points.
    expect(vi.quizzes.matchedGain).toEqual({ pairs: 3, meanGainPoints: 33.3 })
  })

  it('groups discussion notes by block and group, and keeps the parking lot and closing remarks', () => {
    expect(vi.notes).toEqual([
      {
        blockId: 'discussion-five-actions',
        title: block('discussion-five-actions', 'discussion').title.vi,
        groups: [
          { group: 'Nhóm 1', notes: [NOTE_SCRIPT, NOTE_MARKDOWN] },
          { group: 'Nhóm 2', notes: [NOTE_FORMULA] }
        ]
      },
      {
        blockId: 'discussion-2019-2023',
        title: block('discussion-2019-2023', 'discussion').title.vi,
        groups: [{ group: '', notes: [NOTE_WHOLE_ROOM] }]
      }
    ])
    expect(vi.parkingLot).toEqual([PARKING_SCRIPT, PARKING_FORMULA, PARKING_MINUS])
    expect(vi.closingRemarks).toBe(REMARKS)
  })

  it('identifies no participant: no participant numbers, device keys or unapproved answers in any export', () => {
    const outputs = [
      JSON.stringify(vi),
      summaryToJson(vi),
      summaryToHtml(vi),
      summaryToHtml(en),
      summaryToMarkdown(vi),
      ...Object.values(summaryToCsv(vi))
    ]
    for (const text of outputs) {
      expect(text).not.toMatch(/P-70\d/i)
      expect(text).not.toContain('device-key')
      expect(text).not.toContain(OPEN_UNAPPROVED)
      expect(text).not.toContain('participantNumber')
    }
  })

  // The label maps' parity (same keys, no empty text) is checked with every catalogue in i18n/catalogues.test.ts.
  it('labels everything in the summary language', () => {
    const htmlVi = summaryToHtml(vi)
    expect(htmlVi).toContain('<html lang="vi">')
    expect(htmlVi).toContain('Điểm danh theo giới tính và nhóm tuổi')
    expect(htmlVi).toContain('Kiểm tra đầu vào')
    expect(htmlVi).not.toContain('Attendance by sex')
    const htmlEn = summaryToHtml(en)
    expect(htmlEn).toContain('<html lang="en">')
    expect(htmlEn).toContain('Attendance by sex and age group')
    expect(htmlEn).not.toContain('Điểm danh theo')
    expect(summaryToCsv(en)['attendance.csv']).toContain('Female')
    expect(summaryToCsv(vi)['attendance.csv']).toContain('Nữ')
  })

  describe('HTML export', () => {
    let html: string
    beforeAll(() => {
      html = summaryToHtml(vi, documentFonts(BUNDLED_FONTS))
      mkdirSync(HTML_EXPORT_DIR, { recursive: true })
      writeFileSync(join(HTML_EXPORT_DIR, 'summary-vi.html'), html, 'utf8')
      writeFileSync(join(HTML_EXPORT_DIR, 'summary-en.html'), summaryToHtml(en, documentFonts(BUNDLED_FONTS)), 'utf8')
    })

    it('is one self-contained, offline, printable document', () => {
      expect(html.startsWith('<!doctype html>')).toBe(true)
      expect(html).toContain(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">`
      )
      expect(html).toMatch(/@page\s*\{\s*size:\s*A4/)
      expect(html).toContain('page-break-inside: avoid')
      expect(html).toContain('<meta charset="utf-8">')
      expect(html).toMatch(/<svg class="bars"/)
      expect(html).not.toMatch(/<script/i)
      expect(html).not.toMatch(/https?:/i)
      expect(html).not.toMatch(/@import|<link|src=["']/i)
      // The only url(...) are the embedded fonts' data: URLs (documents/fonts.test.ts checks each is woff2).
      const urls = [...html.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1])
      expect(urls.length).toBeGreaterThan(0)
      for (const url of urls) expect(url).toMatch(/^data:font\/woff2;base64,/)
      expect((html.match(/<html/g) ?? []).length).toBe(1)
    })

    it('escapes every user-entered string', () => {
      expect(html).not.toMatch(DANGEROUS)
      for (const text of [
        VENUE,
        NOTE_SCRIPT,
        NOTE_FORMULA,
        NOTE_MARKDOWN,
        OPEN_IMG,
        OPEN_PIPE,
        PARKING_SCRIPT,
        REMARKS
      ]) {
        expect(html).toContain(escapeHtml(text))
      }
      expect(html).toContain('&lt;script&gt;alert(&quot;note&quot;)&lt;/script&gt;')
      expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;')
      expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
        '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;'
      )
    })

    it('shows the numbers', () => {
      const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
      expect(text).toContain('33,3 điểm %') // matched gain, Vietnamese decimal comma
      expect(text).toContain('55%')
      expect(text).toContain('85%')
      expect(text).toContain('4,3 / 5')
      expect(text).toMatch(/Tổng 0 4 15 1 20/)
      expect(summaryToHtml(en).replace(/<[^>]+>/g, ' ')).toContain('+33.3 points')
    })
  })

  describe('Markdown export', () => {
    let md: string
    beforeAll(() => {
      md = summaryToMarkdown(vi)
    })

    it('escapes user text so it adds no HTML, headings, lists, links or broken table cells', () => {
      expect(md).not.toMatch(DANGEROUS)
      expect(md).not.toMatch(/<(?!br>)/) // the only tag is the <br> line break inside table cells
      expect(md).toContain('&lt;script&gt;alert("note")&lt;/script&gt; Lập kế hoạch \\| liên ngành')
      expect(md).toContain('&lt;img src=x onerror=alert(2)&gt; Tôi sẽ nói chuyện với con')
      expect(md).toContain('\\| pipe \\| and \\`tick\\` &amp; &lt;b&gt;bold&lt;/b&gt;')
      expect(md).toContain('\\# Not a heading')
      expect(md).toContain('\\- not a list \\`code\\` \\[link\\](javascript')
      expect(md).not.toMatch(/^#+ Not a heading/m)
      expect(md).not.toMatch(/^\s*- not a list/m)
      expect(md).toContain(`| ${escapeMarkdown(VENUE)} |`)
      expect(escapeMarkdown('a|b')).toBe('a\\|b')
      expect(escapeMarkdown('# x')).toBe('\\# x')
      expect(escapeMarkdown('1. x')).toBe('1\\. x')
      expect(escapeMarkdown('- x')).toBe('\\- x')
      expect(escapeMarkdown('---')).toBe('\\---')
      expect(escapeMarkdown('-5 phút')).toBe('-5 phút')
      expect(escapeMarkdown('    code?')).toBe('code?')
    })

    it("renders (even with raw HTML allowed) to the exporter's structure only", () => {
      const rendered = new MarkdownIt({ html: true, linkify: false }).render(md)
      expect(rendered).not.toMatch(DANGEROUS)
      expect(rendered).not.toMatch(/<a\s|<code|<em>[^<]*Not|<h\d>[^<]*Not a heading|<hr>\s*<p>[^<]*Not/)
      expect(rendered.match(/<h1>/g)).toHaveLength(1)
      expect(rendered.match(/<h2>/g)).toHaveLength(11)
      expect(rendered).toContain('&lt;script&gt;alert(&quot;note&quot;)&lt;/script&gt; Lập kế hoạch | liên ngành')
      expect(rendered).toContain('# Not a heading<br>')
      // Every table keeps its columns: each row has as many cells as its header.
      for (const table of rendered.match(/<table>[\s\S]*?<\/table>/g) ?? []) {
        const header = (table.match(/<th[ >]/g) ?? []).length
        for (const row of table
          .match(/<tbody>[\s\S]*<\/tbody>/)![0]
          .split('</tr>')
          .slice(0, -1)) {
          expect((row.match(/<td[ >]/g) ?? []).length).toBe(header)
        }
      }
      const venueRow = rendered.match(/<tr>\s*<td>Địa điểm<\/td>\s*<td>(.*?)<\/td>\s*<\/tr>/)
      expect(venueRow?.[1]).toBe(escapeHtml(VENUE).replace(/&#39;/g, "'"))
    })

    it('keeps every table row the same width', () => {
      const lines = md.split('\n')
      let columns = 0
      for (const line of lines) {
        if (!line.startsWith('|')) {
          columns = 0
          continue
        }
        const cells = line.replace(/\\\|/g, '').split('|').length - 2
        if (columns === 0) columns = cells
        expect(cells, line).toBe(columns)
      }
    })

    it('has the sections and numbers', () => {
      expect(md).toMatch(/^# Báo cáo tóm tắt buổi tập huấn: /)
      expect(md).toContain('## Điểm danh theo giới tính và nhóm tuổi')
      expect(md).toContain('| **Tổng** | 0 | 4 | 15 | 1 | 20 |')
      expect(md).toContain('**Điểm trung bình:** 4,3 (Thang điểm 1–5)')
      expect(md).toContain('33,3')
    })
  })

  describe('CSV export', () => {
    let files: Record<string, string>
    beforeAll(() => {
      files = summaryToCsv(vi)
    })

    it('writes one file per table, each starting with a BOM and using CRLF records', () => {
      expect(Object.keys(files).sort()).toEqual(
        [
          'attendance.csv',
          'notes.csv',
          'open-answers.csv',
          'parking-lot.csv',
          'polls.csv',
          'questions.csv',
          'quiz-questions.csv',
          'quizzes.csv',
          'responses.csv',
          'session.csv',
          'timing.csv'
        ].sort()
      )
      for (const text of Object.values(files)) {
        expect(text.charCodeAt(0)).toBe(0xfeff)
        expect(text.endsWith('\r\n')).toBe(true)
      }
    })

    it('parses back to the same numbers', () => {
      const attendance = csvTable(files, 'attendance.csv')
      expect(attendance).toHaveLength(5)
      expect(attendance[0]).toEqual(['Giới tính', 'Dưới 18', '18–24', '25–59', '60 trở lên', 'Tổng'])
      expect(attendance.slice(1).map((r) => r.slice(1).map(Number))).toEqual([
        [0, 3, 9, 0, 12],
        [0, 0, 6, 1, 7],
        [0, 1, 0, 0, 1],
        [0, 4, 15, 1, 20]
      ])

      const polls = csvTable(files, 'polls.csv')
      const count = (blockId: string, optionId: string): number =>
        Number(polls.find((r) => r[0] === blockId && r[11] === optionId)![13])
      expect(count('poll-2019-measures', 'training')).toBe(12)
      expect(count('poll-closest-action', 'cooperation')).toBe(2)
      expect(count('feedback', '4')).toBe(10)
      expect(Number(polls.find((r) => r[0] === 'feedback')![14])).toBe(4.3)
      expect(polls.find((r) => r[0] === 'poll-2019-measures')![2]).toBe(block('poll-2019-measures', 'poll').question.vi)
      expect(polls.filter((r) => r[0] === 'poll-2019-measures')).toHaveLength(7)

      const questions = csvTable(files, 'quiz-questions.csv')
      const rates = (test: string): number[] => questions.filter((r) => r[0] === test).map((r) => Number(r[4]))
      expect(rates('pre-quiz')).toEqual([75, 75, 50, 50, 25])
      expect(rates('post-quiz')).toEqual([100, 100, 100, 75, 50])
      expect(questions.filter((r) => r[0] === 'pre-quiz').map((r) => Number(r[6]))).toEqual([4, 4, 4, 4, 4])

      const quizzes = csvTable(files, 'quizzes.csv')
      expect(
        quizzes.slice(1).map((r) => [r[0], Number(r[8]), Number(r[9]), Number(r[10]), Number(r[11]), Number(r[12])])
      ).toEqual([
        ['pre-quiz', 4, 55, 50, 2, 4],
        ['post-quiz', 4, 85, 75, 3, 4]
      ])
      // How each test was collected: respondents by phones, paper, cards and hands.
      expect(quizzes.slice(1).map((r) => [r[3], ...r.slice(4, 8).map(Number)])).toEqual([
        ['Điện thoại', 4, 0, 0, 0],
        ['Điện thoại', 4, 0, 0, 0]
      ])

      const timing = csvTable(files, 'timing.csv')
      expect(
        timing
          .find((r) => r[0] === 'discussion-five-actions')!
          .slice(3)
          .map(Number)
      ).toEqual([8, 12, 4])
      expect(timing.find((r) => r[0] === 'interpol-2023')![5]).toBe('-1') // a number, not neutralised
      expect(timing.at(-1)!.slice(3).map(Number)).toEqual([71, 66, -5])

      const notes = csvTable(files, 'notes.csv')
      expect(notes.slice(1).map((r) => [r[0], r[2], r[3]])).toEqual([
        ['discussion-five-actions', 'Nhóm 1', NOTE_SCRIPT],
        ['discussion-five-actions', 'Nhóm 1', NOTE_MARKDOWN],
        ['discussion-five-actions', 'Nhóm 2', `'${NOTE_FORMULA}`],
        ['discussion-2019-2023', '', NOTE_WHOLE_ROOM]
      ])

      const open = csvTable(files, 'open-answers.csv')
      expect(open.slice(1).map((r) => r[3])).toEqual([OPEN_IMG, OPEN_PIPE])

      const sessionRows = csvTable(files, 'session.csv')
      const value = (label: string): string => sessionRows.find((r) => r[0] === label)![1]!
      expect(value('Địa điểm')).toBe(VENUE)
      expect(value('Người tham dự')).toBe('20')
      expect(value('Ngày')).toMatch(/^\d{4}-\d{2}-\d{2}$/) // a date in Excel, the same ISO day in CSV
      expect(value('Ghép cặp theo số tham gia: Điểm tăng trung bình (điểm %)')).toBe('33.3')
    })

    it('neutralises spreadsheet formulas in text', () => {
      const parking = csvTable(files, 'parking-lot.csv')
        .slice(1)
        .map((r) => r[0])
      expect(parking).toEqual([PARKING_SCRIPT, `'${PARKING_FORMULA}`, `'${PARKING_MINUS}`])
      const remarks = csvTable(files, 'session.csv').find((r) => r[0] === 'Nhận xét kết thúc')![1]
      expect(remarks).toBe(REMARKS) // starts with a letter: kept as written, line breaks and all
      for (const [text, out] of [
        ['=1+1', "'=1+1"],
        ['+1', "'+1"],
        ['-1', "'-1"],
        ['@A1', "'@A1"],
        ['\t=1', "'\t=1"],
        ['a,b', '"a,b"'],
        ['say "hi"', '"say ""hi"""'],
        ['two\nlines', '"two\nlines"']
      ] as const) {
        expect(csvCell(text)).toBe(out)
      }
      expect(csvCell(-3.5)).toBe('-3.5')
      expect(csvCell(null)).toBe('')
      // No field of any file starts with a formula character once read back, except plain numbers.
      for (const name of Object.keys(files)) {
        for (const row of csvTable(files, name)) {
          for (const field of row)
            if (/^[=+\-@]/.test(field)) expect(field, `${name}: ${field}`).toMatch(/^-\d+(\.\d+)?$/)
        }
      }
    })
  })

  describe('JSON export', () => {
    it('round-trips', () => {
      const text = summaryToJson(vi)
      expect(JSON.parse(text)).toMatchObject({ format: 'roundtable-summary', version: 1 })
      expect(parseSummaryJson(text)).toEqual(vi)
      expect(parseSummaryJson(`\uFEFF${summaryToJson(en)}`)).toEqual(en)
    })

    it('refuses files that are not summaries, newer, damaged or tampered with, saying why', () => {
      const file = (): { format: unknown; version: unknown; summary: Record<string, unknown> & SessionSummary } =>
        JSON.parse(summaryToJson(vi))
      const refuse = (text: string, problem: string, message: RegExp): void => {
        let error: unknown
        try {
          parseSummaryJson(text)
        } catch (e) {
          error = e
        }
        expect(error).toBeInstanceOf(SummaryFileError)
        expect((error as SummaryFileError).problem).toBe(problem)
        expect((error as Error).message).toMatch(message)
        // What the trainer reads: a catalogue sentence, in Vietnamese as well as English.
        const reason = (error as SummaryFileError).reason
        expect(translate('vi', reason.key, reason.params)).not.toMatch(/⟦/)
        expect(reason.key).toMatch(/^reason\./)
      }
      refuse('{"format": "roundtable-summary", ', 'not-json', /not valid JSON/)
      refuse('[1, 2]', 'not-summary', /not a Roundtable session summary/)
      refuse(JSON.stringify({ ...file(), format: 'something-else' }), 'not-summary', /not a Roundtable/)
      refuse(JSON.stringify({ ...file(), version: 2 }), 'newer-version', /newer version/)

      const edited = file()
      edited.summary.attendance.rows[0]!.counts[2] = 90 // a count changed without its totals
      refuse(JSON.stringify(edited), 'invalid', /summary\.attendance\.rows\.0\.total/)

      const inflated = file()
      inflated.summary.quizzes.tests[1]!.masteredPercent = 100
      refuse(JSON.stringify(inflated), 'invalid', /masteredPercent/)

      const morePaper = file()
      morePaper.summary.quizzes.tests[0]!.sources!.paper += 5 // respondents by way no longer add up
      refuse(JSON.stringify(morePaper), 'invalid', /quizzes\.tests\.0\.sources/)

      const leaked = file()
      leaked.summary.participantNumbers = ['P-701']
      refuse(JSON.stringify(leaked), 'invalid', /participantNumbers/)

      const wrongType = file()
      ;(wrongType.summary as Record<string, unknown>).venue = 42
      refuse(JSON.stringify(wrongType), 'invalid', /venue/)

      const badMean = file()
      badMean.summary.feedback[1]!.mean = 5
      refuse(JSON.stringify(badMean), 'invalid', /feedback\.1\.mean/)

      const badRate = file()
      badRate.summary.quizzes.tests[0]!.questions[0]!.correct = 9
      refuse(JSON.stringify(badRate), 'invalid', /quizzes\.tests\.0\.questions\.0/)
    })
  })
})
