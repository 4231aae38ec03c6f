import { documentToDocx } from '../documents/docx'
import { documentExportFiles, type ExportedFile, type ExportFormat } from '../documents/export-files'
import type { DocumentFonts } from '../documents/fonts'
import { tablesToXlsx } from '../documents/xlsx'
import { summaryDataTables } from './data-tables'
import { summaryDocument } from './document'
import { summaryToJson } from './json'
import type { SessionSummary } from './schema'

/**
 * The summary as office files: a Word document with the same sections, rows and numbers as the HTML
 * (for the donor report that programme staff edit), and an Excel workbook with the CSV export's tables,
 * one sheet each (for M&E tools), with the anonymised responses per respondent. Both in the summary's language.
 */
export async function summaryToDocx(summary: SessionSummary): Promise<Uint8Array> {
  return documentToDocx(summaryDocument(summary))
}

export async function summaryToXlsx(summary: SessionSummary): Promise<Uint8Array> {
  return tablesToXlsx(summaryDataTables(summary))
}

/**
 * A session summary as the file(s) to download in one format, named `<base>.<ext>`: the same for a
 * session run here and for a summary imported from another laptop.
 */
export function summaryExportFiles(
  summary: SessionSummary,
  base: string,
  format: ExportFormat,
  fonts?: DocumentFonts
): Promise<ExportedFile[]> {
  return documentExportFiles(
    base,
    format,
    () => summaryDocument(summary),
    () => summaryToJson(summary),
    fonts
  )
}
