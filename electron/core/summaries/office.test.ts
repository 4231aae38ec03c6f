import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import ExcelJS from 'exceljs'
import { strFromU8, unzipSync } from 'fflate'
import mammoth from 'mammoth'
import { beforeAll, describe, expect, it } from 'vitest'
import { recordAnswer } from '../../shared/sessions/answers'
import { applyCommand, type SessionCommand } from '../../shared/sessions/commands'
import { createSession, workshopSnapshot } from '../sessions/create-session'
import type { Session } from '../../shared/sessions/model'
import { folderReader, loadWorkshop } from '../workshops/loader'
import { summaryTables } from './csv'
import { summaryToDocx, summaryToXlsx } from './office'
import type { SessionSummary } from './schema'
import { buildSummary } from './summary'

// The Word and Excel exports of a session with known numbers, written to a temp folder and read back
// with independent libraries (mammoth for Word, exceljs for Excel).

const VENUE = 'Nhà văn hoá <img src=x onerror=alert(1)> & "Phòng 2"'
const TRAINER = 'Nguyễn Thị Lan'
const NOTE = '<script>alert("note")</script> Lập kế hoạch liên ngành'
const PARKING = '=HYPERLINK("http://x","bấm vào đây")'
const REMARKS = 'Cảm ơn <b>mọi người</b>\nHẹn gặp lại'

const dir = mkdtempSync(join(tmpdir(), 'roundtable-office-'))

/** A session of the bundled briefing, just started. */
async function startSession(): Promise<Session> {
  const loaded = await loadWorkshop(folderReader(resolve(__dirname, '../../../workshops/conference-briefing')))
  if (!loaded.ok) throw new Error('bundled workshop does not load')
  return createSession({
    id: 'office-test-1',
    now: new Date('2026-11-22T08:00:00Z'),
    snapshot: workshopSnapshot(loaded.workshop),
    details: { venue: VENUE, date: '2026-11-22', trainer: TRAINER, language: 'vi', plannedStart: '08:00' }
  })
}

/**
 * A short briefing: attendance 5 women (25–59), 2 + 3 men (18–24, 25–59) = 10; the measures poll by
 * show of hands (training 7, services 4, law 2; 10 people); pre-test on phones 40 % (P-801), 60 %
 * (P-802), 100 % (no number) → mean 66.7, 1 of 3 mastered; post-test 100 % (P-801), 80 % (p-802) →
 * mean 90, 2 of 2 mastered; matched gain (+60, +20) → 40 points.
 */
async function runSession(): Promise<Session> {
  const session = await startSession()
  const snapshot = session.snapshot
  let clock = Date.parse(session.createdAt)
  const run = (command: SessionCommand, minutes = 0): void => {
    clock += minutes * 60_000
    applyCommand(session, command, new Date(clock))
  }
  const goto = (id: string, minutes: number): void =>
    run({ type: 'goto', block: snapshot.manifest.blocks.findIndex((b) => b.id === id), slide: 0 }, minutes)
  const questions = snapshot.manifest.blocks.find((b) => b.id === 'pre-quiz')!
  if (questions.kind !== 'quiz') throw new Error('expected the pre-test')
  /** Answers with the first `right` questions correct. */
  const test = (blockId: string, deviceKey: string, right: number, participantNumber?: string): void => {
    const values = Object.fromEntries(
      questions.questions!.map((q, i) => [
        q.id,
        i < right ? q.options.filter((o) => o.correct).map((o) => o.id) : [q.options.find((o) => !o.correct)!.id]
      ])
    )
    const refused = recordAnswer(
      session,
      { blockId, deviceKey, values, ...(participantNumber ? { participantNumber } : {}) },
      new Date(clock)
    )
    if (refused) throw new Error(refused)
  }

  run({ type: 'attendanceSet', sex: 'female', ageGroup: '25-59', count: 5 })
  run({ type: 'attendanceSet', sex: 'male', ageGroup: '18-24', count: 2 })
  run({ type: 'attendanceSet', sex: 'male', ageGroup: '25-59', count: 3 })
  goto('pre-quiz', 5)
  run({ type: 'pollOpen', blockId: 'pre-quiz', mode: 'phones' })
  test('pre-quiz', 'device-key-1', 2, 'P-801')
  test('pre-quiz', 'device-key-2', 3, 'P-802')
  test('pre-quiz', 'device-key-3', 5)
  run({ type: 'pollClose', blockId: 'pre-quiz' }, 5)
  goto('poll-2019-measures', 10)
  run({ type: 'pollOpen', blockId: 'poll-2019-measures', mode: 'tally' })
  for (const [option, count] of Object.entries({ training: 7, services: 4, 'law-policy': 2 })) {
    run({ type: 'tallySet', blockId: 'poll-2019-measures', key: `poll-2019-measures/${option}`, count })
  }
  run({ type: 'tallyRespondents', blockId: 'poll-2019-measures', count: 10 })
  run({ type: 'pollClose', blockId: 'poll-2019-measures' }, 3)
  goto('discussion-five-actions', 10)
  run({ type: 'noteAdd', blockId: 'discussion-five-actions', group: 'Nhóm 1', text: NOTE })
  goto('post-quiz', 12)
  run({ type: 'pollOpen', blockId: 'post-quiz', mode: 'phones' })
  test('post-quiz', 'device-key-4', 5, 'P-801')
  test('post-quiz', 'device-key-5', 4, 'p-802')
  run({ type: 'pollClose', blockId: 'post-quiz' }, 4)
  run({ type: 'pollOpen', blockId: 'feedback', mode: 'tally' })
  for (const [point, count] of Object.entries({ 4: 3, 5: 2 })) {
    run({ type: 'tallySet', blockId: 'feedback', key: `feedback/${point}`, count })
  }
  run({ type: 'pollClose', blockId: 'feedback' })
  run({ type: 'parkingAdd', text: PARKING })
  run({ type: 'closingRemarks', text: REMARKS })
  run({ type: 'status', status: 'finished' }, 1)
  return session
}

