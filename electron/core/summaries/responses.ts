import { overChoiceLimit } from '../../shared/sessions/choice-limit'
import { quizQuestions } from '../../shared/sessions/commands'
import type { Session } from '../../shared/sessions/model'
import { answersByPerson, normalizeParticipantNumber, type PersonAnswer } from '../../shared/sessions/participants'
import { isCorrect } from '../../shared/sessions/results'
import { cleanRanking } from '../../shared/sessions/words-ranking'
import type { Block, PollBlock } from '../../shared/workshops/schema'
import type { ResponseRow } from './schema'

/**
 * Individual anonymised responses (issue 14, item 8), in long format: one row per respondent per question.
 *
 * A respondent is a per-session code R001, R002, … in the order of each person's first answer, the same
 * code in every poll and test of the session: a sign-in number is one person whether it came by phone,
 * paper sheet or card (answersByPerson), and a phone without a number is the person who once gave a number
 * on it (when it gave exactly one), else a person of its own. Sign-in numbers and device keys are used
 * only to tell people apart here; neither is in a row. Show-of-hands counts have no persons and are not
 * rows; open-text and word-cloud answers are rows only when the trainer approved them.
 */

interface Entry {
  /** Who answered, inside this function only: `n:<number>` or `d:<device key>`. */
  person: string
  at: string
  row: Omit<ResponseRow, 'respondent'>
}

export function responseRows(session: Session): ResponseRow[] {
  const numberOf = deviceNumbers(session)
  const personOf = (number: string | null, deviceKey: string | undefined): string => {
    const known = number ?? (deviceKey ? numberOf.get(deviceKey) : undefined)
    return known ? `n:${known}` : `d:${deviceKey ?? ''}`
  }
  const entries: Entry[] = []
  for (const block of session.snapshot.manifest.blocks) {
    const run = session.polls[block.id]
    if (!run) continue
    // One row per person and question: a phone whose person already answered this block (two phones with
    // one number in an open question, or a phone without the number beside that number's sheet) is a
    // person of its own here, as the counts take it.
    const used = new Set<string>()
    const keyFor = (number: string | null, deviceKey: string | undefined): string => {
      const key = personOf(number, deviceKey)
      const own = used.has(key) && deviceKey ? `d:${deviceKey}` : key
      used.add(own)
      return own
    }
    if (block.kind === 'poll' && (block.type === 'open' || block.type === 'words')) {
      const approved = new Set(run.approved)
      const phones = Object.entries(run.answers).sort(
        ([, a], [, b]) => Number(!a.participantNumber) - Number(!b.participantNumber) || (a.at < b.at ? -1 : 1)
      )
      for (const [deviceKey, answer] of phones) {
        const text = answer.values[block.id]?.[0]
        if (!text || !approved.has(deviceKey)) continue
        const number = answer.participantNumber ? normalizeParticipantNumber(answer.participantNumber) : null
        const row = { blockId: block.id, questionId: block.id, source: 'phone' as const, answer: text }
        entries.push({ person: keyFor(number, deviceKey), at: answer.at, row })
      }
      continue
    }
    const times = answerTimes(session, block.id)
    for (const person of answersByPerson(run).persons) {
      const key = keyFor(person.participantNumber, person.deviceKey)
      const at = (person.deviceKey ? times.get(person.deviceKey) : undefined) ?? sheetTime(session, block.id, person)
      for (const row of personRows(block, session, person)) entries.push({ person: key, at, row })
    }
  }
  return withCodes(entries)
}

