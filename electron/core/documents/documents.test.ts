import mammoth from 'mammoth'
import MarkdownIt from 'markdown-it'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { reportLabeller } from '../reports/labels'
import { summaryLabel } from '../summaries/labels'
import { documentToCsvFiles } from './csv'
import { readDocxCharts } from '../../testing/docx-chart-reader'
import { documentToDocx } from './docx'
import { NO_VALUE } from '../../shared/documents/format'
import { documentToHtml } from './html'
import { DOCUMENT_CSP, DOCUMENT_WITH_IMAGES_CSP, htmlPage } from './html-page'
import { JsonFileError, readJsonFile, writeJsonFile, type JsonFileFailure } from './json-file'
import { documentToMarkdown } from './markdown'
import type { DocumentDescription } from './model'

const SCRIPT = '<script>alert(1)</script> | `x` & "y"'

/** One section of every kind of block, user text in each place it can go. */
const doc: DocumentDescription = {
  title: 'Báo cáo',
  subtitle: 'Hội trường · 22/11/2026',
  language: 'vi',
  sections: [
    {
      heading: 'Bảng',
      paragraphs: [SCRIPT],
      table: { name: 'T', columns: ['Tên', 'Số'], rows: [['Nữ', 2.5]], total: ['Tổng', 2.5] }
    },
    {
      heading: 'Khối',
      blocks: [
        { kind: 'figures', table: { name: 'F', columns: ['Trường', 'Giá trị'], rows: [['Người tham dự', '10']] } },
        {
          kind: 'group',
          blocks: [
            { kind: 'heading', text: 'Câu hỏi', level: 2 },
            { kind: 'paragraph', text: 'Ghi chú nhỏ', tone: 'note' },
            {
              kind: 'table',
              table: {
                name: 'P',
                columns: ['Lựa chọn', 'Số'],
                rows: [['A', 3]],
                chart: { series: ['Số'], values: [[3]], max: 3, title: 'Biểu đồ <P> & "x"' }
              }
            },
            { kind: 'list', items: [SCRIPT, 'Hai'] }
          ]
        }
      ]
    }
  ],
  footer: ['Tạo bằng Bàn Tròn'],
  tables: [{ file: 'people', name: 'Người', columns: ['Tên', 'Số'], rows: [['=1+1', 2.5]] }]
}

describe('one description, one writer per format', () => {
  it('HTML: the shared shell with the strict CSP, every text escaped, charts as inline SVG', () => {
    const html = documentToHtml(doc)
    expect(html).toContain(`content="${DOCUMENT_WITH_IMAGES_CSP}"`)
    expect(html).not.toMatch(/<script/)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; | `x` &amp; &quot;y&quot;')
    expect(html).toContain('<td class="num">2,5</td>')
    expect(html).toMatch(/<div class="block">\n<h3>Câu hỏi<\/h3>/)
    expect(html).toContain('<svg class="bars"')
    expect(html).toContain('<div class="figure"><div class="value">10</div><div class="name">Người tham dự</div></div>')
  })

  it('Markdown: the same headings, tables and lists, nothing that becomes markup', () => {
    const md = documentToMarkdown(doc)
    const rendered = new MarkdownIt().render(md)
    expect(rendered).not.toContain('<script')
    expect(rendered.match(/<h2>/g)).toHaveLength(2)
    expect(rendered).toContain('<h3>Câu hỏi</h3>')
    expect(md).toContain('| **Tổng** | 2,5 |')
    expect(md).toContain('- **Người tham dự:** 10')
    expect(md).toContain('_Ghi chú nhỏ_')
  })

  it('Word: headings by level, a native chart above a table that describes one, user text kept literal', async () => {
    const file = Buffer.from(await documentToDocx(doc))
    const html = (await mammoth.convertToHtml({ buffer: file })).value
    expect(html).toContain('<h1>Khối</h1>')
    expect(html).toContain('<h2>Câu hỏi</h2>')
    expect(html).not.toContain('roundtable-chart')
    const charts = await readDocxCharts(file)
    expect(charts.map((c) => [c.title, c.series])).toEqual([
      ['Biểu đồ <P> & "x"', [{ name: 'Số', categories: ['A'], values: [3] }]]
    ])
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('Người tham dự')
  })

  it('CSV: the data tables as files, numbers plain and formulas neutralised', () => {
    expect(documentToCsvFiles(doc)).toEqual({ 'people.csv': "\uFEFFTên,Số\r\n'=1+1,2.5\r\n" })
  })
})

describe('the HTML shell', () => {
  it('is one self-contained page that loads nothing, with the title escaped', () => {
    const page = htmlPage({ language: 'en', title: '<b>T</b>', style: 'p{}', body: '<p>x</p>' })
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true)
    expect(page).toContain(`content="${DOCUMENT_CSP}"`)
    expect(page).toContain('<title>&lt;b&gt;T&lt;/b&gt;</title>')
    expect(page).not.toMatch(/https?:|<script|<link/)
  })
})

describe('the JSON file wrapper', () => {
  const kind = {
    format: 'test-file',
    version: 2,
    key: 'payload',
    schema: z.strictObject({ n: z.number() }),
    maxChars: 200
  } as const
  const problem = (text: string): JsonFileFailure['problem'] => {
    try {
      readJsonFile(kind, text, (failure) => new JsonFileError(failure.problem, 'x'))
    } catch (error) {
      return (error as JsonFileError).problem
    }
    throw new Error('read a wrong file')
  }

  it('writes format, version and payload, and reads them back (a byte order mark allowed)', () => {
    const text = writeJsonFile(kind, { n: 1 })
    expect(JSON.parse(text)).toEqual({ format: 'test-file', version: 2, payload: { n: 1 } })
    expect(readJsonFile(kind, `\uFEFF${text}`, () => new Error('no'))).toEqual({ n: 1 })
  })

  it('says what is wrong with a file it cannot read', () => {
    expect(problem('x'.repeat(201))).toBe('too-large')
    expect(problem('{')).toBe('not-json')
    expect(problem('{"format":"other","version":2,"payload":{"n":1}}')).toBe('wrong-format')
    expect(problem('{"format":"test-file","version":3,"payload":{"n":1}}')).toBe('newer-version')
    expect(problem('{"format":"test-file","version":2,"payload":{"n":"1"}}')).toBe('invalid')
  })
})

it('formats "no value" with the dash the summary and report catalogues use', () => {
  for (const language of ['vi', 'en'] as const) {
    expect(summaryLabel(language, 'value.none')).toBe(NO_VALUE)
    expect(reportLabeller(language)('value.none')).toBe(NO_VALUE)
  }
})
