import { detailRows, keyFigureRows, formatInstant, formatNumber, formatPercent, formatSigned } from './format'
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

function table(header: string[], rows: Cell[][], numeric: boolean[]): string {
  const line = (cells: Cell[]): string => `| ${cells.map(cell).join(' | ')} |`
  const rule = `|${header.map((_, i) => (numeric[i] ? ' ---: ' : ' --- ')).join('|')}|`
  return [line(header), rule, ...rows.map(line)].join('\n')
}

/** For other reports built of the same pieces (the cross-session report). */
export { strong as markdownStrong, table as markdownTable }

export function summaryToMarkdown(summary: SessionSummary): string {
  const lang = summary.language
  const l = labeller(lang)
  const num = (value: number | null, digits = 1): string => formatNumber(lang, value, digits)
  const pct = (value: number | null): string => formatPercent(lang, value)
  const none = l('value.none')
  const out: string[] = []
  const push = (...parts: string[]): void => {
    out.push(...parts, '')
  }

  push(`# ${escapeMarkdown(l('doc.title'))}: ${escapeMarkdown(summary.workshop.title)}`)

  // Details
  push(`## ${escapeMarkdown(l('section.details'))}`)
  push(
    table(
      [l('field.field'), l('field.value')],
      detailRows(summary),
      [false, false]
    )
  )

  // Key figures
  const gain = summary.quizzes.matchedGain
  push(`## ${escapeMarkdown(l('section.keyFigures'))}`)
  push(keyFigureRows(summary).map(([label, value]) => `- **${escapeMarkdown(label)}:** ${escapeMarkdown(value)}`).join('\n'))

  // Attendance
  const a = summary.attendance
  push(`## ${escapeMarkdown(l('section.attendance'))}`)
  if (a.total === 0) push(`_${escapeMarkdown(l('attendance.none'))}_`)
  push(
    table(
      [l('attendance.sex'), ...a.ageGroups.map((g) => g.label), l('attendance.total')],
      [
        ...a.rows.map((row) => [row.label, ...row.counts, row.total]),
        [strong(l('attendance.total')), ...a.columnTotals, a.total]
      ],
      [false, ...a.ageGroups.map(() => true), true]
    )
  )

  // Timing
  const t = summary.timing
  push(`## ${escapeMarkdown(l('section.timing'))}`)
  push(
    table(
      [l('timing.block'), l('timing.kind'), l('timing.planned'), l('timing.actual'), l('timing.difference')],
      [
        ...t.blocks.map((b) => [
          b.title,
          l(`kind.${b.kind}`),
          num(b.plannedMinutes),
          b.ran ? num(b.actualMinutes) : l('timing.notRun'),
          b.ran ? formatSigned(lang, b.actualMinutes - b.plannedMinutes) : none
        ]),
        [
          strong(l('timing.total')),
          '',
          num(t.plannedMinutes),
          num(t.actualMinutes),
          formatSigned(lang, t.actualMinutes - t.plannedMinutes)
        ]
      ],
      [false, false, true, true, true]
    )
  )
  push(`_${escapeMarkdown(l('timing.explain'))}_`)

  // Knowledge
  const q = summary.quizzes
  push(`## ${escapeMarkdown(l('section.quizzes'))}`)
  if (q.tests.length === 0) push(`_${escapeMarkdown(l('quiz.none'))}_`)
  else {
    const rows: Cell[][] = q.tests.map((test) => [
      `${test.title} (${l(`quiz.role.${test.role}`)})`,
      l(`collected.${test.collected}`),
      test.respondents,
      num(test.meanScorePercent),
      test.masteredPercent === null ? none : `${num(test.masteredPercent)} (${test.passed}/${test.tested})`,
      num(test.passMarkPercent)
    ])
    if (q.change) {
      rows.push([
        strong(l('quiz.changeTitle')),
        '',
        '',
        formatSigned(lang, q.change.meanScorePoints),
        formatSigned(lang, q.change.masteredPoints),
        ''
      ])
    }
    push(
      table(
        [
          l('quiz.test'),
          l('poll.collected'),
          l('quiz.respondents'),
          l('quiz.mean'),
          l('quiz.mastered'),
          l('quiz.passMark')
        ],
        rows,
        [false, false, true, true, true, true]
      )
    )
    push(`_${escapeMarkdown(l('quiz.masteredExplain'))}_`)
    push(`### ${escapeMarkdown(l('quiz.matchedGain'))}`)
    push(
      escapeMarkdown(
        gain.pairs > 0 && gain.meanGainPoints !== null
          ? l('quiz.matchedGainText', {
              pairs: gain.pairs,
              points: l('unit.points', { value: formatSigned(lang, gain.meanGainPoints) })
            })
          : l('quiz.noPairs')
      )
    )
    if (q.change) {
      push(`### ${escapeMarkdown(l('quiz.correctRate'))}`)
      push(
        table(
          [l('quiz.question'), l('quiz.role.pre'), l('quiz.role.post'), l('quiz.change')],
          q.change.questions.map((x) => [
            x.text,
            pct(x.prePercent),
            pct(x.postPercent),
            formatSigned(lang, x.changePoints)
          ]),
          [false, true, true, true]
        )
      )
    } else {
      for (const test of q.tests) {
        push(`### ${escapeMarkdown(test.title)}: ${escapeMarkdown(l('quiz.correctRate'))}`)
        push(
          table(
            [l('quiz.question'), l('quiz.answered'), l('quiz.correctRate')],
            test.questions.map((x) => [x.text, x.answered, pct(x.correctPercent)]),
            [false, true, true]
          )
        )
      }
    }
  }

  // Polls and feedback
  const poll = (p: PollSummary): void => {
    push(`### ${escapeMarkdown(p.title)}`)
    push(block(p.question))
    const respondents = p.respondents === null ? l('poll.respondentsUnknown') : String(p.respondents)
    push(
      `_${escapeMarkdown(`${l(`poll.type.${p.type}`)} · ${l(`collected.${p.collected}`)} · ${l('poll.respondents')}: ${respondents}`)}_`
    )
    if (p.options.length > 0) {
      const votes = p.options.reduce((s, o) => s + o.count, 0)
      const base = p.respondents !== null && p.respondents > 0 ? p.respondents : votes
      push(
        table(
          [l('poll.option'), l('poll.count'), l('poll.share')],
          p.options.map((o) => [o.label, o.count, base > 0 ? pct((o.count / base) * 100) : none]),
          [false, true, true]
        )
      )
    }
    if (p.type === 'rating') {
      const scale = p.scale ? ` (${l('poll.scale', { min: p.scale.min, max: p.scale.max })})` : ''
      push(`**${escapeMarkdown(l('poll.mean'))}:** ${escapeMarkdown(num(p.mean, 2) + scale)}`)
    }
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
      push(`**${escapeMarkdown(group.group === '' ? l('notes.wholeRoom') : `${l('notes.group')}: ${group.group}`)}**`)
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
