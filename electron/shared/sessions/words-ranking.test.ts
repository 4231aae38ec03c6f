import { beforeAll, describe, expect, it } from 'vitest'
import { bundledSnapshotWith, WORD_CLOUD_POLL } from '../../testing/bundled-snapshot'
import { createSession } from '../../core/sessions/create-session'
import { cardQuestions } from '../cards/card-questions'
import { PollBlockSchema, type Block, type PollBlock } from '../workshops/schema'
import { recordAnswer } from './answers'
import { audienceView } from './audience'
import { applyCommand, CommandError, type SessionCommand } from './commands'
import { SessionSchema, type Session, type WorkshopSnapshot } from './model'
import { pollResults } from './results'
import { normaliseWord, rankingField, rankingResults, wordResults } from './words-ranking'

/** Three new polls spliced into the bundled briefing: a word cloud, a ranking by order and one by points. */
const WORDS = WORD_CLOUD_POLL
const options = [
  { id: 'talk', text: { vi: 'Trò chuyện', en: 'Talk' } },
  { id: 'settings', text: { vi: 'Cài đặt', en: 'Settings' } },
  { id: 'report', text: { vi: 'Báo cáo', en: 'Report' } }
]
const ORDER: PollBlock = {
  id: 'rank-order',
  kind: 'poll',
  title: { vi: 'Xếp hạng', en: 'Ranking' },
  minutes: 3,
  question: { vi: 'Ưu tiên?', en: 'Priorities?' },
  type: 'ranking',
  purpose: 'opinion',
  options,
  ranking: { mode: 'order' }
}
const POINTS: PollBlock = { ...ORDER, id: 'rank-points', ranking: { mode: 'points', points: 10 } }

let snapshot: WorkshopSnapshot
let clock = Date.parse('2026-12-03T08:00:00Z')

beforeAll(async () => {
  snapshot = await bundledSnapshotWith([WORDS, ORDER, POINTS])
})

function newSession(language: 'vi' | 'en' = 'vi'): Session {
  return createSession({
    id: 'words-ranking-1',
    now: new Date(clock),
    snapshot,
    details: { venue: 'Hội trường', date: '2026-12-03', trainer: 'Lan', language, plannedStart: '08:00' }
  })
}
const run = (session: Session, command: SessionCommand): void => {
  clock += 1000
  applyCommand(session, command, new Date(clock))
}
function openOnPhones(session: Session, block: Block): void {
  run(session, { type: 'status', status: 'running' })
  run(session, { type: 'goto', block: session.snapshot.manifest.blocks.indexOf(block), slide: 0 })
  run(session, { type: 'pollOpen', blockId: block.id, mode: 'phones' })
}
const answer = (session: Session, blockId: string, deviceKey: string, values: Record<string, string[]>): unknown =>
  recordAnswer(session, { blockId, deviceKey, values }, new Date((clock += 1000)))
const rankForm = (blockId: string, ranks: Record<string, string>): Record<string, string[]> =>
  Object.fromEntries(Object.entries(ranks).map(([id, rank]) => [rankingField(blockId, id), [rank]]))

