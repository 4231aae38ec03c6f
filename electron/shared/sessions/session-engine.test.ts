import { beforeAll, describe, expect, it } from 'vitest'
import type { Block, Manifest } from '../workshops/schema'
import { openQuestion, recordAnswer } from './answers'
import { audienceView } from './audience'
import { applyCommand, CommandError, quizQuestions, type SessionCommand } from './commands'
import { createSession } from '../../core/sessions/create-session'
import { SessionSchema, type Session, type WorkshopSnapshot } from './model'
import { pollResults, quizResults } from './results'
import { bundledSnapshot } from '../../testing/bundled-snapshot'

let snapshot: WorkshopSnapshot

beforeAll(async () => {
  snapshot = await bundledSnapshot()
})

let clock = 0

function newSession(): Session {
  clock = Date.parse('2026-11-22T08:00:00Z')
  return createSession({
    id: 'test-session-1',
    now: new Date(clock),
    snapshot,
    details: { venue: 'Hội trường', date: '2026-11-22', trainer: 'Lan', language: 'vi', plannedStart: '08:00' }
  })
}

const run = (session: Session, command: SessionCommand, minutes = 1): void => {
  clock += minutes * 60_000
  applyCommand(session, command, new Date(clock))
}
const manifest = (): Manifest => snapshot.manifest
const indexOf = (kind: string, n = 0): number =>
  manifest()
    .blocks.map((b, i) => [b.kind, i] as const)
    .filter(([k]) => k === kind)[n]![1]