/** The rows of every table in mammoth's HTML, as cell texts. */
function htmlTables(html: string): string[][][] {
  return [...html.matchAll(/<table>(.*?)<\/table>/g)].map((table) =>
    [...table[1]!.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
      [...row[1]!.matchAll(/<t[dh]>(.*?)<\/t[dh]>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, ''))
    )
  )
}

/** Every XML part of an Office file as text, for searching. */
function allXml(file: Buffer): string {
  return Object.values(unzipSync(new Uint8Array(file)))
    .map((bytes) => strFromU8(bytes))
    .join('\n')
}

describe('Word and Excel exports of a session summary', () => {
  let vi: SessionSummary
  let en: SessionSummary

  beforeAll(async () => {
    const session = await runSession()
    vi = buildSummary(session, 'vi')
    en = buildSummary(session, 'en')
    // The scenario's numbers, so that the checks below compare the files with known values.
    expect(vi.attendance.total).toBe(10)
    expect(vi.quizzes.tests.map((t) => t.meanScorePercent)).toEqual([66.7, 90])
    expect(vi.quizzes.matchedGain).toEqual({ pairs: 2, meanGainPoints: 40 })
  })

  describe('DOCX', () => {
    let file: Buffer
    let text: string
    let tables: string[][][]

    beforeAll(async () => {
      writeFileSync(join(dir, 'summary-vi.docx'), await summaryToDocx(vi))
      file = readFileSync(join(dir, 'summary-vi.docx'))
      text = (await mammoth.extractRawText({ buffer: file })).value
      tables = htmlTables((await mammoth.convertToHtml({ buffer: file })).value)
    })

    it('has every section of the HTML summary, in Vietnamese with its diacritics', () => {
      for (const heading of [
        'Báo cáo tóm tắt buổi tập huấn',
        'Thông tin chung',
        'Số liệu chính',
        'Điểm danh theo giới tính và nhóm tuổi',
        'Thời gian dự kiến và thực tế',
        'Kiến thức trước và sau tập huấn',
        'Ghép cặp theo số tham gia',
        'Kết quả bình chọn',
        'Phản hồi của người tham gia',
        'Ghi chép thảo luận',
        'Câu hỏi để trả lời sau',
        'Nhận xét kết thúc',
        vi.workshop.title,
        TRAINER
      ]) {
        expect(text).toContain(heading)
      }
    })

    it('holds the same numbers: attendance sums, poll counts, test means, change and matched gain', () => {
      expect(tables).toContainEqual([
        ['Giới tính', 'Dưới 18', '18–24', '25–59', '60 trở lên', 'Tổng'],
        ['Nữ', '0', '0', '5', '0', '5'],
        ['Nam', '0', '2', '3', '0', '5'],
        ['Khác / không muốn nói', '0', '0', '0', '0', '0'],
        ['Tổng', '0', '2', '8', '0', '10']
      ])
      const poll = tables.find((t) => t[0]![0] === 'Lựa chọn' && t.some((row) => row[1] === '7'))!
      const counts = Object.fromEntries(poll.slice(1).map((row) => [row[0], row[1]]))
      for (const option of vi.polls[0]!.options) expect(counts[option.label]).toBe(String(option.count))
      expect(poll.find((row) => row[1] === '7')![2]).toBe('70%')
      const tests = tables.find((t) => t[0]![0] === 'Bài kiểm tra')!
      expect(tests.map((row) => row[3])).toEqual(['Điểm trung bình (%)', '66,7', '90', '+23,3'])
      expect(tests.map((row) => row[4])).toEqual(['Đạt yêu cầu (%)', '33,3 (1/3)', '100 (2/2)', '+66,7'])
      expect(text).toContain('2 người ghi cùng số tham gia ở cả hai bài: điểm tăng trung bình +40 điểm %.')
      const keyFigures = tables.find((t) => t.some((row) => row[0] === 'Người tham dự'))!
      expect(keyFigures).toContainEqual(['Người tham dự', '10'])
      expect(keyFigures).toContainEqual(['Điểm tăng (ghép cặp)', '+40 điểm %'])
    })

    it('shows user text literally (no markup, no formula) and identifies no participant', () => {
      for (const typed of [VENUE, NOTE, PARKING]) expect(text).toContain(typed)
      expect(text).toContain('Cảm ơn <b>mọi người</b>')
      const xml = allXml(file)
      expect(xml).not.toMatch(/<script|<img|<b>/)
      expect(xml).toContain('&lt;script&gt;')
      expect(xml).not.toMatch(/P-80\d|device-key|participantNumber/i)
    })

    it('is in English when asked', async () => {
      const english = (await mammoth.extractRawText({ buffer: Buffer.from(await summaryToDocx(en)) })).value
      expect(english).toContain('Attendance by sex and age group')
      expect(english).toContain('2 people gave the same participant number in both tests: mean gain +40 points.')
      expect(english).not.toContain('Điểm danh')
    })
  })

  describe('XLSX', () => {
    let file: Buffer
    let workbook: ExcelJS.Workbook
    const values = (sheet: string): unknown[][] =>
      workbook
        .getWorksheet(sheet)!
        .getSheetValues()
        .slice(1)
        .map((row) => (row as unknown[]).slice(1))

    beforeAll(async () => {
      writeFileSync(join(dir, 'summary-vi.xlsx'), await summaryToXlsx(vi))
      file = readFileSync(join(dir, 'summary-vi.xlsx'))
      workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(file as unknown as ArrayBuffer)
    })

    it('has one sheet per CSV table, named in the summary language', () => {
      expect(workbook.worksheets.map((s) => s.name)).toEqual([
        'Buổi tập huấn',
        'Điểm danh',
        'Thời gian',
        'Bình chọn',
        'Câu trả lời mở',
        'Bài kiểm tra',
        'Câu hỏi kiểm tra',
        'Ghi chép thảo luận',
        'Câu hỏi để trả lời sau',
        'Câu hỏi từ người tham gia',
        'Câu trả lời từng người'
      ])
      expect(summaryTables(vi)).toHaveLength(workbook.worksheets.length)
    })

    it('holds the same numbers, stored as numbers', () => {
      expect(values('Điểm danh')).toEqual([
        ['Giới tính', 'Dưới 18', '18–24', '25–59', '60 trở lên', 'Tổng'],
        ['Nữ', 0, 0, 5, 0, 5],
        ['Nam', 0, 2, 3, 0, 5],
        ['Khác / không muốn nói', 0, 0, 0, 0, 0],
        ['Tổng', 0, 2, 8, 0, 10]
      ])
      const polls = values('Bình chọn')
      const column = (name: string): number => polls[0]!.indexOf(name)
      const measures = polls.filter((row) => row[0] === 'poll-2019-measures')
      expect(
        Object.fromEntries(measures.map((row) => [row[column('Mã lựa chọn')], row[column('Số lượt chọn')]]))
      ).toEqual(Object.fromEntries(vi.polls[0]!.options.map((o) => [o.key, o.count])))
      expect(measures.every((row) => row[column('Số người trả lời')] === 10)).toBe(true)
      const tests = values('Bài kiểm tra')
      expect(tests.slice(1).map((row) => row[tests[0]!.indexOf('Điểm trung bình (%)')])).toEqual([66.7, 90])
      expect(tests.slice(1).map((row) => row[tests[0]!.indexOf('Đạt yêu cầu (%)')])).toEqual([33.3, 100])
      const session = Object.fromEntries(values('Buổi tập huấn').map((row) => [row[0], row[1]]))
      expect(session['Người tham dự']).toBe(10)
      expect(session['Ghép cặp theo số tham gia: Điểm tăng trung bình (điểm %)']).toBe(40)
      expect(session['Thay đổi từ đầu vào đến đầu ra: Điểm trung bình (%)']).toBe(23.3)
      expect(workbook.getWorksheet('Điểm danh')!.getCell('F5').type).toBe(ExcelJS.ValueType.Number)
    })

    it('stores the rating scale points ("1".."5") and their counts as numbers, option ids of other polls as text', () => {
      const sheet = workbook.getWorksheet('Bình chọn')!
      const header = values('Bình chọn')[0]!
      const column = (name: string): number => header.indexOf(name) + 1
      const rows = sheet.getRows(2, sheet.rowCount - 1)!
      const rating = rows.filter((row) => row.getCell(1).value === 'feedback')
      expect(rating.map((row) => row.getCell(column('Mã lựa chọn')).value)).toEqual([1, 2, 3, 4, 5])
      expect(rating.map((row) => row.getCell(column('Số lượt chọn')).value)).toEqual([0, 0, 0, 3, 2])
      // The points between the two ends have no words: their labels are the numbers too.
      expect(rating.map((row) => row.getCell(column('Lựa chọn')).value)).toEqual([
        '1 · Không hữu ích',
        2,
        3,
        4,
        '5 · Rất hữu ích'
      ])
      for (const row of rating) {
        expect(row.getCell(column('Mã lựa chọn')).type).toBe(ExcelJS.ValueType.Number)
        expect(row.getCell(column('Số lượt chọn')).type).toBe(ExcelJS.ValueType.Number)
      }
      expect(rating[0]!.getCell(column('Điểm trung bình')).type).toBe(ExcelJS.ValueType.Number)
      const measures = rows.find((row) => row.getCell(1).value === 'poll-2019-measures')!
      expect(measures.getCell(column('Mã lựa chọn')).type).toBe(ExcelJS.ValueType.String)
    })

    it('stores the session date as a date a spreadsheet computes with, shown as YYYY-MM-DD', () => {
      const sheet = workbook.getWorksheet('Buổi tập huấn')!
      const row = sheet.getRows(1, sheet.rowCount)!.find((r) => r.getCell(1).value === 'Ngày')!
      expect(row.getCell(2).type).toBe(ExcelJS.ValueType.Date)
      expect(row.getCell(2).value).toEqual(new Date('2026-11-22T00:00:00Z'))
      expect(row.getCell(2).numFmt).toBe('yyyy-mm-dd')
    })

    it('has a bold, frozen header row and bold totals', () => {
      const sheet = workbook.getWorksheet('Thời gian')!
      expect(sheet.getCell('A1').font?.bold).toBe(true)
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
      expect(sheet.getCell(`E${sheet.rowCount}`).font?.bold).toBe(true)
      expect(sheet.getCell(`E${sheet.rowCount}`).value).toBe(vi.timing.actualMinutes)
    })

    it('keeps user text as plain text, never a formula, and identifies no participant', () => {
      const session = Object.fromEntries(values('Buổi tập huấn').map((row) => [row[0], row[1]]))
      expect(session['Địa điểm']).toBe(VENUE)
      expect(session['Nhận xét kết thúc']).toBe(REMARKS)
      expect(values('Ghi chép thảo luận')[1]).toContain(NOTE)
      const parking = workbook.getWorksheet('Câu hỏi để trả lời sau')!.getCell('A2')
      expect(parking.value).toBe(PARKING)
      expect(parking.type).toBe(ExcelJS.ValueType.String)
      expect(allXml(file)).not.toMatch(/<f>|P-80\d|device-key|participantNumber/i)
    })
  })

  it('exports a session that has only just started: empty sections say so', async () => {
    const early = buildSummary(await startSession(), 'vi', new Date('2026-11-22T08:01:00Z'))
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(await summaryToDocx(early)) })).value
    for (const none of ['Chưa ghi điểm danh.', 'Không có ghi chép.', 'Không có câu hỏi nào.', 'Không có nhận xét.']) {
      expect(text).toContain(none)
    }
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(await summaryToXlsx(early)) as unknown as ArrayBuffer)
    expect(workbook.worksheets).toHaveLength(11)
    expect(workbook.getWorksheet('Ghi chép thảo luận')!.rowCount).toBe(1)
    expect(workbook.getWorksheet('Điểm danh')!.getCell('F5').value).toBe(0)
  })
})