describe('word cloud', () => {
  it('normalises case and spacing but keeps diacritics and multi-syllable entries whole', () => {
    expect(normaliseWord('  An   TOÀN  trên mạng ', 'vi')).toBe('an toàn trên mạng')
    expect(normaliseWord('ma', 'vi')).not.toBe(normaliseWord('má', 'vi'))
    expect(normaliseWord('Má', 'vi')).toBe('má')
    // A combining accent typed separately is the same word as the precomposed letter.
    expect(normaliseWord('ma\u0301', 'vi')).toBe(normaliseWord('má', 'vi'))
    expect(normaliseWord('   ', 'vi')).toBeNull()
    expect(normaliseWord('x'.repeat(41), 'vi')).toBeNull()
  })

  it('counts normalised entries and shows the room only approved words, per entry or per word', () => {
    const session = newSession()
    openOnPhones(session, WORDS)
    expect(answer(session, 'one-word', 'd1', { 'one-word': ['Trò  chuyện'] })).toBeNull()
    expect(answer(session, 'one-word', 'd2', { 'one-word': ['trò chuyện '] })).toBeNull()
    expect(answer(session, 'one-word', 'd3', { 'one-word': ['má'] })).toBeNull()
    expect(answer(session, 'one-word', 'd4', { 'one-word': ['ma'] })).toBeNull()
    expect(answer(session, 'one-word', 'd5', { 'one-word': ['<b>tin</b>'] })).toBeNull()
    expect(answer(session, 'one-word', 'd6', { 'one-word': ['a', 'b'] })).toBe('invalid')
    expect(answer(session, 'one-word', 'd6', { 'one-word': [''] })).toBe('invalid')

    const words = wordResults(WORDS, session.polls['one-word'])
    expect(words.respondents).toBe(5)
    expect(words.words.map((w) => [w.text, w.received, w.approved])).toEqual([
      ['trò chuyện', 2, 0],
      ['<b>tin</b>', 1, 0],
      ['ma', 1, 0],
      ['má', 1, 0]
    ])
    const roomWords = (): unknown => {
      const view = audienceView(session, null)
      return view.kind === 'poll' ? view.words : 'not a poll'
    }
    expect(roomWords()).toEqual([])

    run(session, { type: 'moderate', blockId: 'one-word', deviceKey: 'd3', approved: true })
    expect(roomWords()).toEqual([{ text: 'má', count: 1 }])
    run(session, { type: 'moderateWord', blockId: 'one-word', word: 'trò chuyện', approved: true })
    expect(roomWords()).toEqual([
      { text: 'trò chuyện', count: 2 },
      { text: 'má', count: 1 }
    ])
    // A changed entry goes back to review.
    expect(answer(session, 'one-word', 'd1', { 'one-word': ['lắng nghe'] })).toBeNull()
    expect(roomWords()).toEqual([
      { text: 'má', count: 1 },
      { text: 'trò chuyện', count: 1 }
    ])
    run(session, { type: 'moderateWord', blockId: 'one-word', word: 'trò chuyện', approved: false })
    expect(roomWords()).toEqual([{ text: 'má', count: 1 }])
    expect(() => run(session, { type: 'moderateWord', blockId: 'one-word', word: 'none', approved: true })).toThrow(
      CommandError
    )
    // Hidden results: nothing at all.
    run(session, { type: 'pollHideResults', blockId: 'one-word', hidden: true })
    expect(roomWords()).toBeNull()
    expect(SessionSchema.safeParse(session).success).toBe(true)
  })

  it('cannot be typed from paper sheets, and neither kind can be answered with cards', () => {
    const session = newSession()
    expect(() =>
      run(session, {
        type: 'sheetAnswer',
        blockId: 'one-word',
        participantNumber: '3',
        source: 'paper',
        values: { 'one-word': ['a'] }
      })
    ).toThrow(CommandError)
    for (const block of [WORDS, ORDER, POINTS]) expect(cardQuestions(block, session)).toEqual([])
  })
})

