import type { Bilingual } from '../i18n/language'
import { stripCitations } from '../workshops/citations'
import type { PollBlock } from '../workshops/schema'
import type { PollRun } from './model'
import { approvedWords, rankingResults, wordResults } from './words-ranking'

/**
 * What the room sees of a word cloud or a ranking poll: approved words only (never one the trainer has not
 * approved, never a device key), and each option's mean, best first. Nothing while results are hidden.
 */
export function wordsAndRankingView(
  block: PollBlock,
  run: PollRun | undefined,
  showResults: boolean,
  pick: (text: Bilingual) => string
): {
  words?: { text: string; count: number }[] | null
  ranking?: { mode: 'order' | 'points'; options: { label: string; value: number | null }[] } | null
} {
  if (block.type === 'words') return { words: showResults ? approvedWords(wordResults(block, run)) : null }
  if (block.type !== 'ranking') return {}
  if (!showResults || !run) return { ranking: null }
  const results = rankingResults(block, run)
  const label = (id: string): string => {
    const option = block.options?.find((o) => o.id === id)
    return option ? stripCitations(pick(option.text)) : id
  }
  return {
    ranking: {
      mode: results.mode,
      options: results.options.map((o) => ({
        label: label(o.optionId),
        value: results.mode === 'order' ? o.meanRank : o.meanPoints
      }))
    }
  }
}