describe('session engine', () => {
  it('walks every slide of every block (and every question of a quiz) in order and back', () => {
    const session = newSession()
    const pages = (b: Block): number =>
      b.kind === 'slides'
        ? (snapshot.slides[b.id]?.vi.length ?? 1)
        : b.kind === 'quiz'
          ? quizQuestions(b, session).length
          : 1
    const expected = manifest().blocks.reduce((sum, b) => sum + pages(b), 0)
    let steps = 1
    for (let i = 0; i < 500; i++) {
      const before = JSON.stringify(session.position)
      run(session, { type: 'next' })
      if (JSON.stringify(session.position) === before) break
      steps++
    }
    expect(steps).toBe(expected)
    expect(session.position.block).toBe(manifest().blocks.length - 1)
    run(session, { type: 'previous' })
    expect(session.position.block).toBe(manifest().blocks.length - 2)
    expect(SessionSchema.safeParse(session).success).toBe(true)
  })

  it('records actual time per block, closes it on pause and reopens on resume', () => {
    const session = newSession()
    run(session, { type: 'goto', block: 1, slide: 0 }, 7)
    expect(session.timeline[0]).toMatchObject({ blockId: manifest().blocks[0]!.id })
    expect(Date.parse(session.timeline[0]!.endedAt!) - Date.parse(session.timeline[0]!.startedAt)).toBe(7 * 60_000)
    run(session, { type: 'status', status: 'paused' }, 3)
    expect(session.timeline.at(-1)!.endedAt).not.toBeNull()
    run(session, { type: 'status', status: 'running' }, 60)
    expect(session.timeline.at(-1)).toMatchObject({ blockId: manifest().blocks[1]!.id, endedAt: null })
  })

  it('runs a discussion countdown that can stop and resume', () => {
    const session = newSession()
    const discussion = indexOf('discussion')
    run(session, { type: 'goto', block: discussion, slide: 0 })
    expect(session.timer?.durationMs).toBe(manifest().blocks[discussion]!.minutes * 60_000)
    run(session, { type: 'timer', action: 'start' }, 0)
    run(session, { type: 'timer', action: 'stop' }, 2)
    expect(session.timer?.elapsedMs).toBe(2 * 60_000)
    const view = audienceView(session, null)
    expect(view.kind).toBe('prompt')
  })

  it('shows the room a discussion prompt without its source and verify-locally markers', () => {
    const session = newSession()
    const discussion = indexOf('discussion')
    const block = session.snapshot.manifest.blocks[discussion]!
    if (block.kind !== 'discussion') throw new Error('expected a discussion')
    block.prompt = {
      vi: 'Gọi đường dây nóng 111 [@verify-locally]. Trẻ không có lỗi [@ecpat-2019#2].',
      en: 'Call 111 [@verify-locally].'
    }
    run(session, { type: 'goto', block: discussion, slide: 0 })
    const view = audienceView(session, null)
    expect(view.kind === 'prompt' && view.text).toBe(
      session.details.language === 'vi' ? 'Gọi đường dây nóng 111. Trẻ không có lỗi.' : 'Call 111.'
    )
  })

  it('shows the room only a neutral pause screen during a safeguarding pause, while the trainer moves on silently', () => {
    const session = newSession()
    run(session, { type: 'blank', mode: 'pause' })
    expect(audienceView(session, null)).toEqual({ kind: 'pause', language: 'vi' })
    run(session, { type: 'next' })
    expect(session.position.slide).toBe(1)
    expect(audienceView(session, null).kind).toBe('pause')
    run(session, { type: 'blank', mode: null })
    expect(audienceView(session, null)).toMatchObject({ kind: 'slide', index: 1 })
    expect(SessionSchema.parse(session).blank).toBeNull()
  })

  it('counts a show-of-hands poll and refuses options that do not exist', () => {
    const session = newSession()
    const pollIndex = indexOf('poll')
    const poll = manifest().blocks[pollIndex]!
    if (poll.kind !== 'poll' || !poll.options) throw new Error('expected an options poll')
    run(session, { type: 'goto', block: pollIndex, slide: 0 })
    run(session, { type: 'pollOpen', blockId: poll.id, mode: 'tally' })
    run(session, { type: 'tallySet', blockId: poll.id, key: `${poll.id}/${poll.options[0]!.id}`, count: 12 })
    expect(() => run(session, { type: 'tallySet', blockId: poll.id, key: `${poll.id}/nope`, count: 1 })).toThrow(
      CommandError
    )
    const results = pollResults(poll, session.polls[poll.id])
    expect(results.counts[0]).toEqual({ key: poll.options[0]!.id, count: 12 })
  })

  it('takes one answer per phone, lets it change while open, and refuses after closing', () => {
    const session = newSession()
    const pollIndex = indexOf('poll')
    const poll = manifest().blocks[pollIndex]!
    if (poll.kind !== 'poll' || !poll.options) throw new Error('expected an options poll')
    run(session, { type: 'goto', block: pollIndex, slide: 0 })
    run(session, { type: 'pollOpen', blockId: poll.id, mode: 'phones' })
    expect(openQuestion(session)?.id).toBe(poll.id)
    const [a, b] = poll.options
    const answer = (device: string, option: string) =>
      recordAnswer(session, { blockId: poll.id, deviceKey: device, values: { [poll.id]: [option] } }, new Date())
    expect(answer('phone-1', a!.id)).toBeNull()
    expect(answer('phone-2', a!.id)).toBeNull()
    expect(answer('phone-1', b!.id)).toBeNull() // changed their mind
    expect(answer('phone-3', 'not-an-option')).toBe('invalid')
    const counts = pollResults(poll, session.polls[poll.id]).counts
    expect(counts.find((c) => c.key === a!.id)!.count).toBe(1)
    expect(counts.find((c) => c.key === b!.id)!.count).toBe(1)
    run(session, { type: 'pollClose', blockId: poll.id })
    expect(answer('phone-4', a!.id)).toBe('closed')
  })

  it('scores a quiz from phones: mean, per-question rate and % mastered, with participant numbers', () => {
    const session = newSession()
    const quizIndex = manifest().blocks.findIndex((b) => b.kind === 'quiz' && b.role === 'pre')
    const quiz = manifest().blocks[quizIndex]!
    if (quiz.kind !== 'quiz' || !quiz.questions) throw new Error('expected a pre-test with questions')
    run(session, { type: 'goto', block: quizIndex, slide: 0 })
    run(session, { type: 'pollOpen', blockId: quiz.id, mode: 'phones' })
    const right = Object.fromEntries(
      quiz.questions.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)])
    )
    const wrong = Object.fromEntries(quiz.questions.map((q) => [q.id, [q.options.find((o) => !o.correct)!.id]]))
    expect(
      recordAnswer(session, { blockId: quiz.id, deviceKey: 'p1', values: right, participantNumber: '07' }, new Date())
    ).toBeNull()
    expect(
      recordAnswer(session, { blockId: quiz.id, deviceKey: 'p2', values: wrong, participantNumber: '08' }, new Date())
    ).toBeNull()
    const results = quizResults(quiz, session)
    expect(results.respondents).toBe(2)
    expect(results.meanScorePercent).toBe(50)
    expect(results.masteredPercent).toBe(50)
    expect(results.perQuestion.every((q) => q.correctRate === 0.5)).toBe(true)
    expect(results.scores).toEqual([
      { participantNumber: '7', percent: 100 },
      { participantNumber: '8', percent: 0 }
    ])
    // While the quiz runs, the projector shows the questions but never the key.
    const view = audienceView(session, { url: 'http://10.0.0.2:8080/', code: '1234', qr: 'data:image/svg+xml;base64,' })
    expect(JSON.stringify(view)).not.toContain('"correct"')
  })

  it('never shows speaker notes or unreviewed open text on the audience view', () => {
    const session = newSession()
    const view = audienceView(session, null)
    expect(view.kind).toBe('slide')
    const notes = snapshot.slides[manifest().blocks[0]!.id]!.vi[0]!.notesHtml
    expect(JSON.stringify(view)).not.toContain(notes.slice(3, 40))
  })

  it('keeps attendance counts by sex and age group', () => {
    const session = newSession()
    run(session, { type: 'attendanceSet', sex: 'female', ageGroup: '25-59', count: 14 })
    run(session, { type: 'attendanceSet', sex: 'other', ageGroup: 'under-18', count: 2 })
    expect(session.attendance.female['25-59']).toBe(14)
    expect(session.attendance.other['under-18']).toBe(2)
  })
})
