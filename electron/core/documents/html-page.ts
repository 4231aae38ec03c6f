import type { Language } from '../../shared/i18n/language'
import { escapeHtml } from '../../shared/security/escape-html'

/**
 * The one head of every generated HTML document (summaries, reports, printed guides and sheets): a
 * self-contained page with its style inline, system fonts, no script and nothing loaded from anywhere
 * (the CSP meta forbids it as well), so it opens and prints the same on any machine without a network.
 */
export const DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'"
/** For a document with inline `data:` images (slide images, charts): still nothing from anywhere else. */
export const DOCUMENT_WITH_IMAGES_CSP = `${DOCUMENT_CSP}; img-src data:`

export function htmlPage(parts: {
  language: Language
  title: string
  /** CSS, written as is: a constant of the caller's, never user text. */
  style: string
  /** Markup the caller built with every text escaped. */
  body: string
  /** Allows inline `data:` images. */
  dataImages?: boolean
}): string {
  return (
    '<!doctype html>\n' +
    `<html lang="${escapeHtml(parts.language)}">\n<head>\n<meta charset="utf-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="${parts.dataImages ? DOCUMENT_WITH_IMAGES_CSP : DOCUMENT_CSP}">\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    '<meta name="generator" content="Roundtable">\n' +
    `<title>${escapeHtml(parts.title)}</title>\n` +
    `<style>${parts.style}</style>\n</head>\n<body>\n${parts.body}\n</body>\n</html>\n`
  )
}
