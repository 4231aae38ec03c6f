/**
 * Session summaries for the programme / M&E team: built from a session (`buildSummary`), described as a
 * document (`summaryDocument`) that the writers in documents/ export (HTML, Markdown, CSV, Word, Excel),
 * and their JSON file.
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
export { summaryDocument } from './document'
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
export { summaryExportFiles, summaryToDocx, summaryToXlsx } from './office'
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
