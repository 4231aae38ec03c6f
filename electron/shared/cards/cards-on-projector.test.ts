import { beforeAll, describe, expect, it } from 'vitest'
import { audienceView } from '../sessions/audience'
import { applyCommand, quizQuestions, type SessionCommand } from '../sessions/commands'
import { createSession } from '../../core/sessions/create-session'
import type { Session, WorkshopSnapshot } from '../sessions/model'
import { bundledSnapshot } from '../../testing/bundled-snapshot'
import { cardQuestions, optionOfAnswer } from './card-questions'

let snapshot: WorkshopSnapshot

beforeAll(async () => {
  snapshot = await bundledSnapshot()
})

function sessionAt(blockId: string): Session {
  const session = createSession({
    id: 'test-cards-1',
    now: new Date('2026-12-01T08:00:00Z'),
    snapshot: structuredClone(snapshot),
    details: { venue: 'Xã A', date: '2026-12-01', trainer: 'Lan', language: 'vi', plannedStart: '08:00' }
  })
  const block = snapshot.manifest.blocks.findIndex((b) => b.id === blockId)
  applyCommand(session, { type: 'goto', block, slide: 0 }, new Date())
  return session
}
const run = (session: Session, command: SessionCommand): void => applyCommand(session, command, new Date())

describe('questions answered with cards', () => {
  it('are the single-answer questions of 2 to 4 options; A is the first option, D the fourth', () => {
    const session = sessionAt('pre-quiz')
    const quiz = snapshot.manifest.blocks.find((b) => b.id === 'pre-quiz')!
    const questions = cardQuestions(quiz, session)
    const eligible = quizQuestions(quiz, session).filter((q) => !q.multiple && q.options.length <= 4)
    expect(questions.map((q) => q.questionId)).toEqual(eligible.map((q) => q.id))
    expect(optionOfAnswer(questions[0]!, 'A')).toBe(eligible[0]!.options[0]!.id)
    expect(optionOfAnswer(questions[0]!, 'D')).toBe(eligible[0]!.options[3]!.id)
    expect(optionOfAnswer({ questionId: 'q', optionIds: ['yes', 'no'] }, 'C')).toBeNull()
    // Five options, several answers, a rating: no cards.
    for (const id of ['poll-closest-action', 'poll-2019-measures', 'feedback']) {
      expect(
        cardQuestions(
          snapshot.manifest.blocks.find((b) => b.id === id)!,
          session
        ),
        id
      ).toEqual([])
    }
  })
})

describe('the projector during a card poll', () => {
  it('lists the numbers whose card was read, in order, and never their answers', () => {
    const session = sessionAt('pre-quiz')
    const quiz = snapshot.manifest.blocks.find((b) => b.id === 'pre-quiz')!
    const [first] = cardQuestions(quiz, session)
    run(session, { type: 'pollOpen', blockId: 'pre-quiz', mode: 'tally' })
    const card = (number: string, answer: 'A' | 'B', source: 'card' | 'paper' = 'card'): SessionCommand => ({
      type: 'sheetAnswer',
      blockId: 'pre-quiz',
      participantNumber: number,
      source,
      values: { [first!.questionId]: [optionOfAnswer(first!, answer)!] }
    })
    expect(audienceView(session, null)).toMatchObject({ kind: 'quiz', cards: [] })
    run(session, card('12', 'A'))
    run(session, card('3', 'B'))
    run(session, card('5', 'A', 'paper'))
    const view = audienceView(session, null)
    expect(view).toMatchObject({ kind: 'quiz', cards: ['3', '12'] })
    expect(JSON.stringify(view)).not.toContain(`"${first!.optionIds[0]}"`)
    expect(JSON.stringify(view)).not.toContain(`"${first!.optionIds[1]}"`)
  })

  it('lists the numbers for a single-answer poll of three options, whose options A, B and C stand for', () => {
    const session = sessionAt('poll-closest-action')
    const poll = session.snapshot.manifest.blocks.find((b) => b.id === 'poll-closest-action')!
    if (poll.kind !== 'poll' || !poll.options) throw new Error('the poll has options')
    poll.options = poll.options.slice(0, 3)
    expect(cardQuestions(poll, session)).toEqual([{ questionId: poll.id, optionIds: poll.options.map((o) => o.id) }])
    run(session, { type: 'pollOpen', blockId: poll.id, mode: 'tally' })
    const answer = (number: string, option: string): SessionCommand => ({
      type: 'sheetAnswer',
      blockId: poll.id,
      participantNumber: number,
      source: 'card',
      values: { [poll.id]: [option] }
    })
    run(session, answer('2', poll.options[2]!.id))
    run(session, answer('10', poll.options[0]!.id))
    const view = audienceView(session, null)
    expect(view).toMatchObject({ kind: 'poll', cards: ['2', '10'] })
    // Results stay hidden until the trainer shows them (hideResults), the numbers do not.
    run(session, { type: 'pollHideResults', blockId: poll.id, hidden: true })
    const hidden = audienceView(session, null)
    expect(hidden).toMatchObject({ kind: 'poll', cards: ['2', '10'] })
    if (hidden.kind !== 'poll') throw new Error('a poll view')
    expect(hidden.options.map((o) => o.count)).toEqual([null, null, null])
  })

  it('has no card list for a poll that cards cannot answer', () => {
    const session = sessionAt('poll-closest-action')
    run(session, { type: 'pollOpen', blockId: 'poll-closest-action', mode: 'tally' })
    expect(audienceView(session, null)).toMatchObject({ kind: 'poll', cards: null })
  })
})
