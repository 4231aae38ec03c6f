import { beforeAll, describe, expect, it } from 'vitest'
import { createSession } from '../../core/sessions/create-session'
import { bundledSnapshot } from '../../testing/bundled-snapshot'
import { audienceView } from './audience'
import { applyCommand, CommandError, SessionCommandSchema } from './commands'
import { SessionSchema, type Session, type WorkshopSnapshot } from './model'
import { openQuestions, QUESTION_CAP, questionCounts, recordQuestion } from './questions'

let snapshot: WorkshopSnapshot
beforeAll(async () => {
  snapshot = await bundledSnapshot()
})

const START = Date.parse('2026-11-22T08:00:00Z')
const at = (minutes: number): Date => new Date(START + minutes * 60_000)

function newSession(): Session {
  return createSession({
    id: 'qa-session-1',
    now: at(0),
    snapshot,
    details: { venue: 'Hội trường', date: '2026-11-22', trainer: 'Lan', language: 'vi', plannedStart: '08:00' }
  })
}

/** Sends a question from a phone and returns its id. */
function ask(session: Session, deviceKey: string, text: string, minutes = 1): string {
  expect(recordQuestion(session, { kind: 'ask', deviceKey, text }, at(minutes))).toBeNull()
  return session.questions.at(-1)!.id
}

const moderate = (session: Session, questionId: string, action: 'approve' | 'hide' | 'answered' | 'parking'): void =>
  applyCommand(session, { type: 'question', questionId, action }, at(2))

describe('questions from the room', () => {
  it('keeps a question as new, with spacing tidied, until the trainer approves it', () => {
    const session = newSession()
    const id = ask(session, 'device-a', '  Làm sao   để nói chuyện\nvới con?  ')
    expect(session.questions[0]).toMatchObject({ id, text: 'Làm sao để nói chuyện với con?', status: 'new', votes: [] })
    moderate(session, id, 'approve')
    expect(session.questions[0]!.status).toBe('approved')
  })

  it('refuses empty and too long questions, and questions while the session is paused', () => {
    const session = newSession()
    expect(recordQuestion(session, { kind: 'ask', deviceKey: 'd', text: '   ' }, at(1))).toBe('invalid')
    expect(recordQuestion(session, { kind: 'ask', deviceKey: 'd', text: 'x'.repeat(281) }, at(1))).toBe('invalid')
    applyCommand(session, { type: 'status', status: 'paused' }, at(1))
    expect(recordQuestion(session, { kind: 'ask', deviceKey: 'd', text: 'Câu hỏi?' }, at(1))).toBe('closed')
    expect(session.questions).toEqual([])
  })

  it('caps each phone at 5 questions per 10 minutes, and other phones are not affected', () => {
    const session = newSession()
    for (let i = 0; i < QUESTION_CAP.count; i++) ask(session, 'device-a', `Câu hỏi ${i}`, 1)
    expect(recordQuestion(session, { kind: 'ask', deviceKey: 'device-a', text: 'Thêm' }, at(2))).toBe('too-many')
    ask(session, 'device-b', 'Câu hỏi của máy khác', 2)
    // Ten minutes after the first ones, the phone may ask again.
    ask(session, 'device-a', 'Câu hỏi sau', 1 + QUESTION_CAP.minutes)
    expect(session.questions).toHaveLength(QUESTION_CAP.count + 2)
  })

  it('counts one vote per device, a second vote takes it back, and only approved questions take votes', () => {
    const session = newSession()
    const id = ask(session, 'device-a', 'Câu hỏi?')
    const vote = (deviceKey: string) => recordQuestion(session, { kind: 'vote', deviceKey, questionId: id }, at(3))
    expect(vote('device-b')).toBe('no-question')
    moderate(session, id, 'approve')
    expect(vote('device-b')).toBeNull()
    expect(vote('device-c')).toBeNull()
    expect(session.questions[0]!.votes).toEqual(['device-b', 'device-c'])
    expect(vote('device-b')).toBeNull()
    expect(session.questions[0]!.votes).toEqual(['device-c'])
    expect(recordQuestion(session, { kind: 'vote', deviceKey: 'x', questionId: 'nope' }, at(3))).toBe('no-question')
  })

  it('shows on the projector only approved, unanswered questions, most votes first, never new or hidden text', () => {
    const session = newSession()
    const first = ask(session, 'a', 'Câu được duyệt, ít phiếu')
    const second = ask(session, 'b', 'Câu được duyệt, nhiều phiếu')
    const hidden = ask(session, 'c', 'Con tôi bị bắt nạt ở trường, tên cháu là An')
    ask(session, 'd', 'Câu mới chưa duyệt')
    const answered = ask(session, 'e', 'Câu đã trả lời')
    for (const id of [first, second, answered]) moderate(session, id, 'approve')
    moderate(session, hidden, 'hide')
    moderate(session, answered, 'answered')
    recordQuestion(session, { kind: 'vote', deviceKey: 'x', questionId: second }, at(3))
    applyCommand(session, { type: 'screen', mode: 'questions' }, at(3))

    const view = audienceView(session, null)
    expect(view).toMatchObject({ kind: 'questions' })
    if (view.kind !== 'questions') throw new Error('not the questions view')
    expect(view.questions.map((q) => [q.text, q.votes])).toEqual([
      ['Câu được duyệt, nhiều phiếu', 1],
      ['Câu được duyệt, ít phiếu', 0]
    ])
    const text = JSON.stringify(view)
    for (const secret of ['bắt nạt', 'chưa duyệt', 'đã trả lời', '"a"', '"x"']) expect(text).not.toContain(secret)
    // Blank still wins, and turning the screen off returns to the workshop.
    applyCommand(session, { type: 'blank', mode: 'black' }, at(4))
    expect(audienceView(session, null).kind).toBe('blank')
    applyCommand(session, { type: 'blank', mode: null }, at(4))
    applyCommand(session, { type: 'screen', mode: null }, at(4))
    expect(audienceView(session, null).kind).not.toBe('questions')
  })

  it('takes a question to the parking lot once, never a hidden one, and counts every status', () => {
    const session = newSession()
    const kept = ask(session, 'a', 'Hỏi sau nhé')
    const hidden = ask(session, 'b', 'Câu bị ẩn')
    moderate(session, kept, 'parking')
    moderate(session, kept, 'parking')
    moderate(session, hidden, 'hide')
    expect(() => moderate(session, hidden, 'parking')).toThrow(CommandError)
    expect(() => moderate(session, 'nope', 'approve')).toThrow(CommandError)
    expect(session.parkingLot.map((p) => p.text)).toEqual(['Hỏi sau nhé'])
    expect(session.questions[0]).toMatchObject({ status: 'answered', parked: true })
    expect(questionCounts(session)).toEqual({ received: 2, new: 0, approved: 0, answered: 1, hidden: 1 })
    expect(openQuestions(session)).toEqual([])
  })

  it('loads a session saved before questions existed, and refuses commands with unknown actions', () => {
    const session = newSession()
    const old: Record<string, unknown> = { ...session }
    delete old.questions
    delete old.screen
    const loaded = SessionSchema.parse(old)
    expect(loaded.questions).toEqual([])
    expect(loaded.screen).toBeNull()
    expect(SessionCommandSchema.safeParse({ type: 'question', questionId: 'q', action: 'delete' }).success).toBe(false)
    expect(SessionCommandSchema.safeParse({ type: 'screen', mode: 'words' }).success).toBe(false)
  })
})
