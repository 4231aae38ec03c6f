import type { DocumentFonts } from '../documents/fonts'
import { documentToHtml } from '../documents/html'
import { DOCUMENT_WITH_IMAGES_CSP } from '../documents/html-page'
import { escapeHtml } from '../../shared/security/escape-html'
import { summaryDocument } from './document'
import type { SessionSummary } from './schema'

export { escapeHtml }

/** Nothing may load or run; inline CSS and `data:` images only (the CSP of every generated document). */
export const SUMMARY_CSP = DOCUMENT_WITH_IMAGES_CSP

/** The summary as one self-contained, printable HTML page (documents/html.ts lays it out). */
export function summaryToHtml(summary: SessionSummary, fonts?: DocumentFonts): string {
  return documentToHtml(summaryDocument(summary), fonts)
}