/** R001, R002, … by each person's first answer (then by their first row), the same code on all their rows. */
function withCodes(entries: Entry[]): ResponseRow[] {
  const first = new Map<string, { at: string; index: number }>()
  entries.forEach((entry, index) => {
    const seen = first.get(entry.person)
    if (!seen || entry.at < seen.at) first.set(entry.person, { at: entry.at, index: seen?.index ?? index })
  })
  const order = [...first].sort(([, a], [, b]) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.index - b.index))
  const width = Math.max(3, String(order.length).length)
  const codes = new Map(order.map(([person], i) => [person, `R${String(i + 1).padStart(width, '0')}`]))
  // In agenda order, then question order, then by code: entries come per block, and per person in question order.
  const rows = entries.map(({ person, row }, index) => ({ index, row: { respondent: codes.get(person)!, ...row } }))
  const questionIndex = new Map<string, number>()
  for (const { row } of rows) {
    const key = `${row.blockId}\n${row.questionId}`
    if (!questionIndex.has(key)) questionIndex.set(key, questionIndex.size)
  }
  const place = (row: ResponseRow): number => questionIndex.get(`${row.blockId}\n${row.questionId}`)!
  rows.sort((a, b) => place(a.row) - place(b.row) || compare(a.row.respondent, b.row.respondent) || a.index - b.index)
  return rows.map(({ row }) => row)
}

function compare(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)
}

/** A person's rows for one poll or test: none for an answer the counts leave out either. */
function personRows(block: Block, session: Session, person: PersonAnswer): Omit<ResponseRow, 'respondent'>[] {
  const source = person.source
  if (block.kind === 'quiz') {
    return quizQuestions(block, session).map((q) => {
      const chosen = person.values[q.id] ?? []
      const inOrder = q.options.map((o) => o.id).filter((id) => chosen.includes(id))
      return {
        blockId: block.id,
        questionId: q.id,
        source,
        answer: inOrder.length > 0 ? inOrder.join('|') : null,
        correct: isCorrect(q, chosen) ? 1 : 0
      }
    })
  }
  if (block.kind !== 'poll') return []
  const answer = pollAnswer(block, person.values[block.id])
  return answer === null ? [] : [{ blockId: block.id, questionId: block.id, source, answer }]
}

/** A poll answer as one cell: options in option order joined by `|`, a rating's number, a ranking's `option:rank|…`. */
function pollAnswer(block: PollBlock, values: string[] | undefined): string | number | null {
  if (!values || values.length === 0) return null
  if (block.type === 'ranking') {
    const clean = cleanRanking(block, values)
    if (!clean) return null
    if (block.ranking?.mode === 'points') return clean.join('|')
    const options = (block.options ?? []).map((o) => o.id)
    return options.map((id) => `${id}:${clean.indexOf(id) + 1}`).join('|')
  }
  if (overChoiceLimit(block, values)) return null
  if (block.type === 'rating') {
    const value = Number(values[0])
    return Number.isFinite(value) ? value : null
  }
  const chosen = (block.options ?? []).map((o) => o.id).filter((id) => values.includes(id))
  return chosen.length > 0 ? chosen.join('|') : null
}

/** The number each phone gave, when it gave exactly one in the session (a shared phone gives several). */
function deviceNumbers(session: Session): Map<string, string> {
  const numbers = new Map<string, Set<string>>()
  for (const run of Object.values(session.polls)) {
    for (const [deviceKey, answer] of Object.entries(run.answers)) {
      const number = answer.participantNumber ? normalizeParticipantNumber(answer.participantNumber) : null
      if (number === null) continue
      numbers.set(deviceKey, (numbers.get(deviceKey) ?? new Set()).add(number))
    }
  }
  return new Map([...numbers].filter(([, set]) => set.size === 1).map(([key, set]) => [key, [...set][0]!]))
}

function answerTimes(session: Session, blockId: string): Map<string, string> {
  return new Map(Object.entries(session.polls[blockId]?.answers ?? {}).map(([key, a]) => [key, a.at]))
}

function sheetTime(session: Session, blockId: string, person: PersonAnswer): string {
  const number = person.participantNumber
  const sheet = number === null ? undefined : session.polls[blockId]?.sheets[number]
  return sheet?.at ?? ''
}
