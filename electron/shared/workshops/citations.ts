/** Citations are written `[@source-id#paragraph]`; `[@verify-locally]` marks facts the trainer must check. */
export const VERIFY_LOCALLY = 'verify-locally'

export interface Citation {
  /** As written, without brackets: `ecpat-2019#4` or `verify-locally`. */
  key: string
  sourceId: string
  paragraph: number | null
  /** Character offset of the citation in the text it was found in. */
  offset: number
}

const CITATION = /\[@([A-Za-z0-9_-]+)(?:#(\d+))?\]/g

export function findCitations(text: string): Citation[] {
  const found: Citation[] = []
  for (const match of text.matchAll(CITATION)) {
    const sourceId = match[1] ?? ''
    const paragraph = match[2] === undefined ? null : Number(match[2])
    found.push({
      key: paragraph === null ? sourceId : `${sourceId}#${paragraph}`,
      sourceId,
      paragraph,
      offset: match.index ?? 0
    })
  }
  return found
}

/** Citation keys of a text, deduplicated and sorted: used to compare the two languages of a slide. */
export function citationSet(text: string): string[] {
  return [...new Set(findCitations(text).map((c) => c.key))].sort()
}

export function lineAt(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

/** Text as people read it: citation markers left out (projector, phones, titles in print). */
export function stripCitations(text: string): string {
  return tidyText(text.replace(CITATION, ''))
}

/** One space between words and none before punctuation, as left after markers are taken out. */
function tidyText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,;:!?…)\]])/g, '$1')
    .replace(/([([])\s+/g, '$1')
    .trim()
}
