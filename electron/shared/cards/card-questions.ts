import { quizQuestions } from '../sessions/commands'
import type { Session } from '../sessions/model'
import type { Block } from '../workshops/schema'

/** The four sides of an answer card, in the order of a question's options: A is the first option. */
export const CARD_ANSWERS = ['A', 'B', 'C', 'D'] as const
export type CardAnswer = (typeof CARD_ANSWERS)[number]

/** A question cards can answer: one answer from 2 to 4 options, each option standing for a letter. */
export interface CardQuestion {
  questionId: string
  /** Option ids in order: A is the first option, B the second… */
  optionIds: string[]
}

/**
 * The questions of a poll or quiz that cards can answer: single-answer questions with 2–4 options
 * (a poll uses its block id as question id). Multiple-answer, rating and open questions have none.
 */
export function cardQuestions(block: Block, session: Session): CardQuestion[] {
  const fits = (options: { id: string }[]): boolean => options.length >= 2 && options.length <= CARD_ANSWERS.length
  if (block.kind === 'poll') {
    return block.type === 'single' && block.options && fits(block.options)
      ? [{ questionId: block.id, optionIds: block.options.map((o) => o.id) }]
      : []
  }
  if (block.kind !== 'quiz') return []
  return quizQuestions(block, session)
    .filter((q) => !q.multiple && fits(q.options))
    .map((q) => ({ questionId: q.id, optionIds: q.options.map((o) => o.id) }))
}

/** The option a card's letter stands for, or null when the question has fewer options than that letter. */
export function optionOfAnswer(question: CardQuestion, answer: CardAnswer): string | null {
  return question.optionIds[CARD_ANSWERS.indexOf(answer)] ?? null
}
