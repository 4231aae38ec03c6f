/**
 * Office files for any report: Word documents and Excel workbooks from plain report data.
 * Pure TypeScript: the writer libraries are loaded on first use.
 */
export type { ReportCell, ReportDocument, ReportSection, ReportTable } from './report-document'
export { documentToDocx } from './docx'
export { sheetNames, tablesToXlsx } from './xlsx'
export { xmlSafeText } from './text'
