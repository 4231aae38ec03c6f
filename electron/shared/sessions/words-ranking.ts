import type { PollBlock } from '../workshops/schema'
import type { PollRun } from './model'
import { answersByPerson, countSources, type Sources } from './participants'

/**
 * The word cloud and the ranking poll (issue 13): how an answer is checked and stored, and what the
 * results are. Both are pure, so the phones, the paper entry, the projector and the exports agree.
 *
 * Stored answers (`PhoneAnswer.values[blockId]`, `SheetAnswer.values[blockId]`):
 * - words: one normalised entry, e.g. `["an toàn trên mạng"]`;
 * - ranking, order mode: every option id in the order given, first = rank 1, e.g. `["talk", "settings", "report"]`;
 * - ranking, points mode: `optionId:points` for every option, the points adding up to the poll's total,
 *   e.g. `["talk:5", "settings:3", "report:2"]`.
 */

/** The longest word-cloud entry, in characters: a short phrase, not a sentence. */
export const MAX_WORD = 40

/**
 * One word-cloud entry as it is counted: Unicode NFC (a letter typed as base + combining mark equals the
 * precomposed one), trimmed, runs of spaces collapsed, lower case for the language. Never split on spaces
 * (a Vietnamese word is several syllables) and never stripped of diacritics ("ma" and "má" differ).
 * Null when empty or longer than MAX_WORD.
 */
export function normaliseWord(text: string, language: string): string | null {
  const word = text.normalize('NFC').replace(/\s+/gu, ' ').trim().toLocaleLowerCase(language)
  return word.length >= 1 && [...word].length <= MAX_WORD ? word : null
}

/** The form field a phone uses for one option of a ranking poll: `<block>:<option>` (a rank or a number of points). */
export function rankingField(blockId: string, optionId: string): string {
  return `${blockId}:${optionId}`
}

/**
 * A ranking answer checked against the poll, in the stored form (see above), or null. Order mode: every
 * option exactly once. Points mode: every option once with whole points ≥ 0 adding up to the total.
 */
export function cleanRanking(block: PollBlock, values: readonly string[]): string[] | null {
  const options = (block.options ?? []).map((o) => o.id)
  if (!block.ranking || options.length < 2) return null
  if (block.ranking.mode === 'order') {
    const order = [...values]
    const ok = order.length === options.length && new Set(order).size === order.length
    return ok && order.every((id) => options.includes(id)) ? order : null
  }
  const points = new Map<string, number>()
  for (const value of values) {
    const match = /^([a-z0-9-]+):(\d{1,3})$/.exec(value)
    if (!match || !options.includes(match[1]!) || points.has(match[1]!)) return null
    points.set(match[1]!, Number(match[2]))
  }
  const total = [...points.values()].reduce((s, n) => s + n, 0)
  if (total !== block.ranking.points) return null
  return options.map((id) => `${id}:${points.get(id) ?? 0}`)
}

/**
 * A phone's ranking form as the stored answer: order mode sends a rank (1…n) per option, points mode
 * a number per option; an empty points field is 0. Null when the ranks are not 1…n each once, or the
 * points do not add up.
 */
export function rankingFromForm(block: PollBlock, field: (name: string) => string | undefined): string[] | null {
  const options = (block.options ?? []).map((o) => o.id)
  if (!block.ranking) return null
  const raw = options.map((id) => (field(rankingField(block.id, id)) ?? '').trim())
  if (raw.some((v) => v !== '' && !/^\d{1,3}$/.test(v))) return null
  if (block.ranking.mode === 'order') {
    const ranks = raw.map(Number)
    const ok =
      ranks.every((r, i) => raw[i] !== '' && r >= 1 && r <= options.length) && new Set(ranks).size === ranks.length
    if (!ok) return null
    return cleanRanking(
      block,
      options.map((_, rank) => options[ranks.indexOf(rank + 1)]!)
    )
  }
  return cleanRanking(
    block,
    options.map((id, i) => `${id}:${raw[i] === '' ? 0 : Number(raw[i])}`)
  )
}

/** Points per option of a stored points answer (0 for options it leaves out). */
export function pointsOf(values: readonly string[] | undefined): Map<string, number> {
  const points = new Map<string, number>()
  for (const value of values ?? []) {
    const at = value.lastIndexOf(':')
    if (at > 0) points.set(value.slice(0, at), Number(value.slice(at + 1)) || 0)
  }
  return points
}

