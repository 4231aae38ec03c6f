import type { Language } from '../../shared/i18n/language'
import { escapeHtml } from '../../shared/security/escape-html'

/**
 * The one head of every generated HTML document (summaries, reports, printed guides and sheets): a
 * self-contained page with its style inline, no script and nothing loaded from anywhere (the CSP meta
 * forbids it as well), so it opens and prints the same on any machine without a network. Its fonts are
 * the system's, or embedded as `data:` URLs (documents/fonts.ts).
 */
export const DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'"
/** For a document with inline `data:` images (slide images, charts): still nothing from anywhere else. */
export const DOCUMENT_WITH_IMAGES_CSP = `${DOCUMENT_CSP}; img-src data:`
/** For a document with embedded `data:` fonts as well. */
export const DOCUMENT_WITH_FONTS_CSP = `${DOCUMENT_WITH_IMAGES_CSP}; font-src data:`

function documentCsp(dataImages: boolean, dataFonts: boolean): string {
  if (dataFonts) return dataImages ? DOCUMENT_WITH_FONTS_CSP : `${DOCUMENT_CSP}; font-src data:`
  return dataImages ? DOCUMENT_WITH_IMAGES_CSP : DOCUMENT_CSP
}

export function htmlPage(parts: {
  language: Language
  title: string
  /** CSS, written as is: a constant of the caller's, never user text. */
  style: string
  /** Markup the caller built with every text escaped. */
  body: string
  /** Allows inline `data:` images. */
  dataImages?: boolean
  /** `@font-face` rules with `data:` fonts (documents/fonts.ts), written before the style; allows them. */
  fonts?: string
}): string {
  const fonts = parts.fonts ? `<style>\n${parts.fonts}\n</style>\n` : ''
  return (
    '<!doctype html>\n' +
    `<html lang="${escapeHtml(parts.language)}">\n<head>\n<meta charset="utf-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="${documentCsp(parts.dataImages ?? false, !!parts.fonts)}">\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    '<meta name="generator" content="Roundtable">\n' +
    `<title>${escapeHtml(parts.title)}</title>\n` +
    fonts +
    `<style>${parts.style}</style>\n</head>\n<body>\n${parts.body}\n</body>\n</html>\n`
  )
}
