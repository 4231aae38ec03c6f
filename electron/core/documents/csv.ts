import type { Cell, DataTable, DocumentDescription } from './model'

/**
 * Tables as spreadsheet files, one CSV per table (RFC 4180: comma-separated, CRLF line ends, fields
 * with commas, quotes or line breaks quoted, quotes doubled). Each file starts with a UTF-8 byte order
 * mark so Excel reads Vietnamese correctly. Numbers are plain (dot decimals, no units).
 */
export type CsvCell = Cell

export const CSV_BOM = '\uFEFF'

/** One field. Text that a spreadsheet would run as a formula (= + - @, tab, CR first) gets a leading apostrophe. */
export function csvCell(value: CsvCell): string {
  if (value === null) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'object') return value.day
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv(rows: CsvCell[][]): string {
  return CSV_BOM + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

/** Data tables as files: file name (`<table>.csv`) → CSV text. */
export function tablesToCsvFiles(tables: DataTable[]): Record<string, string> {
  return Object.fromEntries(
    tables.map((t) => [`${t.file}.csv`, toCsv([t.columns, ...t.rows, ...(t.total ? [t.total] : [])])])
  )
}

export function documentToCsvFiles(doc: DocumentDescription): Record<string, string> {
  return tablesToCsvFiles(doc.tables ?? [])
}
