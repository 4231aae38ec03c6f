/**
 * Splitting a slides file: slides are separated by a line holding only `---`; in a slide, a line
 * holding only `Note:` starts the speaker notes.
 */
export interface ParsedSlide {
  /** 1-based line of the slide's first line in its file. */
  line: number
  body: string
  notes: string
  /** Lines (1-based, in the file) of body and notes, to point problems at the right place. */
  bodyLine: number
  notesLine: number | null
}

export function splitSlides(markdown: string): ParsedSlide[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n')
  const slides: ParsedSlide[] = []
  let start = 0
  const flush = (end: number): void => {
    const chunk = lines.slice(start, end)
    const noteAt = chunk.findIndex((l) => l.trim() === 'Note:')
    const bodyLines = noteAt === -1 ? chunk : chunk.slice(0, noteAt)
    const noteLines = noteAt === -1 ? [] : chunk.slice(noteAt + 1)
    slides.push({
      line: start + 1,
      body: bodyLines.join('\n').trim(),
      notes: noteLines.join('\n').trim(),
      bodyLine: start + 1,
      notesLine: noteAt === -1 ? null : start + noteAt + 2
    })
  }
  lines.forEach((line, index) => {
    if (line.trim() === '---') {
      flush(index)
      start = index + 1
    }
  })
  flush(lines.length)
  // A trailing separator leaves an empty last chunk: not a slide.
  return slides.filter((s, i) => i < slides.length - 1 || s.body !== '' || s.notes !== '')
}
