import { describe, expect, it } from 'vitest'
import type { PollBlock } from '../../shared/workshops/schema'
import { wordsRankingFields } from './words-ranking-fields'

const ranking: PollBlock = {
  id: 'rank',
  kind: 'poll',
  title: { vi: 'Xếp hạng', en: 'Ranking' },
  minutes: 2,
  question: { vi: 'Ưu tiên? [@interpol-2023#7]', en: 'Priorities? [@interpol-2023#7]' },
  type: 'ranking',
  purpose: 'opinion',
  options: [
    { id: 'a', text: { vi: '<b>Một</b>', en: '<b>One</b>' } },
    { id: 'b', text: { vi: 'Hai', en: 'Two' } },
    { id: 'c', text: { vi: 'Ba', en: 'Three' } }
  ],
  ranking: { mode: 'order' }
}
const previous = (values: string[]) => ({ values: { rank: values }, at: '2026-12-03T08:00:00.000Z' })

describe('phone form of a word cloud and a ranking poll', () => {
  it('asks for a rank per option as a required select, the previous ranks chosen, every text escaped', () => {
    const html = wordsRankingFields(ranking, 'vi', previous(['c', 'a', 'b']))
    expect(html.match(/<select [^>]*name="rank:(a|b|c)"[^>]*required/g)).toHaveLength(3)
    expect(html).toMatch(/name="rank:c"[^>]*>.*?<option value="1" selected>/)
    expect(html).toMatch(/name="rank:a"[^>]*>.*?<option value="2" selected>/)
    expect(html).toContain('&lt;b&gt;Một&lt;/b&gt;')
    expect(html).not.toContain('<b>')
    expect(html).not.toContain('[@interpol')
  })

  it('asks for points per option with the total to spread, and the word cloud for one short entry', () => {
    const points = wordsRankingFields(
      { ...ranking, ranking: { mode: 'points', points: 10 } },
      'en',
      previous(['a:7', 'b:3', 'c:0'])
    )
    expect(points).toContain('Spread exactly 10 points')
    expect(points).toMatch(/name="rank:a" value="7"/)
    expect(points).toContain('data-t="10" data-l="Left: {n} points"')
    const words = wordsRankingFields(
      { ...ranking, type: 'words', options: undefined, ranking: undefined },
      'vi',
      previous(['"trò chuyện" <i>'])
    )
    expect(words).toMatch(/<input class="t" type="text" name="rank" maxlength="40"[^>]*required/)
    expect(words).toContain('value="&quot;trò chuyện&quot; &lt;i&gt;"')
  })
})
