import type { PollRun, SheetSource } from './model'

/**
 * One participant per session, whatever they answer with (README.md, "Running a session", step 4).
 * A sign-in number (the line on the printed sheet) is the anonymous key that makes a phone answer and a
 * paper sheet or webcam card the same person; a phone that gave no number is a person of its own.
 */

const NUMBER_PATTERN = /^[a-z0-9-]{1,12}$/

/**
 * The sign-in number as a key: trimmed, lower case, and "07" read as "7" (people copy the line
 * number with or without the zero). Null when it is not 1–12 letters, digits or hyphens.
 */
export function normalizeParticipantNumber(text: string): string | null {
  const trimmed = text.trim().toLowerCase()
  if (!NUMBER_PATTERN.test(trimmed)) return null
  return /^\d+$/.test(trimmed) ? String(Number.parseInt(trimmed, 10)) : trimmed
}

export type AnswerSource = 'phone' | SheetSource

/** One person's answer to one poll or quiz, after phone and sheet answers of the same number were merged. */
export interface PersonAnswer {
  /** The normalised sign-in number, or null for a phone that gave none. */
  participantNumber: string | null
  values: Record<string, string[]>
  source: AnswerSource
  /** The phone's device key, for phone answers: kept in the app (it tells one phone's answers apart), never exported. */
  deviceKey?: string
}

/** A sign-in number answered both by phone and on a sheet, with different answers: the sheet row counts. */
export interface AnswerConflict {
  participantNumber: string
  phone: Record<string, string[]>
  sheet: Record<string, string[]>
  sheetSource: SheetSource
}

/**
 * Every person who answered this poll or quiz, once: sheet rows by number; phone answers that gave a number
 * join the sheet row of that number (the sheet wins: the trainer typed or read it from the person's own
 * sheet or card, while a number typed on a phone may be a slip); several phones with one number are one
 * person (the latest answer counts); a phone without a number is one person.
 */
export function answersByPerson(run: PollRun | undefined): { persons: PersonAnswer[]; conflicts: AnswerConflict[] } {
  if (!run) return { persons: [], conflicts: [] }
  const byNumber = new Map<string, PersonAnswer & { at: string }>()
  const withoutNumber: PersonAnswer[] = []
  // ISO times in one format sort as plain strings; localeCompare was most of a projector update with a hall's answers.
  const phones = Object.entries(run.answers).sort(([, a], [, b]) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
  for (const [deviceKey, answer] of phones) {
    const number = answer.participantNumber ? normalizeParticipantNumber(answer.participantNumber) : null
    const person = {
      participantNumber: number,
      values: answer.values,
      source: 'phone' as const,
      at: answer.at,
      deviceKey
    }
    if (number === null) withoutNumber.push(person)
    else byNumber.set(number, person) // in time order: the latest phone of a number stays
  }
  const conflicts: AnswerConflict[] = []
  for (const [number, sheet] of Object.entries(run.sheets)) {
    const phone = byNumber.get(number)
    if (phone && !sameValues(phone.values, sheet.values)) {
      conflicts.push({ participantNumber: number, phone: phone.values, sheet: sheet.values, sheetSource: sheet.source })
    }
    byNumber.set(number, { participantNumber: number, values: sheet.values, source: sheet.source, at: sheet.at })
  }
  const numbered = [...byNumber.values()].map(({ at: _at, ...person }) => person)
  return { persons: [...numbered, ...withoutNumber], conflicts }
}

/** How many respondents each way of collecting gave: persons by source, and people counted by hands. */
export interface Sources {
  phones: number
  paper: number
  cards: number
  /** People who raised hands; null when hands were counted but the number of people is unknown. */
  hands: number | null
}

export function countSources(persons: PersonAnswer[], hands: number | null): Sources {
  const count = (source: AnswerSource): number => persons.filter((p) => p.source === source).length
  return { phones: count('phone'), paper: count('paper'), cards: count('card'), hands }
}

function sameValues(a: Record<string, string[]>, b: Record<string, string[]>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  const sorted = (values: string[] | undefined): string => [...(values ?? [])].sort().join('\n')
  return [...keys].every((key) => sorted(a[key]) === sorted(b[key]))
}
