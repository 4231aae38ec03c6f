import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import mammoth from 'mammoth'
import { unzipSync, strFromU8 } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { documentToDocx, sheetNames, tablesToXlsx, type ReportDocument, type ReportTable } from '.'

// The writers are checked by reading their files back from disk with other libraries: mammoth for
// Word, exceljs for Excel.
const dir = mkdtempSync(join(tmpdir(), 'roundtable-reports-'))

const SCRIPT = '<script>alert("x")</script> Trẻ em & gia đình'
const FORMULA = '=HYPERLINK("http://x","bấm")'

const attendance: ReportTable = {
  name: 'Điểm danh',
  columns: ['Giới tính', '18–24', '25–59', 'Tổng'],
  rows: [
    ['Nữ', 3, 9, 12],
    ['Nam', null, 7.5, 7.5]
  ],
  total: ['Tổng', 3, 16.5, 19.5]
}

const doc: ReportDocument = {
  title: 'Báo cáo tóm tắt: Bảo vệ trẻ em trên mạng',
  subtitle: 'Hội trường xã · 22/11/2026',
  language: 'vi',
  sections: [
    { heading: 'Điểm danh theo giới tính', paragraphs: ['Dòng một\nDòng hai ở đây'], table: attendance },
    { heading: 'Ghi chép', level: 2, bullets: [SCRIPT, FORMULA, 'Ký tự\u0007 điều khiển'] },
    { heading: 'Nhận xét', notes: ['Chỉ có số liệu tổng hợp.'] }
  ],
  footer: ['Tạo bằng Bàn Tròn']
}

async function writeAndRead(name: string, bytes: Uint8Array): Promise<Buffer> {
  const path = join(dir, name)
  writeFileSync(path, bytes)
  return readFileSync(path)
}

describe('documentToDocx', () => {
  let file: Buffer
  let text: string
  let html: string

  beforeAll(async () => {
    file = await writeAndRead('report.docx', await documentToDocx(doc))
    text = (await mammoth.extractRawText({ buffer: file })).value
    html = (await mammoth.convertToHtml({ buffer: file })).value
  })

  it('is a Word document with the title, headings, paragraphs with their line breaks, and bullets', () => {
    expect(file.subarray(0, 2).toString()).toBe('PK')
    expect(text).toContain('Báo cáo tóm tắt: Bảo vệ trẻ em trên mạng')
    expect(text).toContain('Hội trường xã · 22/11/2026')
    expect(html).toContain('<h1>Điểm danh theo giới tính</h1>')
    expect(html).toContain('<h2>Ghi chép</h2>')
    expect(html).toContain('Dòng một<br />Dòng hai ở đây')
    expect(html).toMatch(/<ul><li>&lt;script&gt;alert\("x"\)&lt;\/script&gt; Trẻ em &amp; gia đình<\/li>/)
    expect(text).toContain('Chỉ có số liệu tổng hợp.')
    expect(text).toContain('Tạo bằng Bàn Tròn')
  })

  it('writes tables with header, rows and totals; numbers with the Vietnamese decimal comma', () => {
    const rows = [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) =>
      [...m[1]!.matchAll(/<t[dh]>(?:<p>)?(.*?)(?:<\/p>)?<\/t[dh]>/g)].map((c) => c[1]!.replace(/<\/?strong>/g, ''))
    )
    expect(rows).toEqual([
      ['Giới tính', '18–24', '25–59', 'Tổng'],
      ['Nữ', '3', '9', '12'],
      ['Nam', '', '7,5', '7,5'],
      ['Tổng', '3', '16,5', '19,5']
    ])
  })

  it('keeps user text as literal text, drops control characters, and sets the document language', () => {
    expect(text).toContain(SCRIPT)
    expect(text).toContain(FORMULA)
    expect(text).toContain('Ký tự điều khiển')
    const xml = strFromU8(unzipSync(new Uint8Array(file))['word/document.xml']!)
    expect(xml).not.toContain('<script>')
    expect(xml).toContain('&lt;script&gt;')
    const styles = strFromU8(unzipSync(new Uint8Array(file))['word/styles.xml']!)
    expect(styles).toContain('w:val="vi-VN"')
  })

  it('gives every column room for its longest word, so a long column cannot squeeze the others', async () => {
    // The cross-session report's sessions table, with a long venue.
    const wide: ReportTable = {
      name: 'Buổi',
      columns: [
        'Ngày',
        'Hội thảo',
        'Địa điểm',
        'Tập huấn viên',
        'Nguồn',
        'Người tham dự',
        'Điểm TB đầu vào (%)',
        'Thay đổi'
      ],
      rows: [
        [
          '02/11/2026',
          'Tóm tắt hai hội nghị',
          'Hội trường văn hoá '.repeat(8),
          'Chị Nguyễn Thị Lan',
          'Đã nhập',
          18,
          50,
          '+30'
        ]
      ]
    }
    const docx = await documentToDocx({ title: 'T', language: 'vi', sections: [{ heading: 'H', table: wide }] })
    const xml = strFromU8(unzipSync(docx)['word/document.xml']!)
    const grid = [...xml.matchAll(/<w:gridCol w:w="(\d+)"/g)].map((m) => Number(m[1]))
    expect(grid).toHaveLength(8)
    // A word of 5 characters ("Người", "Nguồn") needs about 5 × 110 twips of 9 pt Arial plus the cell's margins.
    for (const column of [4, 5, 6]) expect(grid[column]).toBeGreaterThanOrEqual(5 * 110 + 180)
    expect(grid[2]).toBe(Math.max(...grid))
    expect(grid.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(11906 - 2 * 1134)
  })
})

