import type { Language } from '../../shared/i18n/language'

/**
 * One description of a generated document (a session summary, the cross-session report…), independent
 * of its file format. Each writer (html.ts, markdown.ts, docx.ts, xlsx.ts, csv.ts) lays it out; a new
 * section is described once, and a new format is one new writer.
 *
 * Every text is plain text as the user typed it: escaping (HTML, Markdown, XML) is the writers' job,
 * never the description's. Line breaks are kept; characters XML cannot hold are dropped by the writers.
 */

/**
 * A table cell: text, a number (stored as a number in Excel, written with the language's decimal mark
 * elsewhere), a calendar day, or empty.
 */
export type Cell = string | number | DayCell | null

/** A calendar day (YYYY-MM-DD): a date Excel computes with, the same ISO text everywhere else. */
export interface DayCell {
  day: string
}

/** A day cell for an ISO calendar day; anything else (empty, a malformed value) stays text. */
export function dayCell(day: string): Cell {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? { day } : day
}

/**
 * Horizontal bars for a table's rows, one category per row (its first cell): HTML draws them beside the
 * rows, Word as a native bar chart above the table. The numbers stay in the table too.
 */
export interface Chart {
  /** One name per series, for the bars' accessible labels. */
  series: string[]
  /** Per row, one value per series. */
  values: number[][]
  /** The value of a full bar. */
  max: number
  /** Shown above the table as coloured swatches (a chart with two series). */
  legend?: [string, string]
  /** The chart's name (Word's chart title and alt text); by default the table's name. */
  title?: string
}

export interface DocumentTable {
  /** The sheet name in Excel (shortened and cleaned to a valid, unique name there); not shown in documents. */
  name: string
  /** The header row. */
  columns: string[]
  rows: Cell[][]
  /** A last row of totals, in bold. */
  total?: Cell[]
  /** Columns to right-align; by default those whose cells are all numbers or empty. */
  numeric?: boolean[]
  chart?: Chart
  /** The first column names its row (HTML row headers). */
  rowHeaders?: boolean
  /** Label/value rows: HTML shows the labels as row headers without a header row. */
  fields?: boolean
}

/** A plain-values table for spreadsheets: one CSV file and one Excel sheet. */
export interface DataTable extends DocumentTable {
  /** The CSV file's name without `.csv`: lower-case letters and dashes, the same in every language. */
  file: string
}

/**
 * A piece of a section, in reading order. Tones: `muted` says "nothing here", `note` is small print
 * explaining the figures, `strong` a bold lead-in line; `label` prefixes a paragraph as "label: text".
 */
export type Block =
  | { kind: 'paragraph'; text: string; tone?: 'muted' | 'note' | 'strong'; label?: string }
  | { kind: 'table'; table: DocumentTable }
  /** Headline figures: tiles in HTML, a bulleted list in Markdown, a table in Word. */
  | { kind: 'figures'; table: DocumentTable }
  | { kind: 'list'; items: string[] }
  | { kind: 'heading'; text: string; level: HeadingLevel }
  /** Kept together on a printed page (HTML); the other formats just read on. */
  | { kind: 'group'; blocks: Block[] }

/** 1: a main section; 2: a part of the section before it; 3: a part of that part. */
export type HeadingLevel = 1 | 2 | 3

/**
 * A headed section. Its content is, in this order: `paragraphs`, `table`, `bullets`, `notes` (small
 * print) and then `blocks` (for anything laid out in another order).
 */
export interface DocumentSection {
  heading: string
  level?: HeadingLevel
  paragraphs?: string[]
  table?: DocumentTable
  bullets?: string[]
  notes?: string[]
  blocks?: Block[]
}

export interface DocumentDescription {
  /** The document's title (Markdown and Word heading, Word file title). */
  title: string
  /** A line under the title (venue · date · trainer, or a period). */
  subtitle?: string
  /** The language of every text in it: Word checks spelling in it and numbers use its decimal mark. */
  language: Language
  /** HTML only: a small line above the heading, the heading (default: the title), and the page's title. */
  html?: { eyebrow?: string; heading?: string; pageTitle?: string }
  sections: DocumentSection[]
  /** Small print at the end (who made it, privacy note). */
  footer?: string[]
  /** The document's data as plain values, for CSV and Excel. */
  tables?: DataTable[]
}

/** A section's content as blocks, in reading order: the one place the shorthand fields are laid out. */
export function sectionBlocks(section: DocumentSection): Block[] {
  return [
    ...(section.paragraphs ?? []).map((text): Block => ({ kind: 'paragraph', text })),
    ...(section.table ? [{ kind: 'table' as const, table: section.table }] : []),
    ...(section.bullets && section.bullets.length > 0 ? [{ kind: 'list' as const, items: section.bullets }] : []),
    ...(section.notes ?? []).map((text): Block => ({ kind: 'paragraph', text, tone: 'note' })),
    ...(section.blocks ?? [])
  ]
}

/** Columns to right-align: as the table says, else those whose cells are all numbers or empty. */
export function numericColumns(table: DocumentTable): boolean[] {
  return (
    table.numeric ??
    table.columns.map((_, i) => table.rows.every((row) => row[i] === null || typeof row[i] === 'number'))
  )
}

/** A cell as a document shows it: empty as nothing, a number with the language's decimal mark. */
export function cellText(cell: Cell, language: Language): string {
  if (cell === null) return ''
  if (typeof cell === 'string') return cell
  if (typeof cell === 'object') return cell.day
  if (!Number.isFinite(cell)) return ''
  return language === 'vi' ? String(cell).replace('.', ',') : String(cell)
}
