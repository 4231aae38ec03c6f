import type { Paragraph as DocxParagraph, Table as DocxTable, TableCell as DocxTableCell } from 'docx'
import type { Language } from '../../shared/i18n/language'
import { addCharts, chartMarker, wordChart, type WordChart } from './docx-charts'
import {
  cellText,
  numericColumns,
  sectionBlocks,
  type Block,
  type Cell,
  type DocumentDescription,
  type DocumentTable,
  type HeadingLevel as Level
} from './model'
import { xmlSafeText } from './xml-text'

/** Word's language tags for the document's language (spelling, hyphenation). */
const WORD_LANGUAGE = { vi: 'vi-VN', en: 'en-GB' } as const

const FONT = 'Arial'
/** Half-points: 10.5 pt body, 9 pt small print and tables. */
const BODY_SIZE = 21
const SMALL_SIZE = 18
const TITLE_SIZE = 36
/** A4 with 2 cm margins, in twentieths of a point. */
const A4_WIDTH = 11906
const A4_HEIGHT = 16838
const MARGIN = 1134
const PAGE_TEXT_WIDTH = A4_WIDTH - 2 * MARGIN
const BORDER = 'C8CDD3'
const HEADER_FILL = 'F1F3F5'
const GREY = '555555'

type Docx = typeof import('docx')
type Part = DocxParagraph | DocxTable
interface RunStyle {
  bold?: boolean
  size?: number
  color?: string
}

/**
 * The document as a Word file (.docx) that programme staff can edit: real headings (Word's own
 * Heading 1/2/3 styles, so the navigation pane and a table of contents work), real tables with a header
 * row repeated on each page, bullets as Word lists, and a native bar chart above each table that
 * describes one (docx-charts.ts). The `docx` library is loaded only when a document is made, so the
 * app does not load it at start.
 */
export async function documentToDocx(doc: DocumentDescription): Promise<Uint8Array> {
  const docx = await import('docx')
  const { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph } = docx
  const charts: WordChart[] = []
  const w = wordParts(docx, doc.language, charts)
  const document = new Document({
    creator: 'Roundtable',
    lastModifiedBy: 'Roundtable',
    title: xmlSafeText(doc.title),
    ...(doc.subtitle ? { subject: xmlSafeText(doc.subtitle) } : {}),
    styles: {
      default: {
        document: {
          run: { font: FONT, size: BODY_SIZE, language: { value: WORD_LANGUAGE[doc.language] } }
        }
      }
    },
    numbering: {
      config: [
        {
          reference: 'bullets',
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '•',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 360, hanging: 260 } } }
            }
          ]
        }
      ]
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4_WIDTH, height: A4_HEIGHT },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN }
          }
        },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: w.runs(doc.title, { size: TITLE_SIZE }) }),
          ...(doc.subtitle ? [w.paragraph(doc.subtitle, { color: GREY })] : []),
          ...doc.sections.flatMap((section) => [
            w.heading(section.heading, section.level ?? 1),
            ...sectionBlocks(section).flatMap(w.block)
          ]),
          ...(doc.footer ?? []).map((text) => w.paragraph(text, { size: SMALL_SIZE, color: GREY }))
        ]
      }
    ]
  })
  return addCharts(new Uint8Array(await Packer.toArrayBuffer(document)), charts, doc.language)
}

/**
 * Word's pieces for one document: text runs, paragraphs, headings, tables, and each kind of block. A
 * table with a chart is preceded by a placeholder paragraph, and its chart is added to `charts`.
 */
function wordParts(docx: Docx, language: Language, charts: WordChart[]) {
  const { HeadingLevel, Paragraph, TextRun } = docx

  /** Runs of one text, its line breaks kept as Word line breaks. */
  const runs = (text: string, style: RunStyle = {}) =>
    xmlSafeText(text)
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, ...style }))

  const paragraph = (text: string, style: RunStyle = {}): DocxParagraph =>
    new Paragraph({ children: runs(text, style), spacing: { after: 80 } })

  const LEVELS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const
  const heading = (text: string, level: Level): DocxParagraph =>
    new Paragraph({
      heading: LEVELS[level],
      keepNext: true,
      spacing: { before: level === 1 ? 280 : 160, after: 80 },
      children: runs(text)
    })

  const nonce = globalThis.crypto.randomUUID()
  const chartPlaceholder = (t: DocumentTable): Part[] => {
    const chart = wordChart(t, language, chartMarker(nonce, charts.length))
    if (!chart) return []
    charts.push(chart)
    return [new Paragraph({ keepNext: true, spacing: { after: 80 }, children: [new TextRun(chart.marker)] })]
  }

  const table = (t: DocumentTable): Part[] => [
    ...chartPlaceholder(t),
    wordTable(docx, t, language, runs),
    new Paragraph({ children: [] })
  ]

  const block = (b: Block): Part[] => {
    switch (b.kind) {
      case 'paragraph': {
        const text = b.label ? `${b.label}: ${b.text}` : b.text
        if (b.tone === 'note') return [paragraph(text, { size: SMALL_SIZE, color: GREY })]
        return [paragraph(text, b.tone === 'strong' ? { bold: true } : {})]
      }
      case 'table':
      case 'figures':
        return table(b.table)
      case 'list':
        return b.items.map(
          (text) => new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: runs(text) })
        )
      case 'heading':
        return [heading(b.text, b.level)]
      case 'group':
        return b.blocks.flatMap(block)
    }
  }
  return { runs, paragraph, heading, block }
}

