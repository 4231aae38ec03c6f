import { findCitations, stripCitations, VERIFY_LOCALLY } from '../../shared/workshops/citations'
import { RENDERED_VERIFY_LOCALLY, renderMarkdown, type SlideImages } from '../../shared/workshops/markdown'
import type { GuideLabels, GuideLanguage } from './labels'
import { escapeHtml } from './printable-html'

/**
 * Workshop text on its way into a printed document: escaped, with `[@source#n]` citations turned into
 * small markers, while keeping count of how often each source is cited and collecting every
 * `[@verify-locally]` claim (the sentence it sits in) for the trainer's checklist.
 *
 * Each text is registered under a key the first time it is rendered; rendering the same key again (a
 * post-test listing the pre-test's questions) reuses its numbers and counts nothing twice.
 */

export interface VerifyItem {
  /** 1-based, in document order; the inline marker shows the same number. */
  number: number
  /** The sentence holding the marker(s), as plain text without citation markers. */
  sentence: string
  /** Where in the workshop it is, as plain text. */
  where: string
  /** How many `[@verify-locally]` markers that sentence holds. */
  markers: number
}

const CITATION = /\[@([A-Za-z0-9_-]+)(?:#(\d+))?\]/g
const VERIFY_MARKER = /\[@verify-locally\]/g
/** Citations written after the full stop ("… end. [@x]") belong to the sentence before it. */
const CITATIONS_AFTER_STOP = /([.!?…])((?:\s*\[@[A-Za-z0-9_-]+(?:#\d+)?\])+)/g
/** What renderMarkdown makes of `[@verify-locally]`. */
const RENDERED_VERIFY = RENDERED_VERIFY_LOCALLY

/** Plain text split into the units sentences never cross: paragraphs (blank-line separated). */
function plainUnits(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s*\n\s*/g, ' ').trim())
    .filter((unit) => unit !== '')
}

/** Markdown as plain-text units: headings and list items stand alone, paragraph lines are joined. */
function markdownUnits(markdown: string): string[] {
  const units: string[] = []
  let current: string[] = []
  const flush = (): void => {
    if (current.length > 0) units.push(current.join(' '))
    current = []
  }
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim()
    if (line === '') {
      flush()
      continue
    }
    const heading = /^#{1,6}\s+/.test(line)
    const item = /^([-*+]|\d+[.)])\s+/.test(line)
    if (heading || item) flush()
    current.push(line.replace(/^(#{1,6}|>|[-*+]|\d+[.)])\s+/, ''))
    if (heading) flush()
  }
  flush()
  return units.map(stripInlineMarkdown)
}

function stripInlineMarkdown(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // [link text](address)
    .replace(/\*\*|__|`/g, '')
    .replace(/(^|[\s(])[*_](?=\S)/g, '$1')
    .replace(/(\S)[*_](?=[\s).,;:!?]|$)/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, '$1')
}

export class CitedTexts {
  /** Source id (and `verify-locally`) → how many times the rendered texts cite it. */
  readonly citationCounts = new Map<string, number>()
  readonly verifyItems: VerifyItem[] = []
  /** Text key → the checklist number of each verify marker in that text, in order. */
  private readonly registered = new Map<string, number[]>()
  private readonly sentences: Intl.Segmenter

  constructor(
    private readonly labels: GuideLabels,
    language: GuideLanguage
  ) {
    this.sentences = new Intl.Segmenter(language, { granularity: 'sentence' })
  }

  /** Plain text as inline HTML: escaped, citations as markers, line breaks kept. */
  inline(key: string, text: string, where: string): string {
    const numbers = this.register(key, text, where, plainUnits)
    return this.markers(escapeHtml(text.trim()), numbers).replace(/\r?\n/g, '<br>')
  }

  /** Plain text as one or more `<p>` (blank lines separate paragraphs). */
  paragraphs(key: string, text: string, where: string): string {
    const numbers = this.register(key, text, where, plainUnits)
    return this.markers(escapeHtml(text.trim()), numbers)
      .split(/\r?\n\s*\r?\n/)
      .map((paragraph) => `<p>${paragraph.trim().replace(/\r?\n/g, '<br>')}</p>`)
      .join('')
  }

  /** Slide Markdown through the app's one safe renderer (package images as data URLs), verify markers numbered. */
  markdown(key: string, markdown: string, where: string, images: SlideImages = {}): string {
    const numbers = this.register(key, markdown, where, markdownUnits)
    const html = renderMarkdown(markdown, images)
    const found = html.split(RENDERED_VERIFY).length - 1
    let next = 0
    return html.replaceAll(RENDERED_VERIFY, () => {
      // Numbers only when every marker was found in a sentence; otherwise a plain warning sign.
      const number = found === numbers.length ? numbers[next++] : undefined
      return this.verifyMarker(number)
    })
  }

  count(sourceId: string): number {
    return this.citationCounts.get(sourceId) ?? 0
  }

  private markers(escaped: string, numbers: number[]): string {
    let next = 0
    return escaped.replace(CITATION, (_all, id: string, paragraph?: string) => {
      if (id === VERIFY_LOCALLY) return this.verifyMarker(numbers[next++])
      const key = escapeHtml(paragraph ? `${id}#${paragraph}` : id)
      return `<span class="cite" data-cite="${key}">${key}</span>`
    })
  }

  private verifyMarker(number: number | undefined): string {
    const text = number === undefined ? '⚠' : this.labels.verifyMarker(number)
    return `<span class="cite cite-verify" data-cite="verify-locally">${escapeHtml(text)}</span>`
  }

  private register(key: string, text: string, where: string, units: (text: string) => string[]): number[] {
    const known = this.registered.get(key)
    if (known) return known
    for (const citation of findCitations(text)) {
      this.citationCounts.set(citation.sourceId, this.count(citation.sourceId) + 1)
    }
    const numbers: number[] = []
    if (text.includes(`[@${VERIFY_LOCALLY}]`)) {
      for (const unit of units(text)) {
        const normalised = unit.replace(CITATIONS_AFTER_STOP, '$2$1')
        for (const { segment } of this.sentences.segment(normalised)) {
          const markers = segment.match(VERIFY_MARKER)?.length ?? 0
          if (markers === 0) continue
          const item: VerifyItem = {
            number: this.verifyItems.length + 1,
            sentence: stripCitations(segment) || stripCitations(unit) || '—',
            where,
            markers
          }
          this.verifyItems.push(item)
          for (let i = 0; i < markers; i++) numbers.push(item.number)
        }
      }
    }
    this.registered.set(key, numbers)
    return numbers
  }
}
