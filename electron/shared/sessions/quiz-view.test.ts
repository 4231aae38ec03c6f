import { beforeAll, describe, expect, it } from 'vitest'
import { createSession } from '../../core/sessions/create-session'
import { bundledSnapshot } from '../../testing/bundled-snapshot'
import type { Block } from '../workshops/schema'
import { recordAnswer } from './answers'
import { audienceView } from './audience'
import { applyCommand, quizQuestions, slideCount, type SessionCommand } from './commands'
import type { Session, WorkshopSnapshot } from './model'
import { quizComparison } from './quiz-view'

let snapshot: WorkshopSnapshot

beforeAll(async () => {
  // Its pre-test has a multiple-answer question and explanations with source markers.
  snapshot = await bundledSnapshot('community-response-online-exploitation')
})

let clock = 0
function newSession(language: 'vi' | 'en' = 'vi', from = snapshot): Session {
  clock = Date.parse('2026-12-03T08:00:00Z')
  return createSession({
    id: 'quiz-view-session',
    now: new Date(clock),
    snapshot: structuredClone(from),
    details: { venue: 'Hội trường', date: '2026-12-03', trainer: 'Lan', language, plannedStart: '08:00' }
  })
}
const run = (session: Session, command: SessionCommand): void => {
  clock += 60_000
  applyCommand(session, command, new Date(clock))
}
const quizIndex = (session: Session, role: 'pre' | 'post'): number =>
  session.snapshot.manifest.blocks.findIndex((b) => b.kind === 'quiz' && b.role === role)
const blockAt = (session: Session, index: number): Block => session.snapshot.manifest.blocks[index]!
const quizView = (session: Session) => {
  const view = audienceView(session, { url: 'http://10.0.0.2:8080/', code: '1234', qr: 'data:image/svg+xml;base64,' })
  if (view.kind !== 'quiz') throw new Error(`expected a quiz on the projector, got ${view.kind}`)
  return view
}
/** Everyone answers every question: the first `right` phones with the key, the others the first wrong option. */
function answerAll(session: Session, block: Block, people: { number: string; right: boolean }[]): void {
  for (const person of people) {
    const values = Object.fromEntries(
      quizQuestions(block, session).map((q) => [
        q.id,
        person.right ? q.options.filter((o) => o.correct).map((o) => o.id) : [q.options.find((o) => !o.correct)!.id]
      ])
    )
    const answer = { blockId: block.id, deviceKey: `phone-${person.number}`, values, participantNumber: person.number }
    expect(recordAnswer(session, answer, new Date(clock))).toBeNull()
  }
}

