import {
  cellText,
  numericColumns,
  sectionBlocks,
  type Block,
  type Cell,
  type DocumentDescription,
  type DocumentTable
} from './model'

/**
 * Escapes text for GitHub-flavoured Markdown so that it shows as written and can neither add HTML,
 * links, emphasis or code, nor start a heading, list, quote or table row, nor break a table cell.
 * Returns one line per input line (callers decide how lines are joined).
 */
export function escapeMarkdownLines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) =>
      line
        .trimStart() // four leading spaces would start a code block
        .replace(/[\\`*_[\]|~]/g, '\\$&')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        // Block markers at the start of a line: a heading, a list item, a numbered item, a rule or an
        // underline that would turn the line above into a heading ("-5 min" or "+84" stay as they are).
        .replace(/^#/, '\\#')
        .replace(/^([-+=])(?=\s|$|[-=+\s]*$)/, '\\$1')
        .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
    )
}

/** Escaped text on one line (headings, emphasis, table cells without line breaks). */
export function escapeMarkdown(text: string): string {
  return escapeMarkdownLines(text)
    .filter((line) => line !== '')
    .join(' ')
}

/** Escaped text as a paragraph or list item body: hard line breaks, continuation lines indented. */
function block(text: string, indent = ''): string {
  return escapeMarkdownLines(text)
    .map((line, i) => (i === 0 ? line : `${indent}${line}`))
    .join('  \n')
}

/** Escaped text for a table cell: line breaks become `<br>` (the only line break a GFM cell has). */
function cell(text: string): string {
  const lines = escapeMarkdownLines(text).filter((line) => line !== '')
  return lines.length === 0 ? ' ' : lines.join('<br>')
}

/** A table; the total row's label in bold. */
function table(t: DocumentTable, language: DocumentDescription['language']): string {
  const text = (cells: Cell[]): string[] => t.columns.map((_, i) => cell(cellText(cells[i] ?? null, language)))
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`
  const numeric = numericColumns(t)
  const rule = `|${t.columns.map((_, i) => (numeric[i] ? ' ---: ' : ' --- ')).join('|')}|`
  const total = t.total
    ? [[`**${escapeMarkdown(cellText(t.total[0] ?? null, language))}**`, ...text(t.total).slice(1)]]
    : []
  return [line(t.columns.map(cell)), rule, ...t.rows.map((row) => line(text(row))), ...total.map(line)].join('\n')
}

const HASHES = { 1: '##', 2: '###', 3: '####' } as const

function blockToMarkdown(b: Block, language: DocumentDescription['language']): string[] {
  switch (b.kind) {
    case 'paragraph':
      if (b.label) return [`**${escapeMarkdown(b.label)}:** ${escapeMarkdown(b.text)}`]
      if (b.tone === 'strong') return [`**${escapeMarkdown(b.text)}**`]
      return [b.tone ? `_${escapeMarkdown(b.text)}_` : block(b.text)]
    case 'table':
      return [table(b.table, language)]
    case 'figures':
      return [
        b.table.rows
          .map(
            ([label, value]) =>
              `- **${escapeMarkdown(String(label ?? ''))}:** ${escapeMarkdown(cellText(value ?? null, language))}`
          )
          .join('\n')
      ]
    case 'list':
      return [b.items.map((text) => `- ${block(text, '  ')}`).join('\n')]
    case 'heading':
      return [`${HASHES[b.level]} ${escapeMarkdown(b.text)}`]
    case 'group':
      return b.blocks.flatMap((inner) => blockToMarkdown(inner, language))
  }
}

/** The document as GitHub-flavoured Markdown; every text escaped so that it shows as written. */
export function documentToMarkdown(doc: DocumentDescription): string {
  const out: string[] = [`# ${escapeMarkdown(doc.title)}`]
  if (doc.subtitle) out.push(`_${escapeMarkdown(doc.subtitle)}_`)
  for (const section of doc.sections) {
    out.push(`${HASHES[section.level ?? 1]} ${escapeMarkdown(section.heading)}`)
    out.push(...sectionBlocks(section).flatMap((b) => blockToMarkdown(b, doc.language)))
  }
  if (doc.footer && doc.footer.length > 0) out.push('---', ...doc.footer.map((text) => `_${escapeMarkdown(text)}_`))
  return `${out.join('\n\n')}\n`
}
