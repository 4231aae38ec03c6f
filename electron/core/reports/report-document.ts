import type { Language } from '../storage/library-file'

/**
 * A report as plain data, independent of what it reports on (one session, many sessions…), for the
 * office writers: `documentToDocx` (Word) and `tablesToXlsx` (Excel).
 *
 * Every text is plain text as the user typed it: the writers store it as text (never markup or a
 * formula), keep line breaks, and drop only characters that XML cannot hold (control characters).
 */

/** A table cell: text, a number (stored as a number in Excel), or empty. */
export type ReportCell = string | number | null

export interface ReportTable {
  /** The sheet name in Excel (shortened and cleaned to a valid, unique name there); not shown in Word. */
  name: string
  /** The header row. */
  columns: string[]
  rows: ReportCell[][]
  /** A last row of totals, in bold (Word and Excel). */
  total?: ReportCell[]
  /** Columns to right-align in Word; by default those whose cells are all numbers or empty. */
  numeric?: boolean[]
}

export interface ReportSection {
  heading: string
  /** 1: a main section (default); 2: a part of the main section before it. */
  level?: 1 | 2
  /** In this order under the heading: paragraphs, table, bullets, then notes in small print. */
  paragraphs?: string[]
  table?: ReportTable
  bullets?: string[]
  notes?: string[]
}

export interface ReportDocument {
  title: string
  /** A line under the title (venue · date · trainer, or a period). */
  subtitle?: string
  /** The language of every text in it: Word checks spelling in it and numbers use its decimal mark. */
  language: Language
  sections: ReportSection[]
  /** Small print at the end (who made it, privacy note). */
  footer?: string[]
}

/** Columns to right-align: as the table says, else those whose cells are all numbers or empty. */
export function numericColumns(table: ReportTable): boolean[] {
  return (
    table.numeric ??
    table.columns.map((_, i) => table.rows.every((row) => row[i] === null || typeof row[i] === 'number'))
  )
}

/** A cell as a document shows it: empty as nothing, a number with the language's decimal mark. */
export function reportCellText(cell: ReportCell, language: Language): string {
  if (cell === null) return ''
  if (typeof cell === 'string') return cell
  if (!Number.isFinite(cell)) return ''
  return language === 'vi' ? String(cell).replace('.', ',') : String(cell)
}
