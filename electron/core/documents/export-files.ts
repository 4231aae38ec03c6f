import { zipFiles } from '../workshops/package-file'
import { documentToCsvFiles } from './csv'
import { documentToDocx } from './docx'
import type { DocumentFonts } from './fonts'
import { documentToHtml } from './html'
import { documentToMarkdown } from './markdown'
import type { DocumentDescription } from './model'
import { documentToXlsx } from './xlsx'

export type ExportFormat = 'html' | 'markdown' | 'csv' | 'json' | 'docx' | 'xlsx'
type OfficeFormat = 'docx' | 'xlsx'

const OFFICE_MEDIA_TYPES: Record<OfficeFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
}

export interface ExportedFile {
  name: string
  content: string
  type: string
  base64: boolean
}

/** One writer per format, for a report (session summary or cross-session report) in one language. */
export interface ExportWriters {
  html: () => string
  markdown: () => string
  json: () => string
  /** File name → text, one per table. */
  csv: () => Record<string, string>
  docx: () => Promise<Uint8Array>
  xlsx: () => Promise<Uint8Array>
}

/**
 * A report as the file(s) to download, named `<base>.<ext>`. CSV is one file per table delivered in
 * one ZIP (`<base>-csv.zip`): one download, one place on the USB stick. Binary files (the ZIP, Word,
 * Excel) come in base64. Only the asked-for writer runs.
 */
export async function exportFiles(base: string, format: ExportFormat, writers: ExportWriters): Promise<ExportedFile[]> {
  switch (format) {
    case 'html':
      return [{ name: `${base}.html`, content: writers.html(), type: 'text/html', base64: false }]
    case 'markdown':
      return [{ name: `${base}.md`, content: writers.markdown(), type: 'text/markdown', base64: false }]
    case 'json':
      return [{ name: `${base}.json`, content: writers.json(), type: 'application/json', base64: false }]
    case 'csv': {
      const zip = await zipFiles(
        Object.entries(writers.csv()).map(([name, text]) => ({ name: `${base}/${name}`, text }))
      )
      return [{ name: `${base}-csv.zip`, content: zip.toString('base64'), type: 'application/zip', base64: true }]
    }
    case 'docx':
    case 'xlsx': {
      const bytes = await writers[format]()
      return [
        {
          name: `${base}.${format}`,
          content: Buffer.from(bytes).toString('base64'),
          type: OFFICE_MEDIA_TYPES[format],
          base64: true
        }
      ]
    }
  }
}

/**
 * A document as the file(s) to download in one format: every format from the one description (made
 * only when asked for), JSON from the caller's own file wrapper; HTML with the app's `fonts` embedded.
 */
export function documentExportFiles(
  base: string,
  format: ExportFormat,
  describe: () => DocumentDescription,
  json: () => string,
  fonts?: DocumentFonts
): Promise<ExportedFile[]> {
  return exportFiles(base, format, {
    html: () => documentToHtml(describe(), fonts),
    markdown: () => documentToMarkdown(describe()),
    json,
    csv: () => documentToCsvFiles(describe()),
    docx: () => documentToDocx(describe()),
    xlsx: () => documentToXlsx(describe())
  })
}
