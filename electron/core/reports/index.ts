/**
 * Reports: the report across sessions (sessions run here and imported summaries), described once for
 * the document pipeline (documents/), with its exports. Pure TypeScript: no Electron, DOM, file system or
 * network; the office writer libraries are loaded on first use.
 */
/** The office writers moved to the document pipeline (documents/); the names the reports used are kept. */
export type {
  Cell as ReportCell,
  DocumentDescription as ReportDocument,
  DocumentSection as ReportSection,
  DocumentTable as ReportTable
} from '../documents/model'
export { documentToDocx } from '../documents/docx'
export { sheetNames, tablesToXlsx } from '../documents/xlsx'
export { xmlSafeText } from '../documents/xml-text'
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
