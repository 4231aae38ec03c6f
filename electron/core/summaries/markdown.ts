import {
  attendanceTable,
  correctRateChangeTable,
  detailRows,
  formatInstant,
  keyFigureRows,
  matchedGainText,
  handsTables,
  noteGroupTitle,
  pollMeta,
  pollOptionsTable,
  questionsTable,
  ratingMeanText,
  testsTable,
  timingTable,
  type FormattedTable
} from './format'
import { labeller } from './labels'
import type { PollSummary, SessionSummary } from './schema'

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

/** Markdown built here from escaped text, inserted as it is. */
interface Trusted {
  md: string
}
type Cell = string | number | Trusted

function strong(text: string): Trusted {
  return { md: `**${escapeMarkdown(text)}**` }
}

/** Escaped text for a table cell: line breaks become `<br>` (the only line break a GFM cell has). */
function cell(text: Cell): string {
  if (typeof text === 'number') return String(text)
  if (typeof text === 'object') return text.md
  const lines = escapeMarkdownLines(text).filter((line) => line !== '')
  return lines.length === 0 ? ' ' : lines.join('<br>')
}

/** Escaped text as a paragraph or list item body: hard line breaks, continuation lines indented. */
function block(text: string, indent = ''): string {
  return escapeMarkdownLines(text)
    .map((line, i) => (i === 0 ? line : `${indent}${line}`))
    .join('  \n')
}

/** A shared table (format.ts), its total row's label in bold. */
function formattedTable(t: FormattedTable): string {
  const total: Cell[][] = t.total ? [[strong(String(t.total[0])), ...t.total.slice(1)]] : []
  return table(t.columns, [...t.rows, ...total], t.numeric)
}

function table(header: string[], rows: Cell[][], numeric: boolean[]): string {
  const line = (cells: Cell[]): string => `| ${cells.map(cell).join(' | ')} |`
  const rule = `|${header.map((_, i) => (numeric[i] ? ' ---: ' : ' --- ')).join('|')}|`
  return [line(header), rule, ...rows.map(line)].join('\n')
}

/** For other reports built of the same pieces (the cross-session report). */
export { strong as markdownStrong, table as markdownTable }

export function summaryToMarkdown(summary: SessionSummary): string {
  const l = labeller(summary.language)
  const out: string[] = []
  const push = (...parts: string[]): void => {
    out.push(...parts, '')
  }

  push(`# ${escapeMarkdown(l('doc.title'))}: ${escapeMarkdown(summary.workshop.title)}`)

  // Details
  push(`## ${escapeMarkdown(l('section.details'))}`)
  push(table([l('field.field'), l('field.value')], detailRows(summary), [false, false]))

  // Key figures
  push(`## ${escapeMarkdown(l('section.keyFigures'))}`)
  push(
    keyFigureRows(summary)
      .map(([label, value]) => `- **${escapeMarkdown(label)}:** ${escapeMarkdown(value)}`)
      .join('\n')
  )

  // Attendance
  push(`## ${escapeMarkdown(l('section.attendance'))}`)
  if (summary.attendance.total === 0) push(`_${escapeMarkdown(l('attendance.none'))}_`)
  push(formattedTable(attendanceTable(summary)))

  // Timing
  push(`## ${escapeMarkdown(l('section.timing'))}`)
  push(formattedTable(timingTable(summary)))
  push(`_${escapeMarkdown(l('timing.explain'))}_`)

  // Knowledge
  const q = summary.quizzes
  push(`## ${escapeMarkdown(l('section.quizzes'))}`)
  if (q.tests.length === 0) push(`_${escapeMarkdown(l('quiz.none'))}_`)
  else {
    push(formattedTable(testsTable(summary)))
    push(`_${escapeMarkdown(l('quiz.masteredExplain'))}_`)
    push(`### ${escapeMarkdown(l('quiz.matchedGain'))}`)
    push(escapeMarkdown(matchedGainText(summary)))
    const change = correctRateChangeTable(summary)
    if (change) {
      push(`### ${escapeMarkdown(l('quiz.correctRate'))}`)
      push(formattedTable(change))
    } else {
      for (const test of q.tests) {
        push(`### ${escapeMarkdown(test.title)}: ${escapeMarkdown(l('quiz.correctRate'))}`)
        push(formattedTable(questionsTable(summary, test)))
      }
    }
    const hands = handsTables(summary)
    if (hands.length > 0) {
      push(`### ${escapeMarkdown(l('quiz.handsTitle'))}`)
      push(`_${escapeMarkdown(l('quiz.handsExplain'))}_`)
      for (const { title, table } of hands) {
        push(`#### ${escapeMarkdown(title)}`)
        push(formattedTable(table))
      }
    }
  }

  // Polls and feedback
  const poll = (p: PollSummary): void => {
    push(`### ${escapeMarkdown(p.title)}`)
    push(block(p.question))
    push(`_${escapeMarkdown(pollMeta(summary, p))}_`)
    const options = pollOptionsTable(summary, p)
    if (options) push(formattedTable(options))
    if (p.type === 'rating')
      push(`**${escapeMarkdown(l('poll.mean'))}:** ${escapeMarkdown(ratingMeanText(summary, p))}`)
    if (p.type === 'open') {
      if (p.openAnswers.length === 0) push(`_${escapeMarkdown(l('poll.noOpenAnswers'))}_`)
      else {
        push(`**${escapeMarkdown(l('poll.openAnswers'))}**`)
        push(p.openAnswers.map((text) => `- ${block(text, '  ')}`).join('\n'))
      }
    }
  }
  push(`## ${escapeMarkdown(l('section.polls'))}`)
  if (summary.polls.length === 0) push(`_${escapeMarkdown(l('poll.none'))}_`)
  summary.polls.forEach(poll)
  push(`## ${escapeMarkdown(l('section.feedback'))}`)
  if (summary.feedback.length === 0) push(`_${escapeMarkdown(l('feedback.none'))}_`)
  summary.feedback.forEach(poll)

  // Notes, parking lot, closing remarks
  push(`## ${escapeMarkdown(l('section.notes'))}`)
  if (summary.notes.length === 0) push(`_${escapeMarkdown(l('notes.none'))}_`)
  for (const entry of summary.notes) {
    push(`### ${escapeMarkdown(entry.title)}`)
    for (const group of entry.groups) {
      push(`**${escapeMarkdown(noteGroupTitle(summary, group.group))}**`)
      push(group.notes.map((text) => `- ${block(text, '  ')}`).join('\n'))
    }
  }
  push(`## ${escapeMarkdown(l('section.parkingLot'))}`)
  push(
    summary.parkingLot.length === 0
      ? `_${escapeMarkdown(l('parking.none'))}_`
      : summary.parkingLot.map((text) => `- ${block(text, '  ')}`).join('\n')
  )
  push(`## ${escapeMarkdown(l('section.closingRemarks'))}`)
  push(summary.closingRemarks.trim() === '' ? `_${escapeMarkdown(l('remarks.none'))}_` : block(summary.closingRemarks))

  push('---')
  push(`_${escapeMarkdown(l('doc.generated', { time: formatInstant(summary.generatedAt) }))}_`)
  push(`_${escapeMarkdown(l('doc.privacy'))}_`)
  return `${out.join('\n').trimEnd()}\n`
}