describe('tablesToXlsx', () => {
  let workbook: ExcelJS.Workbook

  beforeAll(async () => {
    const tables: ReportTable[] = [
      attendance,
      {
        name: 'Ghi chép',
        columns: ['Nhóm', 'Nội dung'],
        rows: [
          ['Nhóm 1', SCRIPT],
          ['Nhóm 2', FORMULA],
          ['', '+cmd|" /C calc"!A0']
        ]
      },
      { name: 'Điểm danh', columns: ['A'], rows: [[1]] },
      { name: "'Câu hỏi: [a/b]*? rất dài để vượt quá giới hạn'", columns: ['A'], rows: [] }
    ]
    const file = await writeAndRead('report.xlsx', await tablesToXlsx(tables))
    workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(file as unknown as ArrayBuffer)
  })

  it('writes one sheet per table with valid, unique names', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Điểm danh',
      'Ghi chép',
      'Điểm danh (2)',
      'Câu hỏi- -a-b--- rất dài để vượ'
    ])
  })

  it('stores numbers as numbers, empty cells as empty, texts as text (never formulas)', () => {
    const sheet = workbook.getWorksheet('Điểm danh')!
    const values = sheet
      .getSheetValues()
      .slice(1)
      .map((row) => (row as ExcelJS.CellValue[]).slice(1))
    expect(values).toEqual([
      ['Giới tính', '18–24', '25–59', 'Tổng'],
      ['Nữ', 3, 9, 12],
      ['Nam', undefined, 7.5, 7.5],
      ['Tổng', 3, 16.5, 19.5]
    ])
    expect(sheet.getCell('C3').type).toBe(ExcelJS.ValueType.Number)
    const notes = workbook.getWorksheet('Ghi chép')!
    expect(notes.getCell('B2').value).toBe(SCRIPT)
    expect(notes.getCell('B3').value).toBe(FORMULA)
    expect(notes.getCell('B3').type).toBe(ExcelJS.ValueType.String)
    expect(notes.getCell('B4').type).toBe(ExcelJS.ValueType.String)
  })

  it('makes the header row bold and frozen, and the total row bold', () => {
    const sheet = workbook.getWorksheet('Điểm danh')!
    expect(sheet.getCell('A1').font?.bold).toBe(true)
    expect(sheet.getCell('D1').font?.bold).toBe(true)
    expect(sheet.getCell('B2').font?.bold).toBeFalsy()
    expect(sheet.getCell('D4').font?.bold).toBe(true)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
  })

  it('refuses an empty workbook', async () => {
    await expect(tablesToXlsx([])).rejects.toThrow(/at least one table/)
  })
})

describe('sheetNames', () => {
  it('cleans, shortens and numbers repeated names as Excel requires', () => {
    const names = sheetNames(['a/b', 'A-B', '', "'quoted'", 'x'.repeat(40), 'x'.repeat(40)])
    expect(names).toEqual(['a-b', 'A-B (2)', 'Sheet 3', 'quoted', 'x'.repeat(31), `${'x'.repeat(27)} (2)`])
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31)
      expect(name).not.toMatch(/[[\]:*?/\\]/)
    }
  })
})