describe('ranking poll', () => {
  it('takes ranks only as a permutation and points only when they add up, and says which was wrong', () => {
    const session = newSession()
    openOnPhones(session, ORDER)
    expect(answer(session, 'rank-order', 'd1', rankForm('rank-order', { talk: '1', settings: '1', report: '3' }))).toBe(
      'bad-ranking'
    )
    expect(answer(session, 'rank-order', 'd1', rankForm('rank-order', { talk: '1', settings: '2' }))).toBe(
      'bad-ranking'
    )
    expect(answer(session, 'rank-order', 'd1', rankForm('rank-order', { talk: '1', settings: '4', report: '2' }))).toBe(
      'bad-ranking'
    )
    expect(answer(session, 'rank-order', 'd1', rankForm('rank-order', { talk: '2', settings: '3', report: '1' }))).toBe(
      null
    )
    expect(session.polls['rank-order']!.answers['d1']!.values['rank-order']).toEqual(['report', 'talk', 'settings'])

    run(session, { type: 'goto', block: 2, slide: 0 })
    run(session, { type: 'pollOpen', blockId: 'rank-points', mode: 'phones' })
    const points = (p: Record<string, string>): Record<string, string[]> => rankForm('rank-points', p)
    expect(answer(session, 'rank-points', 'd1', points({ talk: '5', settings: '3', report: '1' }))).toBe('bad-ranking')
    expect(answer(session, 'rank-points', 'd1', points({ talk: '5', settings: '-3', report: '8' }))).toBe('bad-ranking')
    expect(answer(session, 'rank-points', 'd1', points({ talk: '7', settings: '3', report: '' }))).toBeNull()
    expect(session.polls['rank-points']!.answers['d1']!.values['rank-points']).toEqual([
      'talk:7',
      'settings:3',
      'report:0'
    ])
  })

  it('gives mean ranks from phones, paper and hands, sorted best first', () => {
    const session = newSession()
    openOnPhones(session, ORDER)
    // Phones: talk 1st twice; settings 2nd and 3rd; report 3rd and 2nd.
    answer(session, 'rank-order', 'd1', rankForm('rank-order', { talk: '1', settings: '2', report: '3' }))
    answer(session, 'rank-order', 'd2', rankForm('rank-order', { talk: '1', settings: '3', report: '2' }))
    // Paper: report, settings, talk; a bad paper row is refused.
    const sheet = (values: string[]): SessionCommand => ({
      type: 'sheetAnswer',
      blockId: 'rank-order',
      participantNumber: '7',
      source: 'paper',
      values: { 'rank-order': values }
    })
    expect(() => run(session, sheet(['report', 'report', 'talk']))).toThrow(CommandError)
    run(session, sheet(['report', 'settings', 'talk']))
    // Hands: one person put settings 1st, talk 2nd, report 3rd.
    for (const key of ['settings/1', 'talk/2', 'report/3'])
      run(session, { type: 'tallySet', blockId: 'rank-order', key: `rank-order/${key}`, count: 1 })

    const results = rankingResults(ORDER, session.polls['rank-order'])
    expect(results.respondents).toBe(4)
    expect(results.sources).toEqual({ phones: 2, paper: 1, cards: 0, hands: 1 })
    // talk (1+1+3+2)/4 = 1.75; settings (2+3+2+1)/4 = 2; report (3+2+1+3)/4 = 2.25.
    expect(results.options.map((o) => [o.optionId, o.meanRank])).toEqual([
      ['talk', 1.75],
      ['settings', 2],
      ['report', 2.25]
    ])
    expect(pollResults(ORDER, session.polls['rank-order']).respondents).toBe(4)
    const view = audienceView(session, null)
    expect(view.kind === 'poll' && view.ranking?.options.map((o) => o.value)).toEqual([1.75, 2, 2.25])
  })

  it('gives mean and total points from phones, paper and dots counted by hand', () => {
    const session = newSession()
    openOnPhones(session, POINTS)
    answer(session, 'rank-points', 'd1', rankForm('rank-points', { talk: '6', settings: '4', report: '0' }))
    run(session, {
      type: 'sheetAnswer',
      blockId: 'rank-points',
      participantNumber: '2',
      source: 'paper',
      values: { 'rank-points': ['report:10'] }
    })
    expect(() =>
      run(session, {
        type: 'sheetAnswer',
        blockId: 'rank-points',
        participantNumber: '3',
        source: 'paper',
        values: { 'rank-points': ['report:9'] }
      })
    ).toThrow(CommandError)
    // Two people placed 10 dots each: talk 8, settings 2, report 10 (no head count: 20 dots ÷ 10 = 2 people).
    for (const [id, dots] of [
      ['talk', 8],
      ['settings', 2],
      ['report', 10]
    ] as const)
      run(session, { type: 'tallySet', blockId: 'rank-points', key: `rank-points/${id}`, count: dots })

    const results = rankingResults(POINTS, session.polls['rank-points'])
    expect(results.respondents).toBe(4)
    expect(results.options.map((o) => [o.optionId, o.totalPoints, o.meanPoints])).toEqual([
      ['report', 20, 5],
      ['talk', 14, 3.5],
      ['settings', 6, 1.5]
    ])
  })

  it('is a valid package poll only with its way of ranking', () => {
    expect(PollBlockSchema.safeParse(POINTS).success).toBe(true)
    expect(
      PollBlockSchema.safeParse({ ...ORDER, ranking: { mode: 'points', points: 1 } }).success,
      'at least 2 points'
    ).toBe(false)
    expect(PollBlockSchema.safeParse({ ...ORDER, ranking: { mode: 'stars' } }).success).toBe(false)
  })
})
