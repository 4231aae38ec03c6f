import ExcelJS from 'exceljs'
import mammoth from 'mammoth'
import { beforeAll, expect, it } from 'vitest'
import { applyCommand } from '../../shared/sessions/commands'
import type { Session, WorkshopSnapshot } from '../../shared/sessions/model'
import { recordQuestion } from '../../shared/sessions/questions'
import { bundledSnapshot } from '../../testing/bundled-snapshot'
import { createSession } from '../sessions/create-session'
import { summaryToCsv } from './csv'
import { summaryToHtml } from './html'
import { parseSummaryJson, summaryToJson } from './json'
import { summaryToMarkdown } from './markdown'
import { summaryToDocx, summaryToXlsx } from './office'
import { buildSummary } from './summary'

let snapshot: WorkshopSnapshot
beforeAll(async () => {
  snapshot = await bundledSnapshot()
})

const NOW = new Date('2026-11-22T09:00:00Z')
const HIDDEN = 'Chú tôi hay đánh em Minh lớp 5B'
const UNREVIEWED = 'Câu chưa ai xem tới'

/** A session with one question of each kind: approved with votes, answered, parked, hidden, not reviewed. */
function sessionWithQuestions(): Session {
  const session = createSession({
    id: '2026-11-22-qa000001',
    now: NOW,
    snapshot,
    details: { venue: 'Huế', date: '2026-11-22', trainer: 'Lan', language: 'vi', plannedStart: '08:00' }
  })
  const texts = ['Khi nào nên báo cho nhà trường?', 'Đường dây 111 có miễn phí không?', 'Hỏi sau: luật mới', HIDDEN]
  for (const [i, text] of [...texts, UNREVIEWED].entries())
    expect(recordQuestion(session, { kind: 'ask', deviceKey: `device-secret-${i}`, text }, NOW)).toBeNull()
  const [approved, answered, parked, hidden] = session.questions
  for (const q of [approved!, answered!])
    applyCommand(session, { type: 'question', questionId: q.id, action: 'approve' }, NOW)
  for (const voter of ['voter-secret-1', 'voter-secret-2'])
    recordQuestion(session, { kind: 'vote', deviceKey: voter, questionId: approved!.id }, NOW)
  applyCommand(session, { type: 'question', questionId: answered!.id, action: 'answered' }, NOW)
  applyCommand(session, { type: 'question', questionId: parked!.id, action: 'parking' }, NOW)
  applyCommand(session, { type: 'question', questionId: hidden!.id, action: 'hide' }, NOW)
  return session
}

it('the summary keeps approved and answered questions with votes, and only counts hidden and unreviewed ones', () => {
  const summary = buildSummary(sessionWithQuestions(), 'vi', NOW)
  expect(summary.questions).toEqual({
    received: 5,
    hidden: 1,
    unreviewed: 1,
    items: [
      { text: 'Khi nào nên báo cho nhà trường?', votes: 2, status: 'approved' },
      { text: 'Đường dây 111 có miễn phí không?', votes: 0, status: 'answered' },
      { text: 'Hỏi sau: luật mới', votes: 0, status: 'parking' }
    ]
  })
  expect(summary.parkingLot).toEqual(['Hỏi sau: luật mới'])
  // The JSON file reads back, and a hand-edited count is noticed.
  expect(parseSummaryJson(summaryToJson(summary)).questions).toEqual(summary.questions)
  const edited = summaryToJson({ ...summary, questions: { ...summary.questions!, hidden: 0 } })
  expect(() => parseSummaryJson(edited)).toThrow()
})

it('every export format has the approved questions and their votes, never hidden or unreviewed text or device keys', async () => {
  const summary = buildSummary(sessionWithQuestions(), 'vi', NOW)
  const xlsx = new ExcelJS.Workbook()
  await xlsx.xlsx.load(Buffer.from(await summaryToXlsx(summary)) as unknown as ArrayBuffer)
  const sheet = xlsx.getWorksheet('Câu hỏi từ người tham gia')!
  const sheetText = sheet.getSheetValues().flat().join('|')
  const outputs: Record<string, string> = {
    html: summaryToHtml(summary),
    markdown: summaryToMarkdown(summary),
    csv: summaryToCsv(summary)['questions.csv']!,
    json: summaryToJson(summary),
    docx: (await mammoth.extractRawText({ buffer: Buffer.from(await summaryToDocx(summary)) })).value,
    xlsx: sheetText
  }
  for (const [format, text] of Object.entries(outputs)) {
    expect(text, format).toContain('Khi nào nên báo cho nhà trường?')
    expect(text, format).toContain('Đường dây 111 có miễn phí không?')
    for (const secret of [HIDDEN, 'em Minh', UNREVIEWED, 'device-secret', 'voter-secret'])
      expect(text, `${format} leaks ${secret}`).not.toContain(secret)
  }
  expect(outputs.csv).toContain('Khi nào nên báo cho nhà trường?,2,Đã duyệt')
  expect(outputs.html).toContain('Đã nhận 5 câu hỏi; 3 câu đã duyệt hoặc đã trả lời; 1 câu đã ẩn và 1 câu chưa duyệt')
})

it('a session without questions says so, and a summary file from before Q&A still reads', () => {
  const session = createSession({
    id: '2026-11-22-qa000002',
    now: NOW,
    snapshot,
    details: { venue: 'Huế', date: '2026-11-22', trainer: 'Lan', language: 'en', plannedStart: '08:00' }
  })
  const summary = buildSummary(session, 'en', NOW)
  expect(summaryToHtml(summary)).toContain('No questions from the room.')
  const { questions: _questions, ...older } = summary
  expect(parseSummaryJson(summaryToJson(older)).questions).toBeUndefined()
})
