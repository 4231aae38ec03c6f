import { resolve } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { recordAnswer } from '../../shared/sessions/answers'
import { applyCommand, quizQuestions, type SessionCommand } from '../../shared/sessions/commands'
import type { Session } from '../../shared/sessions/model'
import type { QuizQuestion } from '../../shared/workshops/schema'
import { readXlsxBuffer } from '../../testing/office-readers'
import { createSession, workshopSnapshot } from '../sessions/create-session'
import { folderReader, loadWorkshop } from '../workshops/loader'
import { summaryToCsv } from './csv'
import { parseSummaryJson, summaryToJson } from './json'
import { summaryToXlsx } from './office'
import { SessionSummarySchema, type ResponseRow, type SessionSummary } from './schema'
import { buildSummary } from './summary'

// Individual anonymised responses (issue 14, item 8): one session in which the same people answer by phone,
// paper sheet and webcam card across both tests and the polls, exported to CSV, Excel and JSON and read back.

const SIGN_IN_A = 'A-717' // typed as "a-717" on a phone, "A-717" on the paper sheet
const SIGN_IN_B = '4242' // typed as "04242" on a phone
const IDENTIFYING = /a-717|4242|device-key|participantNumber/i

async function startSession(workshop: string, id: string): Promise<Session> {
  const loaded = await loadWorkshop(folderReader(resolve(__dirname, '../../../workshops', workshop)))
  if (!loaded.ok) throw new Error('bundled workshop does not load')
  return createSession({
    id,
    now: new Date('2026-11-22T08:00:00Z'),
    snapshot: workshopSnapshot(loaded.workshop),
    details: { venue: 'Hà Nội', date: '2026-11-22', trainer: 'Lan', language: 'vi', plannedStart: '08:00' }
  })
}

/** Applies commands and phone answers one minute apart, so the first answers' order is known. */
function driver(session: Session) {
  let clock = Date.parse(session.createdAt)
  const blocks = session.snapshot.manifest.blocks
  const run = (command: SessionCommand): void => {
    clock += 60_000
    applyCommand(session, command, new Date(clock))
  }
  return {
    run,
    open: (blockId: string, mode: 'tally' | 'phones' = 'phones'): void => {
      run({ type: 'goto', block: blocks.findIndex((b) => b.id === blockId), slide: 0 })
      run({ type: 'pollOpen', blockId, mode })
    },
    phone: (blockId: string, deviceKey: string, values: Record<string, string[]>, participantNumber?: string): void => {
      clock += 60_000
      const refused = recordAnswer(
        session,
        { blockId, deviceKey, values, ...(participantNumber ? { participantNumber } : {}) },
        new Date(clock)
      )
      if (refused) throw new Error(refused)
    }
  }
}

function quizOf(session: Session, blockId: string): QuizQuestion[] {
  const block = session.snapshot.manifest.blocks.find((b) => b.id === blockId)
  if (block?.kind !== 'quiz') throw new Error(`expected a test: ${blockId}`)
  return quizQuestions(block, session)
}

/** Answers with the first `right` questions correct and the rest wrong. */
function answers(questions: QuizQuestion[], right: number): Record<string, string[]> {
  return Object.fromEntries(
    questions.map((q, i) => [
      q.id,
      i < right ? q.options.filter((o) => o.correct).map((o) => o.id) : [q.options.find((o) => !o.correct)!.id]
    ])
  )
}

/**
 * The briefing: person A (sign-in A-717) takes the pre-test by phone, the single-choice poll on a card, the
 * post-test on paper, ranks by phone and rates by the same phone without typing the number again; person B
 * (4242) takes the pre-test on a card, the post-test by phone, and answers the poll by phone and on paper
 * (the paper sheet wins); person C never gives a number (one phone). The measures poll is by show of hands.
 */