export interface WordCount {
  /** The normalised entry, as plain text (every view escapes it). */
  text: string
  /** Entries received with this text. */
  received: number
  /** Of those, entries the trainer approved for the projector. */
  approved: number
  /** The device keys that sent it, for moderation in the app only (never in the room or an export). */
  deviceKeys: string[]
}

export interface WordResults {
  /** Phones that sent an entry. */
  respondents: number
  /** Distinct entries, most received first, then alphabetically. */
  words: WordCount[]
}

/** The word cloud's counts: entries by normalised text, received and approved. */
export function wordResults(block: PollBlock, run: PollRun | undefined): WordResults {
  if (!run || block.type !== 'words') return { respondents: 0, words: [] }
  const approved = new Set(run.approved)
  const byText = new Map<string, WordCount>()
  for (const [deviceKey, answer] of Object.entries(run.answers)) {
    const text = answer.values[block.id]?.[0]
    if (!text) continue
    const entry = byText.get(text) ?? { text, received: 0, approved: 0, deviceKeys: [] }
    entry.received += 1
    if (approved.has(deviceKey)) entry.approved += 1
    entry.deviceKeys.push(deviceKey)
    byText.set(text, entry)
  }
  const words = [...byText.values()].sort((a, b) => b.received - a.received || a.text.localeCompare(b.text))
  return { respondents: Object.keys(run.answers).length, words }
}

/** The approved words only, with their approved counts, most first: what the room may see. */
export function approvedWords(results: WordResults): { text: string; count: number }[] {
  return results.words
    .filter((w) => w.approved > 0)
    .map((w) => ({ text: w.text, count: w.approved }))
    .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text))
}

export interface RankingOptionResult {
  optionId: string
  /** Order mode: the mean rank (1 = first); null without answers. */
  meanRank: number | null
  /** Points mode: the mean points per respondent, and the total; null without answers. */
  meanPoints: number | null
  totalPoints: number | null
}

export interface RankingResults {
  mode: 'order' | 'points'
  points: number | null
  respondents: number
  /** Options best first: lowest mean rank, or most points. */
  options: RankingOptionResult[]
  sources: Sources
}

/**
 * Means per option from phones, paper sheets and hands. Order mode by hand: the tally `block/option/rank`
 * counts people who put the option in that place. Points mode by hand: the tally `block/option` is the
 * dots counted on the option; the people are the trainer's head count, or else the dots ÷ points each.
 */
export function rankingResults(block: PollBlock, run: PollRun | undefined): RankingResults {
  const mode = block.ranking?.mode ?? 'order'
  const total = block.ranking?.mode === 'points' ? block.ranking.points : null
  const options = (block.options ?? []).map((o) => o.id)
  const { persons } = answersByPerson(run)
  const answered = persons.filter((p) => cleanRanking(block, p.values[block.id] ?? []) !== null)
  const tally = (key: string): number => run?.tally[`${block.id}/${key}`] ?? 0
  let hands: number
  let results: RankingOptionResult[]
  if (mode === 'order') {
    const ranks = options.map((_, k) => k + 1)
    hands = Math.max(0, ...ranks.map((k) => options.reduce((s, id) => s + tally(`${id}/${k}`), 0)))
    results = options.map((id) => {
      const fromPersons = answered.reduce((s, p) => s + p.values[block.id]!.indexOf(id) + 1, 0)
      const handCount = ranks.reduce((s, k) => s + tally(`${id}/${k}`), 0)
      const fromHands = ranks.reduce((s, k) => s + k * tally(`${id}/${k}`), 0)
      const n = answered.length + handCount
      return {
        optionId: id,
        meanRank: n > 0 ? (fromPersons + fromHands) / n : null,
        meanPoints: null,
        totalPoints: null
      }
    })
    results.sort((a, b) => (a.meanRank ?? Infinity) - (b.meanRank ?? Infinity))
  } else {
    const dots = options.reduce((s, id) => s + tally(id), 0)
    const headCount = run?.tallyRespondents ?? 0
    hands = headCount > 0 ? headCount : dots > 0 ? Math.round(dots / (total ?? 1)) : 0
    const n = answered.length + hands
    results = options.map((id) => {
      const sum = answered.reduce((s, p) => s + (pointsOf(p.values[block.id]).get(id) ?? 0), 0) + tally(id)
      return { optionId: id, meanRank: null, meanPoints: n > 0 ? sum / n : null, totalPoints: n > 0 ? sum : null }
    })
    results.sort((a, b) => (b.totalPoints ?? -1) - (a.totalPoints ?? -1))
  }
  return {
    mode,
    points: total,
    respondents: answered.length + hands,
    options: results,
    sources: countSources(answered, hands)
  }
}
