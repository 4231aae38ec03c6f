import { beforeAll, describe, expect, it } from 'vitest'
import type { Block, QuizQuestion } from '../workshops/schema'
import { recordAnswer } from './answers'
import { applyCommand, CommandError, quizQuestions, type SessionCommand } from './commands'
import { createSession } from '../../core/sessions/create-session'
import { SessionFileSchema, type Session, type WorkshopSnapshot } from './model'
import { normalizeParticipantNumber } from './participants'
import { matchedGain, pollResults, quizResults } from './results'
import { bundledSnapshot } from '../../testing/bundled-snapshot'

let snapshot: WorkshopSnapshot

beforeAll(async () => {
  snapshot = await bundledSnapshot()
})

function newSession(): Session {
  return createSession({
    id: 'test-participants-1',
    now: new Date('2026-12-01T08:00:00Z'),
    snapshot,
    details: { venue: 'Xã A', date: '2026-12-01', trainer: 'Lan', language: 'vi', plannedStart: '08:00' }
  })
}
const run = (session: Session, command: SessionCommand): void => applyCommand(session, command, new Date())
const quiz = (role: 'pre' | 'post'): Extract<Block, { kind: 'quiz' }> => {
  const block = snapshot.manifest.blocks.find((b) => b.kind === 'quiz' && b.role === role)
  if (block?.kind !== 'quiz') throw new Error(`no ${role}-test`)
  return block
}
const rightOf = (q: QuizQuestion): string[] => q.options.filter((o) => o.correct).map((o) => o.id)
const wrongOf = (q: QuizQuestion): string[] => [q.options.find((o) => !o.correct)!.id]
const paper = (
  blockId: string,
  participantNumber: string,
  values: Record<string, string[]>,
  source: 'paper' | 'card' = 'paper'
): SessionCommand => ({ type: 'sheetAnswer', blockId, participantNumber, source, values })

describe('sign-in numbers', () => {
  it('reads "07", " 7 " and "7" as one number, letters in any case, and refuses anything else', () => {
    expect(normalizeParticipantNumber('07')).toBe('7')
    expect(normalizeParticipantNumber(' 7 ')).toBe('7')
    expect(normalizeParticipantNumber('000')).toBe('0')
    expect(normalizeParticipantNumber('B-12')).toBe('b-12')
    for (const bad of ['', '   ', '1 2', '<b>', '1234567890123', '__proto__'])
      expect(normalizeParticipantNumber(bad)).toBeNull()
  })
})