describe('quizzes on the projector', () => {
  it('pages through a quiz one question at a time with next, previous and goto, like slides', () => {
    const session = newSession()
    const pre = quizIndex(session, 'pre')
    const count = quizQuestions(blockAt(session, pre), session).length
    expect(count).toBeGreaterThan(3)
    expect(slideCount(session, pre)).toBe(count)
    run(session, { type: 'goto', block: pre, slide: 0 })
    const timelineEntries = session.timeline.length
    for (let i = 1; i < count; i++) {
      run(session, { type: 'next' })
      expect(session.position).toEqual({ block: pre, slide: i })
      expect(quizView(session).page).toMatchObject({ kind: 'question', index: i, count })
    }
    // Paging inside the quiz is one visit of the block: the timeline gets no new entries.
    expect(session.timeline.length).toBe(timelineEntries)
    run(session, { type: 'next' })
    expect(session.position).toEqual({ block: pre + 1, slide: 0 })
    run(session, { type: 'previous' })
    expect(session.position).toEqual({ block: pre, slide: count - 1 })
    run(session, { type: 'goto', block: pre, slide: 99 })
    expect(session.position).toEqual({ block: pre, slide: count - 1 })
    run(session, { type: 'goto', block: pre, slide: 2 })
    const page = quizView(session).page
    const question = quizQuestions(blockAt(session, pre), session)[2]!
    expect(page.kind === 'question' && page.text).toBe(question.text.vi)
  })

  it('never puts the answer key or the explanation in the room view while a quiz is waiting or open', () => {
    const session = newSession()
    const pre = quizIndex(session, 'pre')
    const block = blockAt(session, pre)
    const questions = quizQuestions(block, session)
    for (const step of ['waiting', 'tally', 'phones'] as const) {
      if (step !== 'waiting') run(session, { type: 'pollOpen', blockId: block.id, mode: step })
      if (step === 'phones') answerAll(session, block, [{ number: '1', right: true }])
      questions.forEach((question, index) => {
        run(session, { type: 'goto', block: pre, slide: index })
        const view = quizView(session)
        const text = JSON.stringify(view)
        expect(text).not.toContain('"correct"')
        expect(view.page.kind === 'question' && view.page.reveal).toBeNull()
        if (question.explanation) expect(text).not.toContain(question.explanation.vi!.slice(0, 40))
      })
    }
  })

  it('reveals, once closed, the right options with a mark, the explanation without sources and the share right with counts', () => {
    const session = newSession()
    const pre = quizIndex(session, 'pre')
    const block = blockAt(session, pre)
    run(session, { type: 'goto', block: pre, slide: 0 })
    run(session, { type: 'pollOpen', blockId: block.id, mode: 'phones' })
    answerAll(session, block, [
      { number: '1', right: true },
      { number: '2', right: true },
      { number: '3', right: true },
      { number: '4', right: false }
    ])
    run(session, { type: 'pollClose', blockId: block.id })
    quizQuestions(block, session).forEach((question, index) => {
      run(session, { type: 'goto', block: pre, slide: index })
      const page = quizView(session).page
      if (page.kind !== 'question' || !page.reveal) throw new Error('expected a revealed question')
      expect(page.options.map((o) => o.correct)).toEqual(question.options.map((o) => o.correct))
      expect(page.reveal.share).toEqual({ right: 3, answered: 4, rate: 0.75 })
      if (question.explanation) {
        expect(page.reveal.explanation).not.toMatch(/\[@/)
        expect(page.reveal.explanation).toContain(question.explanation.vi!.slice(0, 30))
      } else expect(page.reveal.explanation).toBeNull()
    })
  })

  it('says plainly that a multiple-answer question counted only by hands has no share right', () => {
    const session = newSession('en')
    const pre = quizIndex(session, 'pre')
    const block = blockAt(session, pre)
    const questions = quizQuestions(block, session)
    const multiple = questions.findIndex((q) => q.multiple)
    const single = questions.findIndex((q) => !q.multiple)
    run(session, { type: 'pollOpen', blockId: block.id, mode: 'tally' })
    run(session, { type: 'tallyRespondents', blockId: block.id, count: 20 })
    const right = questions[single]!.options.find((o) => o.correct)!
    run(session, { type: 'tallySet', blockId: block.id, key: `${questions[single]!.id}/${right.id}`, count: 15 })
    run(session, { type: 'tallySet', blockId: block.id, key: `${questions[multiple]!.id}/a`, count: 12 })
    run(session, { type: 'pollClose', blockId: block.id })
    run(session, { type: 'goto', block: pre, slide: multiple })
    expect(quizView(session).page).toMatchObject({ kind: 'question', multiple: true, reveal: { share: 'hands' } })
    run(session, { type: 'goto', block: pre, slide: single })
    expect(quizView(session).page).toMatchObject({ reveal: { share: { right: 15, answered: 20, rate: 0.75 } } })
  })

  it('adds the pre/post comparison page after a closed post-test, with the share right before and after, means and matched gain', () => {
    const session = newSession()
    const preIndex = quizIndex(session, 'pre')
    const postIndex = quizIndex(session, 'post')
    const pre = blockAt(session, preIndex)
    const post = blockAt(session, postIndex)
    const count = quizQuestions(post, session).length
    run(session, { type: 'goto', block: preIndex, slide: 0 })
    run(session, { type: 'pollOpen', blockId: pre.id, mode: 'phones' })
    answerAll(session, pre, [
      { number: '1', right: true },
      { number: '2', right: false },
      { number: '3', right: false },
      { number: '4', right: false }
    ])
    run(session, { type: 'pollClose', blockId: pre.id })
    run(session, { type: 'goto', block: postIndex, slide: 0 })
    run(session, { type: 'pollOpen', blockId: post.id, mode: 'phones' })
    // Open: no comparison page yet, the last question leads to the next block.
    expect(slideCount(session, postIndex)).toBe(count)
    answerAll(session, post, [
      { number: '1', right: true },
      { number: '2', right: true },
      { number: '3', right: true },
      { number: '4', right: false }
    ])
    run(session, { type: 'pollClose', blockId: post.id })
    expect(slideCount(session, postIndex)).toBe(count + 1)
    // The slide keys reach it after the last question, and leave it for the next block.
    run(session, { type: 'goto', block: postIndex, slide: count - 1 })
    run(session, { type: 'next' })
    expect(session.position).toEqual({ block: postIndex, slide: count })
    run(session, { type: 'next' })
    expect(session.position).toEqual({ block: postIndex + 1, slide: 0 })
    run(session, { type: 'previous' })
    expect(session.position).toEqual({ block: postIndex, slide: count })
    const page = quizView(session).page
    if (page.kind !== 'comparison') throw new Error('expected the comparison page')
    expect(page.comparison.questions).toHaveLength(count)
    expect(page.comparison.questions.every((q) => q.before === 0.25 && q.after === 0.75)).toBe(true)
    expect(page.comparison).toMatchObject({ meanBefore: 25, meanAfter: 75, pairs: 4, meanGainPoints: 50 })
    expect(JSON.stringify(page)).not.toMatch(/\[@/)
    expect(quizComparison(pre, post, session, 'en').questions[0]!.text).toBe(
      quizQuestions(post, session)[0]!.text.en!.replace(/\s*\[@[^\]]*\]/g, '')
    )
    // Reopened, the comparison goes away and the projector shows the last question again.
    run(session, { type: 'pollOpen', blockId: post.id, mode: 'phones' })
    expect(quizView(session).page).toMatchObject({ kind: 'question', index: count - 1 })
  })

  it('has no comparison page for a post-test when the workshop has no pre-test', () => {
    const withoutPre = structuredClone(snapshot)
    const preBlock = withoutPre.manifest.blocks.find((b) => b.kind === 'quiz' && b.role === 'pre')!
    if (preBlock.kind === 'quiz') preBlock.role = 'practice'
    const session = newSession('vi', withoutPre)
    const postIndex = quizIndex(session, 'post')
    const post = blockAt(session, postIndex)
    run(session, { type: 'pollOpen', blockId: post.id, mode: 'tally' })
    run(session, { type: 'pollClose', blockId: post.id })
    expect(slideCount(session, postIndex)).toBe(quizQuestions(post, session).length)
  })
})
