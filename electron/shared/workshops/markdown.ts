import MarkdownIt from 'markdown-it'
import { imageNameOf } from './images'

/**
 * Slide Markdown, rendered the same way everywhere (presenter, audience, editor preview, exports).
 * Raw HTML is never rendered (`html: false` escapes it) and links are limited to http(s)/mailto.
 * Images come only from the package's `images/` folder, handed over as data URLs by the core
 * (`images` below): nothing in a slide can run script or load from the network.
 */
const renderer = new MarkdownIt({ html: false, linkify: false, typographer: false })
const SAFE_LINK = /^(https?:|mailto:)/i
// Package images pass here; links to them are turned back into plain text below.
renderer.validateLink = (url: string) => SAFE_LINK.test(url.trim()) || imageNameOf(url) !== null
renderer.core.ruler.push('only-safe-links', (state) => {
  for (const token of state.tokens) {
    const children = token.children ?? []
    const unsafe = new Set<number>()
    children.forEach((child, i) => {
      if (child.type === 'link_open' && !SAFE_LINK.test(String(child.attrGet('href') ?? ''))) {
        unsafe.add(i)
        const close = children.findIndex((c, j) => j > i && c.type === 'link_close' && c.level === child.level)
        if (close !== -1) unsafe.add(close)
      }
    })
    for (const i of unsafe) Object.assign(children[i]!, { type: 'text', content: '', tag: '' })
  }
})

/** Package images by file name (`photo.png`) as data URLs; what a slide's `images/photo.png` shows. */
export type SlideImages = Readonly<Record<string, string>>

renderer.renderer.rules.image = (tokens, index, _options, env?: Record<string, unknown>) => {
  const token = tokens[index]!
  const name = imageNameOf(String(token.attrGet('src') ?? ''))
  // A citation in alt text stays plain text: the citation spans below must never land inside an attribute.
  const alt = renderer.utils.escapeHtml(token.content.replace(CITATION_TEXT, '@$1'))
  const url = name ? (env?.images as SlideImages | undefined)?.[name] : undefined
  // Only data: URLs made by the core are ever put in src (the CSP allows 'self' and data:).
  if (!url?.startsWith('data:image/')) return `<span class="slide-image-missing">${alt}</span>`
  return `<img class="slide-image" src="${renderer.utils.escapeHtml(url)}" alt="${alt}">`
}

/** Same syntax with HTML switched on, only to find raw HTML and report it to the author. */
const htmlFinder = new MarkdownIt({ html: true })

const CITATION_TEXT = /\[@([A-Za-z0-9_-]+)(?:#(\d+))?\]/g

/** What a `[@verify-locally]` marker becomes: a prompt for the trainer (the audience view hides it). */
export const RENDERED_VERIFY_LOCALLY =
  '<span class="cite cite-verify" data-cite="verify-locally" title="Kiểm tra tại địa phương · Verify locally">⚠</span>'

export function renderMarkdown(markdown: string, images: SlideImages = {}): string {
  const html = renderer.render(markdown, { images })
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
