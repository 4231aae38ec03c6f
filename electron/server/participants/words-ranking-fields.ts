import type { Bilingual, Language } from '../../shared/i18n/language'
import type { PhoneAnswer } from '../../shared/sessions/model'
import { MAX_WORD, pointsOf, rankingField } from '../../shared/sessions/words-ranking'
import type { PollBlock } from '../../shared/workshops/schema'
import { escapeHtml } from '../../shared/security/escape-html'
import { stripCitations } from '../../shared/workshops/citations'
import { message, type ParticipantMessageKey } from './messages'
import { ALL_LANGUAGES, textIn } from '../../shared/i18n/text-in'

/**
 * The phone form of a word cloud (one short entry) and of a ranking poll (a rank select or a points box per
 * option). Plain HTML that works without JavaScript; the server checks every answer (`recordAnswer`). With
 * JavaScript, `/p.js` shows the points left (the `#r` line).
 */
export function wordsRankingFields(
  block: PollBlock,
  language: Language,
  previous: Pick<PhoneAnswer, 'values'> | undefined,
  languages: readonly Language[] = ALL_LANGUAGES
): string {
  const t = (key: ParticipantMessageKey, params?: Record<string, string | number>): string =>
    escapeHtml(message(language, key, params))
  const pick = (text: Bilingual): string => escapeHtml(stripCitations(textIn(text, language, languages)))
  const legend = `<legend>${pick(block.question)}</legend>`
  const before = previous?.values[block.id] ?? []
  if (block.type === 'words') {
    return (
      `<fieldset>${legend}<input class="t" type="text" name="${escapeHtml(block.id)}" maxlength="${MAX_WORD}" ` +
      `autocomplete="off" required value="${escapeHtml(before[0] ?? '')}"><small>${t('question.wordHint')}</small></fieldset>`
    )
  }
  const options = block.options ?? []
  if (block.ranking?.mode === 'points') {
    const total = block.ranking.points
    const points = pointsOf(before)
    const rows = options
      .map((o) => {
        const value = points.has(o.id) ? String(points.get(o.id)) : ''
        return (
          `<label class="k">${pick(o.text)}<input class="t" type="number" data-p="1" inputmode="numeric" min="0" ` +
          `max="${total}" name="${escapeHtml(rankingField(block.id, o.id))}" value="${value}"></label>`
        )
      })
      .join('')
    const left = escapeHtml(message(language, 'question.pointsLeft', { n: '{n}' }))
    return (
      `<fieldset>${legend}<small>${t('question.rankPoints', { points: total })}</small>${rows}` +
      `<p id="r" class="n" data-t="${total}" data-l="${left}" role="status"></p></fieldset>`
    )
  }
  const places = options.map((_, k) => k + 1)
  const rows = options
    .map((o) => {
      const rank = before.indexOf(o.id) + 1
      const choices = places.map((k) => `<option value="${k}"${k === rank ? ' selected' : ''}>${k}</option>`).join('')
      return (
        `<label class="k">${pick(o.text)}<select class="t" name="${escapeHtml(rankingField(block.id, o.id))}" ` +
        `required aria-label="${t('question.rank')}"><option value="">–</option>${choices}</select></label>`
      )
    })
    .join('')
  return `<fieldset>${legend}<small>${t('question.rankOrder')}</small>${rows}</fieldset>`
}