async function briefing(): Promise<Session> {
  const session = await startSession('conference-briefing', 'resp-test-1')
  const { run, open, phone } = driver(session)
  const pre = quizOf(session, 'pre-quiz')
  const post = quizOf(session, 'post-quiz')
  open('pre-quiz')
  phone('pre-quiz', 'device-key-a', answers(pre, 2), 'a-717')
  run({
    type: 'sheetAnswer',
    blockId: 'pre-quiz',
    participantNumber: SIGN_IN_B,
    source: 'card',
    values: answers(pre, 3)
  })
  phone('pre-quiz', 'device-key-c', answers(pre, 5))
  run({ type: 'pollClose', blockId: 'pre-quiz' })

  open('poll-2019-measures', 'tally')
  const measures = session.snapshot.manifest.blocks.find((b) => b.id === 'poll-2019-measures')!
  const firstMeasure = measures.kind === 'poll' ? measures.options![0]!.id : ''
  run({ type: 'tallySet', blockId: 'poll-2019-measures', key: `poll-2019-measures/${firstMeasure}`, count: 7 })
  run({ type: 'pollClose', blockId: 'poll-2019-measures' })

  open('poll-closest-action')
  run({
    type: 'sheetAnswer',
    blockId: 'poll-closest-action',
    participantNumber: SIGN_IN_A,
    source: 'card',
    values: { 'poll-closest-action': [closest(session, 1)] }
  })
  phone('poll-closest-action', 'device-key-b', { 'poll-closest-action': [closest(session, 0)] }, '04242')
  run({
    type: 'sheetAnswer',
    blockId: 'poll-closest-action',
    participantNumber: SIGN_IN_B,
    source: 'paper',
    values: { 'poll-closest-action': [closest(session, 2)] }
  })
  run({ type: 'pollClose', blockId: 'poll-closest-action' })

  open('rank-five-actions')
  // The phone's form: one field per option, `<block>:<option>`, with its points.
  const form = Object.fromEntries(
    rankingPoints(session).map((entry) => {
      const [option, points] = entry.split(':')
      return [`rank-five-actions:${option}`, [points!]]
    })
  )
  phone('rank-five-actions', 'device-key-a', form, 'a-717')
  run({ type: 'pollClose', blockId: 'rank-five-actions' })

  open('post-quiz')
  run({
    type: 'sheetAnswer',
    blockId: 'post-quiz',
    participantNumber: SIGN_IN_A,
    source: 'paper',
    values: answers(post, 5)
  })
  phone('post-quiz', 'device-key-b', answers(post, 4), '04242')
  phone('post-quiz', 'device-key-c', answers(post, 1))
  run({ type: 'pollClose', blockId: 'post-quiz' })

  open('feedback')
  phone('feedback', 'device-key-a', { feedback: ['5'] })
  phone('feedback', 'device-key-c', { feedback: ['3'] })
  run({ type: 'tallySet', blockId: 'feedback', key: 'feedback/4', count: 2 })
  return session
}

function closest(session: Session, index: number): string {
  const block = session.snapshot.manifest.blocks.find((b) => b.id === 'poll-closest-action')!
  return block.kind === 'poll' ? block.options![index]!.id : ''
}

/** All the points on the first option but one on the last, as a phone stores them. */
function rankingPoints(session: Session): string[] {
  const block = session.snapshot.manifest.blocks.find((b) => b.id === 'rank-five-actions')!
  if (block.kind !== 'poll' || block.ranking?.mode !== 'points') throw new Error('expected a points ranking')
  const total = block.ranking.points
  const ids = block.options!.map((o) => o.id)
  return ids.map((id, i) => `${id}:${i === 0 ? total - 1 : i === ids.length - 1 ? 1 : 0}`)
}

