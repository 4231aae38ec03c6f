/**
 * Reports: the report across sessions (sessions run here and imported summaries) with its exports,
 * and office files (Word, Excel) for any report. Pure TypeScript: no Electron, DOM, file system or
 * network; the office writer libraries are loaded on first use.
 */
export type { ReportCell, ReportDocument, ReportSection, ReportTable } from './report-document'
export { documentToDocx } from './docx'
export { sheetNames, tablesToXlsx } from './xlsx'
export { xmlSafeText } from './text'
export {
  buildCrossSessionReport,
  CrossSessionReportSchema,
  gatherSummaries,
  matchesFilter,
  ReportFilterSchema,
  workshopChoices,
  type CrossSessionReport,
  type Learning,
  type ReportFilter,
  type ReportSession,
  type SourcedSummary
} from './cross-session'
export { crossSessionDocument, crossSessionTables, type CrossSessionTable } from './document'
export {
  parseReportJson,
  REPORT_FILE_FORMAT,
  reportToCsv,
  reportToDocx,
  reportToHtml,
  reportToJson,
  reportToMarkdown,
  reportToXlsx,
  type ReportFile
} from './exports'
export { reportLabeller, type ReportLabelKey } from './labels'
