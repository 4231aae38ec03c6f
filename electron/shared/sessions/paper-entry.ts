import type { UserMessage } from '../i18n/user-message'
import { userMessage } from '../i18n/user-message'
import type { Block, Manifest, QuizQuestion } from '../workshops/schema'
import { normalizeParticipantNumber } from './participants'
import { choiceLimit } from './choice-limit'

/**
 * Typing paper answer sheets in, one key at a time (pure: the entry screen keeps the draft and sends
 * the saved rows as `sheetAnswer` commands).
 *
 * A row is: the participant's sign-in number, Enter (or Tab or Space), then one key per question.
 * - A single-answer question takes one letter and moves on by itself; Space leaves it blank and moves on.
 * - A multiple-answer question takes several letters (typing a letter again takes it back); Space or Tab
 *   moves on.
 * - Enter saves the row, whichever question the cursor is on (questions not reached stay blank).
 * - Backspace removes the last letter; on an empty question it goes back and removes that one's letter.
 * - Shift+Tab and ← go back a question, → goes on; Esc clears the row.
 * For a 6-question quiz of single answers that is 2 digits + Enter + 6 letters + Enter = 10 keys.
 */

/** A quiz or poll as it is printed on paper and typed in: its questions with their option ids. */
export interface PaperBlock {
  block: Block
  questions: PaperQuestion[]
}
export interface PaperQuestion {
  id: string
  /** Option ids in order: the first is A, the second B, … */
  options: string[]
  multiple: boolean
  /** "Up to three": the most letters one person may have (a multiple-choice poll's `maxChoices`). */
  maxChoices?: number
}

/** The quizzes (and, when asked, the polls with options) that can be answered on paper, in agenda order. */
export function paperBlocks(manifest: Manifest, withPolls: boolean): PaperBlock[] {
  const out: PaperBlock[] = []
  for (const block of manifest.blocks) {
    if (block.kind === 'quiz') {
      const questions = quizQuestionsOf(manifest, block).map((q) => ({
        id: q.id,
        options: q.options.map((o) => o.id),
        multiple: q.multiple
      }))
      if (questions.length > 0) out.push({ block, questions })
    } else if (withPolls && isPaperPoll(block)) {
      out.push({
        block,
        questions: [
          {
            id: block.id,
            options: block.options.map((o) => o.id),
            multiple: block.type === 'multiple',
            ...(choiceLimit(block) !== null ? { maxChoices: choiceLimit(block)! } : {})
          }
        ]
      })
    }
  }
  return out
}

type PollBlock = Extract<Block, { kind: 'poll' }>

/** A poll whose answers are letters: single or multiple choice with options, not anonymous feedback. */
export function isPaperPoll(block: Block): block is PollBlock & { options: NonNullable<PollBlock['options']> } {
  return (
    block.kind === 'poll' &&
    (block.type === 'single' || block.type === 'multiple') &&
    !!block.options &&
    block.purpose !== 'feedback'
  )
}

function quizQuestionsOf(manifest: Manifest, block: Block): QuizQuestion[] {
  if (block.kind !== 'quiz') return []
  if (block.questions) return block.questions
  const from = manifest.blocks.find((b) => b.id === block.questionsFrom)
  return from?.kind === 'quiz' ? (from.questions ?? []) : []
}

export const optionLetter = (index: number): string => String.fromCharCode(65 + index)

/** Letters of the chosen options, in option order ("AC"); an unknown option id shows as "?". */
export function lettersOf(question: PaperQuestion, chosen: string[] | undefined): string {
  return (chosen ?? [])
    .map((id) => question.options.indexOf(id))
    .sort((a, b) => a - b)
    .map((i) => (i < 0 ? '?' : optionLetter(i)))
    .join('')
}

/** The row being typed. `cursor` -1 is the number; 0… are the questions. */
export interface EntryDraft {
  number: string
  /** Letters per question, in option order. */
  answers: string[][]
  cursor: number
  /** The number already has a row: 'asking' until Enter confirms replacing it. */
  replacing: null | 'asking' | 'confirmed'
}

export function emptyDraft(questions: PaperQuestion[]): EntryDraft {
  return { number: '', answers: questions.map(() => []), cursor: -1, replacing: null }
}

export interface EntryContext {
  questions: PaperQuestion[]
  /** Normalised numbers that already have a row for this block. */
  existing: readonly string[]
}

/** A key as the screen saw it: `KeyboardEvent.key` and whether Shift was held. */
export interface EntryKey {
  key: string
  shift?: boolean
}

export interface KeyResult {
  draft: EntryDraft
  /** Set when the key saved the row: what to send, by normalised number, every question present (blank = []). */
  save?: { participantNumber: string; values: Record<string, string[]> }
  /** What to tell the typist (an error, or the question whether to replace a row). */
  message?: UserMessage
  /** The key meant nothing here: the screen lets the browser handle it (Tab out of an empty row). */
  ignored?: boolean
}

const NUMBER_CHAR = /^[A-Za-z0-9-]$/
const MAX_NUMBER_LENGTH = 12

/** Applies one key to the draft. */
export function pressKey(draft: EntryDraft, input: EntryKey, context: EntryContext): KeyResult {
  return draft.cursor < 0 ? numberKey(draft, input, context) : answerKey(draft, input, context)
}

