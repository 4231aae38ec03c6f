import { CSV_BOM, csvCell, tablesToCsvFiles, toCsv, type CsvCell } from '../documents/csv'
import { summaryDataTables } from './data-tables'
import type { SessionSummary } from './schema'

/** The CSV writer lives with the document writers; re-exported for the summary's callers. */
export { CSV_BOM, csvCell, toCsv, type CsvCell }

export type SummaryCsvFiles = Record<string, string>

/** One table of the summary with machine values: a CSV file, and a sheet of the Excel workbook. */
export interface SummaryTable {
  /** The CSV file's name, e.g. `session.csv`. */
  file: string
  /** The sheet name, in the summary's language. */
  sheet: string
  columns: string[]
  rows: CsvCell[][]
  /** The totals row, last. */
  total?: CsvCell[]
}

/** The summary as spreadsheet files, one CSV per table (documents/csv.ts says how). */
export function summaryToCsv(summary: SessionSummary): SummaryCsvFiles {
  return tablesToCsvFiles(summaryDataTables(summary))
}

/** The summary's tables, the same for CSV and Excel. */
export function summaryTables(summary: SessionSummary): SummaryTable[] {
  return summaryDataTables(summary).map(({ file, name, columns, rows, total }) => ({
    file: `${file}.csv`,
    sheet: name,
    columns,
    rows,
    ...(total ? { total } : {})
  }))
}
