/**
 * The report across sessions (sessions run here and imported summaries) and its exports.
 * Pure TypeScript: no Electron, DOM, file system or network.
 */
export {
  buildCrossSessionReport,
  CrossSessionReportSchema,
  gatherSummaries,
  learningOf,
  matchesFilter,
  ReportFilterSchema,
  workshopChoices,
  type CrossSessionReport,
  type Learning,
  type ReportFilter,
  type ReportSession,
  type SourcedSummary
} from './cross-session'
export {
  crossSessionDocument,
  crossSessionTables,
  type DocumentSection,
  type DocumentTable,
  type NeutralTable,
  type ReportDocument
} from './document'
export {
  parseReportJson,
  REPORT_FILE_FORMAT,
  REPORT_FILE_VERSION,
  ReportFileSchema,
  reportToCsv,
  reportToHtml,
  reportToJson,
  reportToMarkdown,
  type ReportFile
} from './exports'
export { reportLabeller, type ReportLabelKey } from './labels'