function numberKey(draft: EntryDraft, { key, shift }: EntryKey, context: EntryContext): KeyResult {
  if (draft.replacing === 'asking') {
    if (key === 'Enter') return { draft: { ...draft, replacing: 'confirmed', cursor: 0 } }
    if (key === 'Escape') return { draft: { ...draft, number: '', replacing: null } }
  }
  if (NUMBER_CHAR.test(key)) {
    if (draft.number.length >= MAX_NUMBER_LENGTH)
      return { draft, message: userMessage('paper.error.badNumber', { number: draft.number + key }) }
    return { draft: { ...draft, number: draft.number + key, replacing: null } }
  }
  if (key === 'Backspace') return { draft: { ...draft, number: draft.number.slice(0, -1), replacing: null } }
  if (key === 'Escape') return { draft: emptyDraft(context.questions) }
  const leaving = key === 'Enter' || key === ' ' || key === 'ArrowRight' || (key === 'Tab' && !shift)
  if (!leaving) return { draft, ignored: true }
  if (key === 'Tab' && isBlank(draft)) return { draft, ignored: true }
  return toAnswers(draft, context)
}

/** From the number to the first question, once the number is valid and, if it has a row, replacing it is confirmed. */
function toAnswers(draft: EntryDraft, context: EntryContext): KeyResult {
  const number = normalizeParticipantNumber(draft.number)
  if (draft.number.trim() === '') return { draft, message: userMessage('paper.error.noNumber') }
  if (number === null) return { draft, message: userMessage('paper.error.badNumber', { number: draft.number }) }
  if (context.existing.includes(number) && draft.replacing !== 'confirmed') {
    return { draft: { ...draft, replacing: 'asking' }, message: userMessage('paper.ask.replace', { number }) }
  }
  return { draft: { ...draft, cursor: 0 } }
}

function answerKey(draft: EntryDraft, { key, shift }: EntryKey, context: EntryContext): KeyResult {
  const { questions } = context
  const last = questions.length - 1
  const at = draft.cursor
  const question = questions[at]!
  const move = (cursor: number): KeyResult => ({ draft: { ...draft, cursor: Math.max(-1, Math.min(last, cursor)) } })
  const letter = plainLetter(key)
  if (letter) return letterKey(draft, letter, question, at, last)
  if (key === ' ' || (key === 'Tab' && !shift) || key === 'ArrowRight') return move(at + 1)
  if ((key === 'Tab' && shift) || key === 'ArrowLeft') return move(at - 1)
  if (key === 'Backspace') {
    if (draft.answers[at]!.length > 0) return { draft: withAnswer(draft, at, draft.answers[at]!.slice(0, -1)) }
    if (at === 0) return move(-1)
    return { draft: { ...withAnswer(draft, at - 1, draft.answers[at - 1]!.slice(0, -1)), cursor: at - 1 } }
  }
  if (key === 'Escape') return { draft: emptyDraft(questions) }
  if (key === 'Enter') return saveRow(draft, context)
  return { draft, ignored: true }
}

function letterKey(draft: EntryDraft, letter: string, question: PaperQuestion, at: number, last: number): KeyResult {
  const index = letter.charCodeAt(0) - 65
  if (index >= question.options.length) {
    return {
      draft,
      message: userMessage('paper.error.noLetter', {
        question: at + 1,
        letter,
        last: optionLetter(question.options.length - 1)
      })
    }
  }
  const chosen = draft.answers[at]!
  if (question.multiple) {
    const next = chosen.includes(letter) ? chosen.filter((l) => l !== letter) : [...chosen, letter].sort()
    if (question.maxChoices !== undefined && next.length > question.maxChoices) {
      return { draft, message: userMessage('paper.error.tooMany', { question: at + 1, max: question.maxChoices }) }
    }
    return { draft: withAnswer(draft, at, next) }
  }
  if (chosen.length > 0) return { draft, message: userMessage('paper.error.oneAnswer', { question: at + 1 }) }
  return { draft: { ...withAnswer(draft, at, [letter]), cursor: Math.min(last, at + 1) } }
}

function saveRow(draft: EntryDraft, context: EntryContext): KeyResult {
  const checked = toAnswers({ ...draft, cursor: -1 }, context)
  if (checked.message || checked.draft.cursor < 0) return { ...checked, draft: { ...checked.draft, cursor: -1 } }
  if (draft.answers.every((letters) => letters.length === 0))
    return { draft, message: userMessage('paper.error.empty') }
  const values = Object.fromEntries(
    context.questions.map((q, i) => [q.id, draft.answers[i]!.map((letter) => q.options[letter.charCodeAt(0) - 65]!)])
  )
  return {
    draft: emptyDraft(context.questions),
    save: { participantNumber: normalizeParticipantNumber(draft.number)!, values }
  }
}

/**
 * The letter A–Z of a key, also when a Vietnamese input method turned it into "â", "ă", "ê" or "đ"
 * (typing "aa" or "dd" with Telex); null for any other key.
 */
export function plainLetter(key: string): string | null {
  if ([...key].length !== 1) return null
  const plain = key
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
  return /^[A-Za-z]$/.test(plain) ? plain.toUpperCase() : null
}

function withAnswer(draft: EntryDraft, at: number, letters: string[]): EntryDraft {
  return { ...draft, answers: draft.answers.map((current, i) => (i === at ? letters : current)) }
}

function isBlank(draft: EntryDraft): boolean {
  return draft.number === '' && draft.answers.every((letters) => letters.length === 0)
}
