import { documentToMarkdown, escapeMarkdown, escapeMarkdownLines } from '../documents/markdown'
import { summaryDocument } from './document'
import type { SessionSummary } from './schema'

/** The Markdown writer lives with the document writers; re-exported for the summary's callers. */
export { escapeMarkdown, escapeMarkdownLines }

export function summaryToMarkdown(summary: SessionSummary): string {
  return documentToMarkdown(summaryDocument(summary))
}
