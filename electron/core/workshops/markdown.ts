import MarkdownIt from 'markdown-it'

/**
 * Slide Markdown, rendered the same way everywhere (presenter, audience, exports).
 * Raw HTML is never rendered (`html: false` escapes it), links are limited to http(s)/mailto, and
 * images are not part of format 1, so nothing in a slide can run script or load from the network.
 */
const renderer = new MarkdownIt({ html: false, linkify: false, typographer: false })
renderer.disable(['image'])
const SAFE_LINK = /^(https?:|mailto:)/i
renderer.validateLink = (url: string) => SAFE_LINK.test(url.trim())

/** Same syntax with HTML switched on, only to find raw HTML and report it to the author. */
const htmlFinder = new MarkdownIt({ html: true })

const CITATION_TEXT = /\[@([A-Za-z0-9_-]+)(?:#(\d+))?\]/g

/** What a `[@verify-locally]` marker becomes: a prompt for the trainer (the audience view hides it). */
export const RENDERED_VERIFY_LOCALLY =
  '<span class="cite cite-verify" data-cite="verify-locally" title="Kiểm tra tại địa phương · Verify locally">⚠</span>'

export function renderMarkdown(markdown: string): string {
  const html = renderer.render(markdown)
  // Citation keys are [A-Za-z0-9_-#] only, so they can be wrapped without escaping concerns.
  return html.replace(CITATION_TEXT, (_all, id: string, paragraph?: string) => {
    if (id === 'verify-locally') return RENDERED_VERIFY_LOCALLY
    const key = paragraph ? `${id}#${paragraph}` : id
    return `<span class="cite" data-cite="${key}">${key}</span>`
  })
}

export interface RawHtmlFound {
  /** 1-based line within the Markdown text. */
  line: number
  snippet: string
}

export function findRawHtml(markdown: string): RawHtmlFound[] {
  const found: RawHtmlFound[] = []
  const tokens = htmlFinder.parse(markdown, {})
  for (const token of tokens) {
    if (token.type === 'html_block') {
      found.push({ line: (token.map?.[0] ?? 0) + 1, snippet: token.content.trim().slice(0, 60) })
    }
    if (token.type === 'inline') {
      for (const child of token.children ?? []) {
        if (child.type === 'html_inline') {
          found.push({ line: (token.map?.[0] ?? 0) + 1, snippet: child.content.slice(0, 60) })
        }
      }
    }
  }
  return found
}
