import { resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { folderReader, loadWorkshop } from '../../core/workshops/loader'
import { applyCommand } from './commands'
import { createSession, workshopSnapshot } from '../../core/sessions/create-session'
import type { Session, WorkshopSnapshot } from './model'
import {
  emptyDraft,
  lettersOf,
  paperBlocks,
  plainLetter,
  pressKey,
  type EntryContext,
  type EntryDraft,
  type KeyResult,
  type PaperQuestion
} from './paper-entry'
import { quizResults } from './results'

// The keys are tested on a quiz of their own: six questions, 1, 2, 4 and 5 take one answer of A–D,
// 3 and 6 take several of A–E (bundled workshops change their quizzes).
const single = (n: number): PaperQuestion => ({
  id: `q${n}`,
  options: ['a', 'b', 'c', 'd'].map((o) => `${o}${n}`),
  multiple: false
})
const several = (n: number): PaperQuestion => ({
  id: `q${n}`,
  options: ['a', 'b', 'c', 'd', 'e'].map((o) => `${o}${n}`),
  multiple: true
})
const pre = { questions: [single(1), single(2), several(3), single(4), single(5), several(6)] }

const workshopDir = resolve(__dirname, '../../../workshops/parents-teachers-online-safety')
let snapshot: WorkshopSnapshot

beforeAll(async () => {
  const result = await loadWorkshop(folderReader(workshopDir))
  if (!result.ok) throw new Error('bundled workshop does not load')
  snapshot = workshopSnapshot(result.workshop)
})

const context = (existing: string[] = [], questions = pre.questions): EntryContext => ({ questions, existing })

/** Types keys as the screen passes them: characters one by one, and named keys in braces ("{Enter}"). */
function type(keys: string, ctx = context(), start?: EntryDraft): { draft: EntryDraft; results: KeyResult[] } {
  let draft = start ?? emptyDraft(ctx.questions)
  const results: KeyResult[] = []
  for (const token of keys.match(/\{[A-Za-z+]+\}|./g) ?? []) {
    const named = token.startsWith('{') ? token.slice(1, -1) : token
    const shift = named.startsWith('Shift+')
    const result = pressKey(draft, { key: shift ? named.slice(6) : named, shift }, ctx)
    results.push(result)
    draft = result.draft
  }
  return { draft, results }
}
const saved = (results: KeyResult[]) => results.filter((r) => r.save).map((r) => r.save!)
const messages = (results: KeyResult[]) => results.filter((r) => r.message).map((r) => r.message!.key)
const option = (question: number, letter: string): string =>
  pre.questions[question]!.options[letter.charCodeAt(0) - 65]!

describe('typing a paper sheet in', () => {
  it('saves number, Enter, one letter per single-answer question, Space after a multiple one, Enter', () => {
    const { draft, results } = type('12{Enter}abca {Enter}')
    expect(saved(results)).toEqual([
      {
        participantNumber: '12',
        values: {
          [pre.questions[0]!.id]: [option(0, 'A')],
          [pre.questions[1]!.id]: [option(1, 'B')],
          // Question 3 takes several: A and C, then Space moves on; 4 to 6 were not reached and stay blank.
          [pre.questions[2]!.id]: [option(2, 'A'), option(2, 'C')],
          [pre.questions[3]!.id]: [],
          [pre.questions[4]!.id]: [],
          [pre.questions[5]!.id]: []
        }
      }
    ])
    expect(messages(results)).toEqual([])
    expect(draft).toEqual(emptyDraft(pre.questions))
  })

  it('takes a whole 6-question sheet in 13 keys: number, Enter, a letter per single answer, letters and Space per multiple one, Enter', () => {
    const keys = '07{Enter}cabc ddbe{Enter}'
    const { results } = type(keys)
    expect(results).toHaveLength(13)
    const save = saved(results)[0]!
    expect(save.participantNumber).toBe('7')
    expect(pre.questions.map((q) => lettersOf(q, save.values[q.id]))).toEqual(['C', 'A', 'BC', 'D', 'D', 'BE'])
  })

  it('stays on a multiple-answer question until Space, and a letter typed twice is taken back', () => {
    const { draft } = type('3{Enter}abcdc')
    expect(draft.cursor).toBe(2)
    expect(draft.answers[2]).toEqual(['D'])
  })

  it('refuses a letter the question does not have, and a second letter on a single-answer question', () => {
    const noE = type('5{Enter}e')
    expect(messages(noE.results)).toEqual(['paper.error.noLetter'])
    expect(noE.results[2]!.message!.params).toEqual({ question: 1, letter: 'E', last: 'D' })
    expect(noE.draft.answers[0]).toEqual([])
    // The last question is single-answer in many quizzes; here go back to question 2 with Shift+Tab.
    const twice = type('5{Enter}ab{Shift+Tab}c')
    expect(messages(twice.results)).toEqual(['paper.error.oneAnswer'])
    expect(twice.draft.answers[1]).toEqual(['B'])
  })

  it('Backspace on an empty question goes back and takes that letter away', () => {
    const { draft } = type('5{Enter}ab{Backspace}c')
    expect(draft.answers.slice(0, 2)).toEqual([['A'], ['C']])
    expect(draft.cursor).toBe(2)
  })

  it('refuses a number that is not a sign-in number, or none, or an empty sheet', () => {
    expect(messages(type('{Enter}').results)).toEqual(['paper.error.noNumber'])
    const bad = type('12.{Enter}')
    // "." is not typed into the number at all; the number stays 12.
    expect(bad.draft.cursor).toBe(0)
    expect(bad.draft.number).toBe('12')
    expect(messages(type('1234567890123').results)).toEqual(['paper.error.badNumber'])
    expect(messages(type('8{Enter}{Enter}').results)).toEqual(['paper.error.empty'])
  })

  it('asks before replacing a number that already has a row: Enter replaces, Esc gives another number', () => {
    const asked = type('012{Enter}', context(['12']))
    expect(messages(asked.results)).toEqual(['paper.ask.replace'])
    expect(asked.results.at(-1)!.message!.params).toEqual({ number: '12' })
    expect(asked.draft.cursor).toBe(-1)
    const confirmed = type('{Enter}a{Enter}', context(['12']), asked.draft)
    expect(saved(confirmed.results).map((s) => s.participantNumber)).toEqual(['12'])
    const other = type('{Escape}13{Enter}', context(['12']), asked.draft)
    expect(other.draft).toMatchObject({ number: '13', cursor: 0, replacing: null })
  })

  it('reads a letter a Vietnamese input method changed ("â", "đ", "Ê") as its plain letter, and nothing else as a letter', () => {
    expect(['â', 'ă', 'Á', 'đ', 'Đ', 'ê', 'b'].map(plainLetter)).toEqual(['A', 'A', 'A', 'D', 'D', 'E', 'B'])
    expect(['1', ' ', 'Enter', 'ß', 'ab'].map(plainLetter)).toEqual([null, null, null, null, null])
    const { draft } = type('4{Enter}âđ')
    expect(draft.answers.slice(0, 2)).toEqual([['A'], ['D']])
  })

  it('lets Tab leave an empty row (to reach the buttons), but not a started one', () => {
    expect(type('{Tab}').results[0]!.ignored).toBe(true)
    expect(type('4{Tab}').draft.cursor).toBe(0)
  })
})

describe('saved rows', () => {
  function newSession(): Session {
    return createSession({
      id: 'test-paper-entry-1',
      now: new Date('2026-12-01T08:00:00Z'),
      snapshot,
      details: { venue: 'Xã A', date: '2026-12-01', trainer: 'Lan', language: 'vi', plannedStart: '08:00' }
    })
  }

  it('are accepted by the sheetAnswer command and scored: a replaced row keeps no old answer', () => {
    const session = newSession()
    const quiz = paperBlocks(snapshot.manifest, false)[0]!
    const send = (keys: string, existing: string[] = []): void => {
      for (const save of saved(type(keys, context(existing, quiz.questions)).results)) {
        applyCommand(session, { type: 'sheetAnswer', blockId: quiz.block.id, source: 'paper', ...save }, new Date())
      }
    }
    // A on every question (Space after each multiple-answer one), then the row typed again with B on question 1 only.
    send(`1{Enter}${quiz.questions.map((q) => (q.multiple ? 'a ' : 'a')).join('')}{Enter}`)
    expect(Object.keys(session.polls[quiz.block.id]!.sheets['1']!.values)).toHaveLength(quiz.questions.length)
    send('1{Enter}{Enter}b{Enter}', ['1'])
    expect(session.polls[quiz.block.id]!.sheets['1']!.values).toEqual({
      [quiz.questions[0]!.id]: [quiz.questions[0]!.options[1]]
    })
    const results = quizResults(quiz.block, session)
    expect(results.respondents).toBe(1)
    expect(results.sources.paper).toBe(1)
  })
})
