import type { MessageKey } from '../i18n/translate'
import type { Question, Session } from './model'

/**
 * Anonymous questions from the room (Q&A). Phones send questions while the session runs and upvote the
 * approved ones; the trainer approves, hides, marks answered or takes one to the parking lot. Only
 * approved questions ever reach the projector, the phones or the exports; hidden ones never do, and
 * nothing that identifies a phone leaves the session file.
 */

/** As long as an open-text answer may be (MAX_OPEN_TEXT). */
export const MAX_QUESTION_TEXT = 280
/** Each phone may send this many questions per window (on top of the server's request limits). */
export const QUESTION_CAP = { count: 5, minutes: 10 }
/** A room never has more; past this the session refuses new questions rather than grow without end. */
export const MAX_QUESTIONS = 2_000

export type QuestionInput =
  { kind: 'ask'; deviceKey: string; text: string } | { kind: 'vote'; deviceKey: string; questionId: string }

/** Why a phone's question or vote was not taken; the phone page shows a sentence for each. */
export type QuestionRefusal = 'closed' | 'invalid' | 'too-many' | 'no-question'

export const QUESTION_ACTIONS = ['approve', 'hide', 'answered', 'parking'] as const
export type QuestionAction = (typeof QUESTION_ACTIONS)[number]

/** Stores a question or a vote from a phone; null when taken, else the refusal. Pure apart from `now` and ids. */
export function recordQuestion(session: Session, input: QuestionInput, now: Date): QuestionRefusal | null {
  if (session.status !== 'running') return 'closed'
  return input.kind === 'ask' ? ask(session, input, now) : vote(session, input)
}

function ask(session: Session, input: { deviceKey: string; text: string }, now: Date): QuestionRefusal | null {
  const text = input.text.replace(/\s+/g, ' ').trim()
  if (text.length < 1 || text.length > MAX_QUESTION_TEXT) return 'invalid'
  const since = now.getTime() - QUESTION_CAP.minutes * 60_000
  const recent = session.questions.filter((q) => q.deviceKey === input.deviceKey && Date.parse(q.at) > since)
  if (recent.length >= QUESTION_CAP.count || session.questions.length >= MAX_QUESTIONS) return 'too-many'
  session.questions.push({
    id: crypto.randomUUID(),
    text,
    deviceKey: input.deviceKey,
    at: now.toISOString(),
    status: 'new',
    votes: [],
    parked: false
  })
  return null
}

/** One vote per device, toggled: a second vote takes it back. Only approved, unanswered questions take votes. */
function vote(session: Session, input: { deviceKey: string; questionId: string }): QuestionRefusal | null {
  const question = session.questions.find((q) => q.id === input.questionId)
  if (!question || question.status !== 'approved') return 'no-question'
  if (question.votes.includes(input.deviceKey)) question.votes = question.votes.filter((k) => k !== input.deviceKey)
  else question.votes.push(input.deviceKey)
  return null
}

/**
 * The trainer's decision on one question; returns the reason it cannot apply, or null. Taking a question to
 * the parking lot copies its text there (never a hidden one's) and marks it answered, so it leaves the screen.
 */
export function moderateQuestion(
  session: Session,
  questionId: string,
  action: QuestionAction,
  now: Date
): MessageKey | null {
  const question = session.questions.find((q) => q.id === questionId)
  if (!question) return 'error.no-question-asked'
  if (action === 'approve') question.status = 'approved'
  else if (action === 'hide') question.status = 'hidden'
  else if (action === 'answered') question.status = 'answered'
  else {
    if (question.status === 'hidden') return 'error.question-hidden'
    if (!question.parked)
      session.parkingLot.push({ id: crypto.randomUUID(), text: question.text, at: now.toISOString() })
    question.parked = true
    question.status = 'answered'
  }
  return null
}

/** What the room may see of a question: its text and its number of votes. Never who sent or voted. */
export interface PublicQuestion {
  id: string
  text: string
  votes: number
}

/** Approved questions still waiting for an answer, most votes first (then the oldest first). */
export function openQuestions(session: Pick<Session, 'questions'>): PublicQuestion[] {
  return session.questions
    .filter((q) => q.status === 'approved')
    .map((q, index) => ({ q, index }))
    .sort((a, b) => b.q.votes.length - a.q.votes.length || a.index - b.index)
    .map(({ q }) => ({ id: q.id, text: q.text, votes: q.votes.length }))
}

export interface QuestionCounts {
  received: number
  new: number
  approved: number
  answered: number
  hidden: number
}

export function questionCounts(session: Pick<Session, 'questions'>): QuestionCounts {
  const counts: QuestionCounts = { received: session.questions.length, new: 0, approved: 0, answered: 0, hidden: 0 }
  for (const q of session.questions) counts[q.status]++
  return counts
}

/** Whether this device voted for the question (for its own phone page only). */
export function votedBy(question: Question, deviceKey: string): boolean {
  return question.votes.includes(deviceKey)
}
