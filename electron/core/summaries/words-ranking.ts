import type { Cell } from '../documents/model'
import { formatNumber } from '../../shared/documents/format'
import type { FormattedTable } from './format'
import { labeller } from './labels'
import type { PollSummary, SessionSummary } from './schema'

/**
 * A word cloud's and a ranking poll's tables in the summary: the words with their received and approved
 * counts, and each option's mean rank or points. Text and numbers only, never a device key.
 */
export function wordsTable(summary: SessionSummary, p: PollSummary): FormattedTable | null {
  if (p.type !== 'words' || !p.words || p.words.length === 0) return null
  const l = labeller(summary.language)
  return {
    columns: [l('poll.word'), l('poll.received'), l('poll.approved')],
    rows: p.words.map((w) => [w.text, w.received, w.approved]),
    numeric: [false, true, true]
  }
}

export function rankingTable(summary: SessionSummary, p: PollSummary): FormattedTable | null {
  if (p.type !== 'ranking' || !p.ranking) return null
  const l = labeller(summary.language)
  const number = (value: number | null): string => formatNumber(summary.language, value, 2)
  if (p.ranking.mode === 'order') {
    return {
      columns: [l('poll.option'), l('poll.meanRank')],
      rows: p.ranking.options.map((o) => [o.label, number(o.meanRank)]),
      numeric: [false, true]
    }
  }
  return {
    columns: [l('poll.option'), l('poll.meanPoints'), l('poll.totalPoints')],
    rows: p.ranking.options.map((o) => [o.label, number(o.meanPoints), o.totalPoints ?? l('value.none')]),
    numeric: [false, true, true]
  }
}

/** The word-cloud data table (CSV / Excel): one row per poll and word, counts as numbers. */
export function wordRows(summary: SessionSummary): Cell[][] {
  const l = labeller(summary.language)
  const polls = [...summary.polls, ...summary.feedback]
  return [
    [l('field.blockId'), l('poll.block'), l('poll.question'), l('poll.word'), l('poll.received'), l('poll.approved')],
    ...polls.flatMap((p) =>
      (p.words ?? []).map((w) => [p.blockId, p.title, p.question, w.text, w.received, w.approved])
    )
  ]
}

/** A ranking poll's rows in the polls data table: per option, the total points as the count and the mean. */
export function rankingPollRows(p: PollSummary, head: Cell[]): Cell[][] | null {
  if (!p.ranking) return null
  return p.ranking.options.map((o) => [...head, o.key, o.label, o.totalPoints, o.meanRank ?? o.meanPoints])
}