/** An RFC 4180 CSV (BOM, CRLF, quoted cells with doubled quotes) as rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  const body = text.replace(/^\uFEFF/, '')
  const endCell = (): void => {
    row.push(cell)
    cell = ''
  }
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!
    if (quoted && ch === '"' && body[i + 1] === '"') {
      cell += '"'
      i++
    } else if (quoted && ch === '"') quoted = false
    else if (quoted || (ch !== '"' && ch !== ',' && ch !== '\r')) cell += ch
    else if (ch === '"') quoted = true
    else if (ch === ',') endCell()
    else {
      endCell()
      rows.push(row)
      row = []
      i++ // the \n of CRLF
    }
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell])
  return rows
}

function rowsOf(summary: SessionSummary, blockId: string): ResponseRow[] {
  return (summary.responses ?? []).filter((r) => r.blockId === blockId)
}

describe('individual anonymised responses', () => {
  let session: Session
  let vi: SessionSummary
  let en: SessionSummary
  beforeAll(async () => {
    session = await briefing()
    vi = buildSummary(session, 'vi', new Date('2026-11-22T10:00:00Z'))
    en = buildSummary(session, 'en', new Date('2026-11-22T10:00:00Z'))
  })

  it('gives each person one code in every poll and test, by phone, paper or card, in the order they first answered', () => {
    const codes = (blockId: string): Record<string, string> =>
      Object.fromEntries(rowsOf(vi, blockId).map((r) => [r.respondent, r.source]))
    // A answered first (pre-test, phone), then B (card), then C (phone, no number).
    expect(codes('pre-quiz')).toEqual({ R001: 'phone', R002: 'card', R003: 'phone' })
    expect(codes('poll-closest-action')).toEqual({ R001: 'card', R002: 'paper' })
    expect(codes('rank-five-actions')).toEqual({ R001: 'phone' })
    expect(codes('post-quiz')).toEqual({ R001: 'paper', R002: 'phone', R003: 'phone' })
    // A's phone rated without typing the number again: still A.
    expect(rowsOf(vi, 'feedback').map((r) => [r.respondent, r.answer])).toEqual([
      ['R001', 5],
      ['R003', 3]
    ])
    expect(new Set(vi.responses!.map((r) => r.respondent))).toEqual(new Set(['R001', 'R002', 'R003']))
    const keys = vi.responses!.map((r) => `${r.respondent} ${r.blockId} ${r.questionId}`)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('writes one row per question of a test with the options chosen and correct as 1 or 0', () => {
    const pre = quizOf(session, 'pre-quiz')
    const a = rowsOf(vi, 'pre-quiz').filter((r) => r.respondent === 'R001')
    expect(a.map((r) => r.questionId)).toEqual(pre.map((q) => q.id))
    expect(a.map((r) => r.correct)).toEqual([1, 1, 0, 0, 0])
    expect(a[0]!.answer).toBe(
      pre[0]!.options
        .filter((o) => o.correct)
        .map((o) => o.id)
        .join('|')
    )
    const scores = (blockId: string): number[] =>
      ['R001', 'R002', 'R003'].map((code) =>
        rowsOf(vi, blockId)
          .filter((r) => r.respondent === code)
          .reduce((s, r) => s + (r.correct ?? 0), 0)
      )
    expect(scores('pre-quiz')).toEqual([2, 3, 5])
    expect(scores('post-quiz')).toEqual([5, 4, 1])
  })

  it('leaves out hands, keeps the paper sheet over a conflicting phone, and writes a ranking as option:points', () => {
    expect(rowsOf(vi, 'poll-2019-measures')).toEqual([])
    expect(rowsOf(vi, 'feedback')).toHaveLength(2) // the two hands for "4" are counts, not persons
    expect(rowsOf(vi, 'poll-closest-action').find((r) => r.respondent === 'R002')!.answer).toBe(closest(session, 2))
    expect(rowsOf(vi, 'rank-five-actions')[0]!.answer).toBe(rankingPoints(session).join('|'))
    expect(
      vi.responses!.every((r) => (r.correct === undefined) === (r.blockId !== 'pre-quiz' && r.blockId !== 'post-quiz'))
    ).toBe(true)
  })

  it('never writes a sign-in number or a device key in the CSV ZIP, the Excel file or the JSON', async () => {
    const csv = Object.values(summaryToCsv(vi)).join('\n') + Object.values(summaryToCsv(en)).join('\n')
    expect(csv).not.toMatch(IDENTIFYING)
    const xml = Object.values(unzipSync(await summaryToXlsx(vi)))
      .map((bytes) => strFromU8(bytes))
      .join('\n')
    expect(xml).not.toMatch(IDENTIFYING)
    expect(summaryToJson(vi)).not.toMatch(IDENTIFYING)
  })

  it('reads back responses.csv with the headers in the summary language and one row per response', () => {
    const [header, ...rows] = parseCsv(summaryToCsv(vi)['responses.csv']!)
    expect(header).toEqual([
      'Mã buổi tập huấn',
      'Mã người trả lời',
      'Mã phần',
      'Mã câu hỏi',
      'Cách thu',
      'Câu trả lời',
      'Đúng (1/0)'
    ])
    expect(rows).toHaveLength(vi.responses!.length)
    expect(rows.every((r) => r[0] === 'resp-test-1' && /^R\d{3}$/.test(r[1]!))).toBe(true)
    expect(rows.find((r) => r[2] === 'feedback' && r[1] === 'R001')).toEqual([
      'resp-test-1',
      'R001',
      'feedback',
      'feedback',
      'phone',
      '5',
      ''
    ])
    const [enHeader] = parseCsv(summaryToCsv(en)['responses.csv']!)
    expect(enHeader).toEqual([
      'Session id',
      'Respondent',
      'Part id',
      'Question id',
      'Collected by',
      'Answer',
      'Correct (1/0)'
    ])
  })

  it('reads back the Excel sheet with exceljs: ratings and correct flags are numbers', async () => {
    const { sheets } = await readXlsxBuffer(Buffer.from(await summaryToXlsx(vi)))
    const [header, ...rows] = sheets.get('Câu trả lời từng người')!
    expect(header![1]).toBe('Mã người trả lời')
    expect(rows).toHaveLength(vi.responses!.length)
    expect(rows.find((r) => r[2] === 'feedback' && r[1] === 'R003')!.slice(4, 6)).toEqual(['phone', 3])
    const quizRow = rows.find((r) => r[2] === 'post-quiz')!
    expect(typeof quizRow[6]).toBe('number')
    const { sheets: enSheets } = await readXlsxBuffer(Buffer.from(await summaryToXlsx(en)))
    expect(enSheets.has('Responses per respondent')).toBe(true)
  })

  it('checks imported summaries: a file with responses round-trips, an older one without them parses, a sign-in number as code is refused', () => {
    expect(parseSummaryJson(summaryToJson(vi)).responses).toEqual(vi.responses)
    const { responses: _responses, ...older } = vi
    expect(SessionSummarySchema.safeParse(older).success).toBe(true)
    const tampered = { ...vi, responses: [{ ...vi.responses![0]!, respondent: SIGN_IN_A }] }
    expect(SessionSummarySchema.safeParse(tampered).success).toBe(false)
  })
})

describe('open-text responses', () => {
  it('keeps only the answers the trainer approved', async () => {
    const session = await startSession('community-response-online-exploitation', 'resp-test-2')
    const { run, open, phone } = driver(session)
    open('poll-one-action')
    phone('poll-one-action', 'device-key-1', { 'poll-one-action': ['Nói chuyện với con mỗi tuần'] }, '31')
    phone('poll-one-action', 'device-key-2', { 'poll-one-action': ['Gọi cô Hoa ở trường Lê Lợi'] })
    run({ type: 'moderate', blockId: 'poll-one-action', deviceKey: 'device-key-1', approved: true })
    // A second phone typing the same number is a second row under its own code, never a duplicate row.
    phone('poll-one-action', 'device-key-3', { 'poll-one-action': ['Họp phụ huynh'] }, '031')
    run({ type: 'moderate', blockId: 'poll-one-action', deviceKey: 'device-key-3', approved: true })
    const summary = buildSummary(session, 'vi', new Date('2026-11-22T10:00:00Z'))
    expect(rowsOf(summary, 'poll-one-action').map((r) => [r.respondent, r.source, r.answer])).toEqual([
      ['R001', 'phone', 'Nói chuyện với con mỗi tuần'],
      ['R002', 'phone', 'Họp phụ huynh']
    ])
    const csv = Object.values(summaryToCsv(summary)).join('\n')
    expect(csv).not.toContain('Lê Lợi')
    expect(csv).toContain('Nói chuyện với con mỗi tuần')
  })
})