function wordTable(
  docx: Docx,
  t: DocumentTable,
  language: Language,
  runs: (text: string, style?: RunStyle) => InstanceType<Docx['TextRun']>[]
): DocxTable {
  const { AlignmentType, BorderStyle, Paragraph, ShadingType, Table, TableCell, TableRow, WidthType } = docx
  const numeric = numericColumns(t)
  const widths = columnWidths(t)
  const border = { style: BorderStyle.SINGLE, size: 4, color: BORDER }
  const borders = { top: border, bottom: border, left: border, right: border }
  const cell = (value: Cell, column: number, header: boolean, bold: boolean): DocxTableCell =>
    new TableCell({
      borders,
      width: { size: widths[column]!, type: WidthType.DXA },
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: HEADER_FILL } } : {}),
      children: [
        new Paragraph({
          alignment: numeric[column] && column > 0 ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: runs(cellText(value, language), { bold, size: SMALL_SIZE })
        })
      ]
    })
  const row = (cells: Cell[], kind: 'header' | 'body' | 'total') =>
    new TableRow({
      tableHeader: kind === 'header',
      cantSplit: true,
      children: t.columns.map((_, i) => cell(cells[i] ?? null, i, kind === 'header', kind !== 'body'))
    })
  return new Table({
    width: { size: PAGE_TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      row(t.columns, 'header'),
      ...t.rows.map((cells) => row(cells, 'body')),
      ...(t.total ? [row(t.total, 'total')] : [])
    ]
  })
}

/** Roughly the width of one character of 9 pt Arial, and a cell's left and right margins plus border. */
const CHAR_WIDTH = 110
const CELL_PADDING = 180

/**
 * Column widths (twentieths of a point) filling the page width. Each column is first given room for its
 * longest word (up to 12 characters), header included, so that no word is broken across lines
 * ("Ng/ười"); what is left of
 * the page goes to the columns whose longest line (headers count half: they may wrap; at most 45
 * characters) does not fit yet, in proportion to what they lack. When everything fits, the columns
 * widen in proportion to their longest line.
 */
function columnWidths(table: DocumentTable): number[] {
  const texts = (c: number): string[] =>
    [table.columns[c], table.total?.[c], ...table.rows.map((row) => row[c])]
      .filter((cell) => cell !== null && cell !== undefined)
      .map(String)
  const longest = (parts: string[]): number => Math.max(0, ...parts.map((part) => part.length))
  const width = (characters: number): number => characters * CHAR_WIDTH + CELL_PADDING
  const least = table.columns.map((_, c) =>
    width(Math.min(12, Math.max(3, longest(texts(c).flatMap((t) => t.split(/\s+/))))))
  )
  const wanted = table.columns.map((header, c) => {
    const lines = texts(c)
      .slice(1)
      .flatMap((t) => t.split('\n'))
    return Math.max(least[c]!, width(Math.min(45, Math.max(5, header.length / 2, longest(lines)))))
  })
  const sum = (widths: number[]): number => widths.reduce((a, b) => a + b, 0)
  const scaled = (widths: number[], total: number): number[] => widths.map((w) => Math.floor((w / sum(widths)) * total))
  if (sum(wanted) <= PAGE_TEXT_WIDTH || sum(least) >= PAGE_TEXT_WIDTH) {
    return scaled(sum(wanted) <= PAGE_TEXT_WIDTH ? wanted : least, PAGE_TEXT_WIDTH)
  }
  const share = (PAGE_TEXT_WIDTH - sum(least)) / (sum(wanted) - sum(least))
  return least.map((w, c) => Math.floor(w + (wanted[c]! - w) * share))
}
