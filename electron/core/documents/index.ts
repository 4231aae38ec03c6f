/**
 * The document pipeline: one description of a generated document (model.ts) and one writer per format
 * (HTML, Markdown, CSV, Word, Excel), the download files and ZIP (export-files.ts), the one HTML shell
 * (html-page.ts, also the printed guides') and the one JSON file wrapper (json-file.ts). Summaries and
 * reports only describe their documents. Pure TypeScript; the office libraries load on first use.
 */
export * from './model'
export { documentToHtml } from './html'
export { DOCUMENT_CSP, DOCUMENT_WITH_IMAGES_CSP, htmlPage } from './html-page'
export { documentToMarkdown, escapeMarkdown, escapeMarkdownLines } from './markdown'
export { CSV_BOM, csvCell, documentToCsvFiles, tablesToCsvFiles, toCsv, type CsvCell } from './csv'
export { documentToDocx } from './docx'
export { documentToXlsx, sheetNames, tablesToXlsx } from './xlsx'
export { xmlSafeText } from './xml-text'
export {
  formatDate,
  formatInstant,
  formatNumber,
  formatPercent,
  formatSigned,
  NO_VALUE
} from '../../shared/documents/format'
export {
  documentExportFiles,
  exportFiles,
  type ExportedFile,
  type ExportFormat,
  type ExportWriters
} from './export-files'
export * from './json-file'
