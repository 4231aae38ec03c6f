import type { Block } from '../workshops/schema'
import { overChoiceLimit } from './choice-limit'
import { quizQuestions } from './commands'
import type { Session } from './model'
import { normaliseWord, rankingFromForm } from './words-ranking'

/** Why a participant's answer was not taken; the participant page shows a sentence for each. */
export type AnswerRefusal = 'no-open-question' | 'closed' | 'invalid' | 'too-many' | 'bad-ranking'

export const MAX_OPEN_TEXT = 280
export const PARTICIPANT_NUMBER = /^[A-Za-z0-9-]{1,12}$/

export interface AnswerInput {
  blockId: string
  deviceKey: string
  /** Form fields as the participant page sends them: question id → chosen values. */
  values: Record<string, string[]>
  participantNumber?: string
}

/** The question participants can answer right now: the current block, if it is an open phone poll or quiz. */
export function openQuestion(session: Session): Block | null {
  const block = session.snapshot.manifest.blocks[session.position.block]
  if (!block || (block.kind !== 'poll' && block.kind !== 'quiz')) return null
  const run = session.polls[block.id]
  return run?.status === 'open' && run.mode === 'phones' && session.status === 'running' ? block : null
}

/**
 * Checks an answer against the question and stores it: one answer per device per question, replaced
 * if the participant changes their mind while the poll is open. Returns a refusal for anything else.
 */
export function recordAnswer(session: Session, input: AnswerInput, now: Date): AnswerRefusal | null {
  const run = session.polls[input.blockId]
  const block = session.snapshot.manifest.blocks.find((b) => b.id === input.blockId)
  if (!block || !run || run.mode !== 'phones') return 'no-open-question'
  if (run.status !== 'open' || openQuestion(session)?.id !== block.id) return 'closed'
  const values = cleanValues(block, session, input.values)
  if (!values) return block.kind === 'poll' && block.type === 'ranking' ? 'bad-ranking' : 'invalid'
  if (overChoiceLimit(block, values[block.id])) return 'too-many'
  let participantNumber: string | undefined
  if (input.participantNumber !== undefined && input.participantNumber.trim() !== '') {
    participantNumber = input.participantNumber.trim()
    if (!PARTICIPANT_NUMBER.test(participantNumber)) return 'invalid'
  }
  run.answers[input.deviceKey] = { values, ...(participantNumber ? { participantNumber } : {}), at: now.toISOString() }
  // A changed open-text answer needs reviewing again before it goes on the projector.
  if (block.kind === 'poll' && (block.type === 'open' || block.type === 'words'))
    run.approved = run.approved.filter((k) => k !== input.deviceKey)
  return null
}

function cleanValues(block: Block, session: Session, raw: Record<string, string[]>): Record<string, string[]> | null {
  const pick = (key: string): string[] =>
    Array.isArray(raw[key]) ? raw[key]!.filter((v) => typeof v === 'string') : []
  if (block.kind === 'poll') {
    const chosen = pick(block.id)
    if (block.type === 'open') {
      const text = (chosen[0] ?? '').replace(/\s+/g, ' ').trim()
      return text.length >= 1 && text.length <= MAX_OPEN_TEXT ? { [block.id]: [text] } : null
    }
    if (block.type === 'words') {
      const word = chosen.length === 1 ? normaliseWord(chosen[0]!, session.details.language) : null
      return word === null ? null : { [block.id]: [word] }
    }
    if (block.type === 'ranking') {
      const ranking = rankingFromForm(block, (name) => (pick(name).length === 1 ? pick(name)[0] : undefined))
      return ranking === null ? null : { [block.id]: ranking }
    }
    if (block.type === 'rating' && block.scale) {
      const n = Number(chosen[0])
      return chosen.length === 1 && Number.isInteger(n) && n >= block.scale.min && n <= block.scale.max
        ? { [block.id]: [String(n)] }
        : null
    }
    const options = new Set(block.options?.map((o) => o.id))
    const unique = [...new Set(chosen)]
    if (unique.length === 0 || unique.some((v) => !options.has(v))) return null
    if (block.type === 'single' && unique.length !== 1) return null
    return { [block.id]: unique }
  }
  if (block.kind === 'quiz') {
    const out: Record<string, string[]> = {}
    for (const question of quizQuestions(block, session)) {
      const options = new Set(question.options.map((o) => o.id))
      const unique = [...new Set(pick(question.id))]
      if (unique.some((v) => !options.has(v))) return null
      if (!question.multiple && unique.length > 1) return null
      if (unique.length > 0) out[question.id] = unique
    }
    return Object.keys(out).length > 0 ? out : null
  }
  return null
}
