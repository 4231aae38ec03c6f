import type { CellObject } from 'write-excel-file/universal'
import { cellText, type Cell, type DocumentDescription, type DocumentTable } from './model'
import { xmlSafeText } from './xml-text'

/** Excel's limits: a sheet name of at most 31 characters without []:*?/\, and 32,767 characters in a cell. */
const SHEET_NAME_MAX = 31
const CELL_TEXT_MAX = 32_767

/**
 * Tables as an Excel workbook (.xlsx), one sheet per table, as M&E officers load into their survey
 * tools: numbers stored as numbers, texts as texts (never run as formulas), the header row bold and
 * frozen. The writer library is loaded only when a workbook is made.
 */
export async function tablesToXlsx(tables: DocumentTable[]): Promise<Uint8Array> {
  if (tables.length === 0) throw new Error('a workbook needs at least one table')
  const { default: writeXlsxFile } = await import('write-excel-file/universal')
  const names = sheetNames(tables.map((t) => t.name))
  const sheets = tables.map((t, i) => ({
    sheet: names[i]!,
    stickyRowsCount: 1,
    columns: t.columns.map((_, c) => ({ width: columnWidth(t, c) })),
    data: [
      t.columns.map((text) => cell(text, true)),
      ...t.rows.map((row) => t.columns.map((_, c) => cell(row[c] ?? null))),
      ...(t.total ? [t.columns.map((_, c) => cell(t.total![c] ?? null, true))] : [])
    ]
  }))
  const blob = await writeXlsxFile(sheets, { fontFamily: 'Arial', fontSize: 10 }).toBlob()
  return new Uint8Array(await blob.arrayBuffer())
}

/** The document's data tables as a workbook. */
export function documentToXlsx(doc: DocumentDescription): Promise<Uint8Array> {
  return tablesToXlsx(doc.tables ?? [])
}

/**
 * A cell for the writer: numbers as numbers, calendar days as dates (shown YYYY-MM-DD), text typed as
 * text so "=…" stays text, empty as nothing.
 */
function cell(value: Cell, bold = false): CellObject | null {
  const style = bold ? { fontWeight: 'bold' as const } : {}
  if (typeof value === 'number') return Number.isFinite(value) ? { value, type: Number, ...style } : null
  if (value === null || value === '') return bold ? { ...style } : null
  if (typeof value === 'object') {
    return { value: new Date(`${value.day}T00:00:00Z`), type: Date, format: 'yyyy-mm-dd', ...style }
  }
  return { value: safeText(value), type: String, ...style }
}

function safeText(text: string): string {
  const safe = xmlSafeText(text)
  return safe.length > CELL_TEXT_MAX ? `${safe.slice(0, CELL_TEXT_MAX - 1)}…` : safe
}

/** Wide enough for the header and the longest value, within reason (in characters). */
function columnWidth(table: DocumentTable, column: number): number {
  const lengths = [table.columns[column] ?? '', ...table.rows.map((row) => row[column]), table.total?.[column]].map(
    (value) =>
      value === null || value === undefined
        ? 0
        : cellText(value, 'en')
            .split('\n')
            .reduce((m, l) => Math.max(m, l.length), 0)
  )
  return Math.min(60, Math.max(8, ...lengths) + 2)
}

/**
 * Valid, unique sheet names: characters Excel forbids become "-", no apostrophe at either end, at most
 * 31 characters, never empty, and a repeated name gets " (2)", " (3)"… (compared case-insensitively,
 * as Excel does).
 */
export function sheetNames(wanted: string[]): string[] {
  const taken = new Set<string>()
  return wanted.map((name, i) => {
    const clean =
      xmlSafeText(name)
        .replace(/[[\]:*?/\\\r\n\t]/g, '-')
        .replace(/^'+|'+$/g, '')
        .trim()
        .slice(0, SHEET_NAME_MAX)
        .trim() || `Sheet ${i + 1}`
    let candidate = clean
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
      const suffix = ` (${n})`
      candidate = `${clean.slice(0, SHEET_NAME_MAX - suffix.length).trimEnd()}${suffix}`
    }
    taken.add(candidate.toLowerCase())
    return candidate
  })
}
