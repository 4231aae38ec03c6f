import { beforeAll, describe, expect, it } from 'vitest'
import { readDocxBuffer } from '../../testing/office-readers'
import { applyCommand, type SessionCommand } from '../../shared/sessions/commands'
import { createSession } from '../sessions/create-session'
import type { Session, WorkshopSnapshot } from '../../shared/sessions/model'
import { bundledSnapshot } from '../../testing/bundled-snapshot'
import type { Block, QuizQuestion } from '../../shared/workshops/schema'
import { summaryToCsv } from './csv'
import { summaryToHtml } from './html'
import { summaryToMarkdown } from './markdown'
import { summaryToDocx } from './office'
import { SessionSummarySchema, type SessionSummary } from './schema'
import { buildSummary } from './summary'

/** A room without phones: the pre-test on paper, the post-test on paper and by show of hands. */
let snapshot: WorkshopSnapshot
let vi: SessionSummary
let en: SessionSummary

const quiz = (role: 'pre' | 'post'): Extract<Block, { kind: 'quiz' }> => {
  const block = snapshot.manifest.blocks.find((b) => b.kind === 'quiz' && b.role === role)
  if (block?.kind !== 'quiz') throw new Error(`no ${role}-test`)
  return block
}
const questions = (): QuizQuestion[] => quiz('pre').questions!
const right = (q: QuizQuestion): string[] => q.options.filter((o) => o.correct).map((o) => o.id)
// Sign-in numbers no export may show.
const NUMBERS = ['x-417', 'x-418', 'x-419']

beforeAll(async () => {
  snapshot = await bundledSnapshot()
  const session: Session = createSession({
    id: 'collection-test-1',
    now: new Date('2026-12-01T08:00:00Z'),
    snapshot,
    details: { venue: 'Xã B', date: '2026-12-01', trainer: 'Hà', language: 'vi', plannedStart: '08:00' }
  })
  const run = (command: SessionCommand): void => applyCommand(session, command, new Date('2026-12-01T09:00:00Z'))
  const all = Object.fromEntries(questions().map((q) => [q.id, right(q)]))
  for (const number of NUMBERS) {
    run({ type: 'sheetAnswer', blockId: quiz('pre').id, participantNumber: number, source: 'paper', values: all })
  }
  for (const number of NUMBERS.slice(0, 2)) {
    run({ type: 'sheetAnswer', blockId: quiz('post').id, participantNumber: number, source: 'paper', values: all })
  }
  const multiple = questions().find((q) => q.multiple)!
  run({ type: 'goto', block: snapshot.manifest.blocks.indexOf(quiz('post')), slide: 0 })
  run({ type: 'pollOpen', blockId: quiz('post').id, mode: 'tally' })
  run({ type: 'tallyRespondents', blockId: quiz('post').id, count: 10 })
  run({ type: 'tallySet', blockId: quiz('post').id, key: `${multiple.id}/${multiple.options[0]!.id}`, count: 8 })
  vi = buildSummary(session, 'vi')
  en = buildSummary(session, 'en')
})

describe('a summary says how each test was collected, from how many respondents each way', () => {
  it('in its data: paper alone for the pre-test, paper and hands for the post-test', () => {
    expect(SessionSummarySchema.parse(vi)).toEqual(vi)
    const [pre, post] = vi.quizzes.tests
    expect(pre).toMatchObject({
      collected: 'paper',
      sources: { phones: 0, paper: 3, cards: 0, hands: 0 },
      respondents: 3
    })
    expect(post).toMatchObject({
      collected: 'mixed',
      sources: { phones: 0, paper: 2, cards: 0, hands: 10 },
      respondents: 12
    })
    expect(pre!.masteredPercent).toBe(100)
    expect(post!.masteredPercent).toBeNull() // hands give no per-person scores
    expect(vi.quizzes.matchedGain).toEqual({ pairs: 2, meanGainPoints: 0 })
  })

  it('marks the multiple-answer question run by hands instead of scoring it 0', () => {
    const multiple = questions().find((q) => q.multiple)!
    const question = vi.quizzes.tests[1]!.questions.find((q) => q.questionId === multiple.id)!
    expect(question.answered).toBe(2) // the two paper sheets, not the hands
    expect(question.correctPercent).toBe(100)
    expect(question.hands![0]).toEqual({ label: multiple.options[0]!.text.vi, count: 8, sharePercent: 80 })
  })

  it('in every export, in both languages, without any sign-in number', async () => {
    const csv = Object.values(summaryToCsv(vi)).join('\n')
    const exports = {
      html: summaryToHtml(vi),
      markdown: summaryToMarkdown(vi),
      docx: (await readDocxBuffer(Buffer.from(await summaryToDocx(vi)))).text,
      htmlEn: summaryToHtml(en),
      csv
    }
    for (const [name, text] of Object.entries(exports)) {
      for (const number of NUMBERS) expect(text, name).not.toContain(number)
    }
    for (const text of [exports.html, exports.markdown, exports.docx]) {
      expect(text).toContain('Phiếu giấy 3')
      expect(text).toContain('Phiếu giấy 2 · giơ tay 10')
      expect(text).toContain('Câu hỏi nhiều đáp án làm bằng giơ tay')
    }
    expect(exports.htmlEn).toContain('Paper 2 · hands 10')
    expect(exports.htmlEn).toContain('so these questions have no per-person score: that needs phones, paper or cards')
    // The hands per option of the multiple-answer question, as a table: option, hands, share of people counted.
    const multiple = questions().find((q) => q.multiple)!
    const docx = await readDocxBuffer(Buffer.from(await summaryToDocx(vi)))
    const handsTable = docx.tables.find(
      (t) => t[0]?.join('|') === 'Lựa chọn|Số người giơ tay|Tỉ lệ trên số người được đếm'
    )
    expect(handsTable?.[1]).toEqual([multiple.options[0]!.text.vi, '8', '80%'])
    expect(exports.markdown).toContain(`| 8 | 80% |`)
    expect(csv).toContain('Trả lời bằng phiếu giấy')
  })
})
