/**
 * Session summaries for the programme / M&E team, and their exports (HTML, Markdown, CSV, JSON, Word, Excel).
 * Pure TypeScript: no Electron, DOM, file system or network.
 */
export { buildSummary, round } from './summary'
export {
  SessionSummarySchema,
  type Collected,
  type PollSummary,
  type QuizChange,
  type QuizSummary,
  type SessionSummary,
  type TimingBlock
} from './schema'
export { SUMMARY_LABELS, summaryLabel, labeller, type SummaryLabelKey } from './labels'
export { escapeHtml, summaryToHtml, SUMMARY_CSP } from './html'
export { escapeMarkdown, escapeMarkdownLines, summaryToMarkdown } from './markdown'
export {
  csvCell,
  toCsv,
  summaryToCsv,
  summaryTables,
  CSV_BOM,
  type CsvCell,
  type SummaryCsvFiles,
  type SummaryTable
} from './csv'
export {
  summaryExportFiles,
  summaryToDocx,
  summaryToXlsx
} from './office'
export {
  parseSummaryJson,
  summaryToJson,
  SummaryFileError,
  SummaryFileSchema,
  SUMMARY_FILE_FORMAT,
  SUMMARY_FILE_VERSION,
  type SummaryFile,
  type SummaryFileProblem
} from './json'
