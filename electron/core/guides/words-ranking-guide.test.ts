import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { folderReader, loadWorkshop, type LoadedWorkshop } from '../workshops/loader'
import { facilitatorGuideHtml } from './facilitator-guide'
import { GUIDE_LABELS } from './labels'
import { escapeHtml } from './printable-html'

async function bundled(id: string): Promise<LoadedWorkshop> {
  const result = await loadWorkshop(folderReader(resolve(__dirname, '../../../workshops', id)))
  if (!result.ok) throw new Error(`${id} does not load`)
  return result.workshop
}

describe('the facilitator guide of a word cloud and a ranking poll', () => {
  it.each(['vi', 'en'] as const)(
    'prints the dots table of the ranking and the review rule of the word cloud (%s)',
    async (language) => {
      const L = GUIDE_LABELS[language]
      const briefing = facilitatorGuideHtml(await bundled('conference-briefing'), language)
      expect(briefing).toContain(escapeHtml(L.pollTypes.ranking))
      expect(briefing).toContain(escapeHtml(L.pollRankingPoints(10)))
      const table = briefing.slice(briefing.indexOf(escapeHtml(L.pollRankingPoints(10))))
      expect(table).toContain(`<th>${escapeHtml(L.pollDots)}</th>`)
      expect(table.slice(0, table.indexOf('</table>')).match(/<td class="count"><\/td>/g)).toHaveLength(5)

      const parents = facilitatorGuideHtml(await bundled('parents-teachers-online-safety'), language)
      expect(parents).toContain(escapeHtml(L.pollTypes.words))
      expect(parents).toContain(escapeHtml(L.pollWordsHint))
    }
  )
})