describe('paper sheets', () => {
  it('score a quiz that was never opened on screen: pre and post, % mastered and matched gain from paper alone', () => {
    const session = newSession()
    const pre = quiz('pre')
    const post = quiz('post')
    const questions = quizQuestions(pre, session)
    // Participant n gets the first n questions right on the pre-test and all but one right on the post-test.
    for (let n = 1; n <= 4; n++) {
      const answers = (rightCount: number): Record<string, string[]> =>
        Object.fromEntries(questions.map((q, i) => [q.id, i < rightCount ? rightOf(q) : wrongOf(q)]))
      run(session, paper(pre.id, String(n), answers(n)))
      run(session, paper(post.id, `0${n}`, answers(questions.length - 1)))
    }
    const before = quizResults(pre, session)
    const after = quizResults(post, session)
    const q = questions.length
    expect(before.respondents).toBe(4)
    expect(before.sources).toEqual({ phones: 0, paper: 4, cards: 0, hands: 0 })
    expect(before.meanScorePercent).toBeCloseTo(((1 + 2 + 3 + 4) / 4 / q) * 100, 6)
    expect(after.meanScorePercent).toBeCloseTo(((q - 1) / q) * 100, 6)
    const passed = (rightCount: number): boolean => (rightCount / q) * 100 >= pre.passMarkPercent
    expect(before.masteredPercent).toBe(([1, 2, 3, 4].filter(passed).length / 4) * 100)
    const gain = matchedGain(session)
    expect(gain.pairs).toBe(4)
    expect(gain.meanGainPoints).toBeCloseTo(((q - 1 - (1 + 2 + 3 + 4) / 4) / q) * 100, 6)
    expect(session.polls[pre.id]).toMatchObject({ status: 'closed', mode: 'tally' })
  })

  it('merge question by question, clear a question with an empty list and drop a row left empty', () => {
    const session = newSession()
    const pre = quiz('pre')
    const [q1, q2] = quizQuestions(pre, session)
    run(session, paper(pre.id, '5', { [q1!.id]: rightOf(q1!) }))
    run(session, paper(pre.id, '5', { [q2!.id]: wrongOf(q2!) }, 'card'))
    expect(session.polls[pre.id]!.sheets['5']).toMatchObject({
      values: { [q1!.id]: rightOf(q1!), [q2!.id]: wrongOf(q2!) },
      source: 'card'
    })
    run(session, paper(pre.id, '5', { [q1!.id]: [], [q2!.id]: [] }))
    expect(session.polls[pre.id]!.sheets).toEqual({})
    run(session, paper(pre.id, '6', { [q1!.id]: rightOf(q1!) }))
    run(session, { type: 'sheetRemove', blockId: pre.id, participantNumber: '006' })
    expect(session.polls[pre.id]!.sheets).toEqual({})
  })

  it('are refused, changing nothing, for a bad number, an unknown question or option, two letters on a one-answer question, or an open question', () => {
    const session = newSession()
    const pre = quiz('pre')
    const questions = quizQuestions(pre, session)
    const single = questions.find((q) => !q.multiple)!
    const open = snapshot.manifest.blocks.find((b) => b.kind === 'poll' && b.type === 'open')
    const before = JSON.stringify(session)
    const refusals: [SessionCommand, string][] = [
      [paper(pre.id, 'số 1', { [single.id]: rightOf(single) }), 'error.bad-participant-number'],
      [paper(pre.id, '1', { nope: ['a'] }), 'error.no-question'],
      [paper(pre.id, '1', { [single.id]: ['zzz'] }), 'error.no-option'],
      [paper(pre.id, '1', { [single.id]: single.options.slice(0, 2).map((o) => o.id) }), 'error.one-answer-only']
    ]
    if (open) refusals.push([paper(open.id, '1', { [open.id]: ['x'] }), 'error.not-on-sheets'])
    for (const [command, key] of refusals) {
      const error = (() => {
        try {
          run(session, command)
        } catch (e) {
          return e
        }
      })()
      expect(error).toBeInstanceOf(CommandError)
      expect((error as CommandError).reason.key).toBe(key)
    }
    expect(JSON.stringify(session)).toBe(before)
  })

  it('count a participant who answered by phone and on paper once; the paper row wins and the difference is listed', () => {
    const session = newSession()
    const pre = quiz('pre')
    const questions = quizQuestions(pre, session)
    run(session, { type: 'goto', block: snapshot.manifest.blocks.indexOf(pre), slide: 0 })
    run(session, { type: 'pollOpen', blockId: pre.id, mode: 'phones' })
    const all = (pick: (q: QuizQuestion) => string[]): Record<string, string[]> =>
      Object.fromEntries(questions.map((q) => [q.id, pick(q)]))
    expect(
      recordAnswer(
        session,
        { blockId: pre.id, deviceKey: 'd1', values: all(wrongOf), participantNumber: '03' },
        new Date()
      )
    ).toBeNull()
    expect(recordAnswer(session, { blockId: pre.id, deviceKey: 'd2', values: all(rightOf) }, new Date())).toBeNull()
    run(session, paper(pre.id, '3', all(rightOf)))
    const results = quizResults(pre, session)
    expect(results.respondents).toBe(2)
    expect(results.sources).toEqual({ phones: 1, paper: 1, cards: 0, hands: 0 })
    expect(results.scores.map((s) => s.percent)).toEqual([100, 100])
    expect(results.conflicts).toEqual([
      { participantNumber: '3', phone: all(wrongOf), sheet: all(rightOf), sheetSource: 'paper' }
    ])
  })

  it('count poll options per person for phones and paper together', () => {
    const session = newSession()
    const poll = snapshot.manifest.blocks.find((b) => b.kind === 'poll' && b.type === 'single' && b.options)
    if (poll?.kind !== 'poll' || !poll.options) throw new Error('expected a single-choice poll')
    const [a, b] = poll.options
    run(session, paper(poll.id, '1', { [poll.id]: [a!.id] }))
    run(session, paper(poll.id, '2', { [poll.id]: [b!.id] }))
    run(session, paper(poll.id, '2', { [poll.id]: [a!.id] })) // typed again: replaces
    const results = pollResults(poll, session.polls[poll.id])
    expect(results.respondents).toBe(2)
    expect(results.counts.find((c) => c.key === a!.id)!.count).toBe(2)
    expect(results.sources.paper).toBe(2)
  })
})

describe('show of hands on a multiple-answer quiz question', () => {
  it('reports hands per option and their share instead of scoring everyone 0', () => {
    const session = newSession()
    const pre = quiz('pre')
    const multiple = quizQuestions(pre, session).find((q) => q.multiple)
    if (!multiple) throw new Error('expected a multiple-answer question in the pre-test')
    run(session, { type: 'goto', block: snapshot.manifest.blocks.indexOf(pre), slide: 0 })
    run(session, { type: 'pollOpen', blockId: pre.id, mode: 'tally' })
    run(session, { type: 'tallyRespondents', blockId: pre.id, count: 20 })
    const [first, second] = multiple.options
    run(session, { type: 'tallySet', blockId: pre.id, key: `${multiple.id}/${first!.id}`, count: 15 })
    run(session, { type: 'tallySet', blockId: pre.id, key: `${multiple.id}/${second!.id}`, count: 5 })
    const result = quizResults(pre, session).perQuestion.find((q) => q.questionId === multiple.id)!
    expect(result.correctRate).toBeNull() // not 0: hands cannot say who chose exactly the right set
    expect(result.answered).toBe(0)
    expect(result.hands).toEqual(
      multiple.options.map((o) => ({
        optionId: o.id,
        count: o === first ? 15 : o === second ? 5 : 0,
        share: o === first ? 0.75 : o === second ? 0.25 : 0
      }))
    )
    expect(quizResults(pre, session).masteredPercent).toBeNull()
  })
})

it('a session saved before paper sheets existed still opens, with no sheets', () => {
  const session = newSession()
  run(session, { type: 'pollOpen', blockId: quiz('pre').id, mode: 'tally' })
  const old = JSON.parse(JSON.stringify({ schemaVersion: 1, session })) as {
    session: { polls: Record<string, Record<string, unknown>> }
  }
  for (const run of Object.values(old.session.polls)) delete run.sheets
  const parsed = SessionFileSchema.parse(old)
  expect(parsed.session.polls[quiz('pre').id]!.sheets).toEqual({})
})
