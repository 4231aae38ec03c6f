import ExcelJS from 'exceljs'
import mammoth from 'mammoth'
import { beforeAll, describe, expect, it } from 'vitest'
import { recordAnswer } from '../../shared/sessions/answers'
import { applyCommand, type SessionCommand } from '../../shared/sessions/commands'
import type { Session } from '../../shared/sessions/model'
import { rankingField } from '../../shared/sessions/words-ranking'
import type { PollBlock } from '../../shared/workshops/schema'
import { bundledSnapshotWith, WORD_CLOUD_POLL } from '../../testing/bundled-snapshot'
import { createSession } from '../sessions/create-session'
import { summaryToCsv } from './csv'
import { summaryToHtml } from './html'
import { parseSummaryJson, summaryToJson } from './json'
import { summaryToMarkdown } from './markdown'
import { summaryToDocx, summaryToXlsx } from './office'
import type { SessionSummary } from './schema'
import { buildSummary } from './summary'

// A word cloud and a ranking poll in a session, and every export of its summary: the counts of the
// normalised words (received and approved) and the mean ranks, and never a device key.

const WORDS = WORD_CLOUD_POLL
const RANKING: PollBlock = {
  id: 'rank-order',
  kind: 'poll',
  title: { vi: 'Ưu tiên', en: 'Priorities' },
  minutes: 3,
  question: { vi: 'Xếp hạng các ưu tiên', en: 'Rank the priorities' },
  type: 'ranking',
  purpose: 'opinion',
  options: [
    { id: 'talk', text: { vi: 'Trò chuyện với con', en: 'Talk with children' } },
    { id: 'report', text: { vi: 'Biết cách báo cáo', en: 'Know how to report' } }
  ],
  ranking: { mode: 'order' }
}

async function runSession(): Promise<Session> {
  const session = createSession({
    id: 'words-ranking-export',
    now: new Date('2026-12-03T08:00:00Z'),
    snapshot: await bundledSnapshotWith([WORDS, RANKING]),
    details: { venue: 'Hội trường', date: '2026-12-03', trainer: 'Lan', language: 'vi', plannedStart: '08:00' }
  })
  let clock = Date.parse(session.createdAt)
  const run = (command: SessionCommand): void => applyCommand(session, command, new Date((clock += 1000)))
  const answer = (blockId: string, deviceKey: string, values: Record<string, string[]>): void => {
    const refused = recordAnswer(session, { blockId, deviceKey, values }, new Date((clock += 1000)))
    if (refused) throw new Error(refused)
  }
  run({ type: 'status', status: 'running' })
  run({ type: 'pollOpen', blockId: 'one-word', mode: 'phones' })
  answer('one-word', 'device-key-1', { 'one-word': ['An toàn'] })
  answer('one-word', 'device-key-2', { 'one-word': ['an  toàn'] })
  answer('one-word', 'device-key-3', { 'one-word': ['tin tưởng'] })
  run({ type: 'moderateWord', blockId: 'one-word', word: 'an toàn', approved: true })
  run({ type: 'pollClose', blockId: 'one-word' })
  run({ type: 'next' })
  run({ type: 'pollOpen', blockId: 'rank-order', mode: 'phones' })
  answer('rank-order', 'device-key-4', { [rankingField('rank-order', 'talk')]: ['1'], 'rank-order:report': ['2'] })
  answer('rank-order', 'device-key-5', { [rankingField('rank-order', 'talk')]: ['2'], 'rank-order:report': ['1'] })
  answer('rank-order', 'device-key-6', { [rankingField('rank-order', 'talk')]: ['1'], 'rank-order:report': ['2'] })
  run({ type: 'pollClose', blockId: 'rank-order' })
  return session
}

describe('summary exports of a word cloud and a ranking poll', () => {
  let summary: SessionSummary

  beforeAll(async () => {
    summary = buildSummary(await runSession(), 'vi')
  })

  it('keeps received and approved counts of normalised words, and mean ranks best first', () => {
    const words = summary.polls.find((p) => p.blockId === 'one-word')!
    expect(words.type).toBe('words')
    expect(words.respondents).toBe(3)
    expect(words.words).toEqual([
      { text: 'an toàn', received: 2, approved: 2 },
      { text: 'tin tưởng', received: 1, approved: 0 }
    ])
    const ranking = summary.polls.find((p) => p.blockId === 'rank-order')!
    expect(ranking.respondents).toBe(3)
    // talk (1+2+1)/3 = 1.33; report (2+1+2)/3 = 1.67.
    expect(ranking.ranking?.options.map((o) => [o.key, o.meanRank])).toEqual([
      ['talk', 1.33],
      ['report', 1.67]
    ])
    expect(parseSummaryJson(summaryToJson(summary)).polls).toEqual(summary.polls)
  })

  it('puts the counts in the HTML, Markdown and CSV files, without device keys', () => {
    const html = summaryToHtml(summary)
    const markdown = summaryToMarkdown(summary)
    const csv = summaryToCsv(summary)
    expect(html).toMatch(/<td[^>]*>an toàn<\/td><td[^>]*>2<\/td><td[^>]*>2<\/td>/)
    expect(html).toMatch(/<td[^>]*>tin tưởng<\/td><td[^>]*>1<\/td><td[^>]*>0<\/td>/)
    expect(html).toMatch(/Trò chuyện với con<\/t[dh]><td[^>]*>1,33</)
    expect(markdown).toMatch(/\| an toàn \| 2 \| 2 \|/)
    expect(markdown).toMatch(/\| Trò chuyện với con \| 1,33 \|/)
    expect(csv['words.csv']).toContain('one-word,Một từ,Một từ về an toàn?,an toàn,2,2')
    expect(csv['polls.csv']).toMatch(/rank-order,.*,talk,Trò chuyện với con,,1\.33/)
    for (const text of [html, markdown, ...Object.values(csv), summaryToJson(summary)])
      expect(text).not.toContain('device-key')
  })

  it('writes approved words and rankings as option:rank in the responses, unapproved words not at all', () => {
    expect(summary.responses!.map((r) => [r.respondent, r.blockId, r.answer])).toEqual([
      ['R001', 'one-word', 'an toàn'],
      ['R002', 'one-word', 'an toàn'],
      ['R003', 'rank-order', 'talk:1|report:2'],
      ['R004', 'rank-order', 'talk:2|report:1'],
      ['R005', 'rank-order', 'talk:1|report:2']
    ])
    expect(summaryToCsv(summary)['responses.csv']).not.toContain('tin tưởng')
  })

  it('puts the counts in the Word and Excel files', async () => {
    const docx = (await mammoth.extractRawText({ buffer: Buffer.from(await summaryToDocx(summary)) })).value
    expect(docx).toContain('an toàn')
    expect(docx).toContain('1,33')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(await summaryToXlsx(summary)) as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('Đám mây từ')!
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][]
    expect(rows.map((row) => row.slice(4))).toContainEqual(['an toàn', 2, 2])
    expect(rows.map((row) => row.slice(4))).toContainEqual(['tin tưởng', 1, 0])
  })
})
