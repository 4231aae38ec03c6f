import { labeller, type SummaryLabelKey } from './labels'
import type { PollSummary, QuizSummary, SessionSummary } from './schema'

/**
 * The summary as spreadsheet files, one CSV per table (RFC 4180: comma-separated, CRLF line ends,
 * fields with commas, quotes or line breaks quoted, quotes doubled). Each file starts with a UTF-8
 * byte order mark so Excel reads Vietnamese correctly. Numbers are plain (dot decimals, no units);
 * headers and texts are in the summary's language.
 */
export type CsvCell = string | number | null

export const CSV_BOM = '\uFEFF'

/** One field. Text that a spreadsheet would run as a formula (= + - @, tab, CR first) gets a leading apostrophe. */
export function csvCell(value: CsvCell): string {
  if (value === null) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv(rows: CsvCell[][]): string {
  return CSV_BOM + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

export type SummaryCsvFiles = Record<string, string>

/** One table of the summary with machine values: a CSV file, and a sheet of the Excel workbook. */
export interface SummaryTable {
  file: string
  /** The sheet name, in the summary's language. */
  sheet: string
  columns: string[]
  rows: CsvCell[][]
  /** The totals row, last. */
  total?: CsvCell[]
}

export function summaryToCsv(summary: SessionSummary): SummaryCsvFiles {
  return Object.fromEntries(
    summaryTables(summary).map((t) => [t.file, toCsv([t.columns, ...t.rows, ...(t.total ? [t.total] : [])])])
  )
}

/** The summary's tables, the same for CSV and Excel. */
export function summaryTables(summary: SessionSummary): SummaryTable[] {
  const l = labeller(summary.language)
  // Respondents by how they answered; empty cells in summaries made before paper sheets and cards.
  const sourceColumns = [l('source.column.phones'), l('source.column.paper'), l('source.column.cards'), l('source.column.hands')]
  const sourceCells = (item: PollSummary | QuizSummary): CsvCell[] =>
    item.sources ? [item.sources.phones, item.sources.paper, item.sources.cards, item.sources.hands] : [null, null, null, null]
  const { attendance, timing, quizzes } = summary
  const allPolls = [...summary.polls, ...summary.feedback]

  const session: CsvCell[][] = [
    [l('field.field'), l('field.value')],
    [l('field.workshop'), summary.workshop.title],
    [l('field.workshopId'), summary.workshop.id],
    [l('field.version'), summary.workshop.version],
    [l('field.venue'), summary.venue],
    [l('field.date'), summary.date],
    [l('field.plannedStart'), summary.plannedStart],
    [l('field.trainer'), summary.trainer],
    [l('field.language'), summary.language],
    [l('field.status'), l(`status.${summary.status}`)],
    [l('field.sessionId'), summary.sessionId],
    [l('field.generatedAt'), summary.generatedAt],
    [l('key.participants'), attendance.total],
    [l('timing.planned'), timing.plannedMinutes],
    [l('timing.actual'), timing.actualMinutes],
    [`${l('quiz.changeTitle')}: ${l('quiz.mean')}`, quizzes.change?.meanScorePoints ?? null],
    [`${l('quiz.changeTitle')}: ${l('quiz.mastered')}`, quizzes.change?.masteredPoints ?? null],
    [`${l('quiz.matchedGain')}: ${l('quiz.pairs')}`, quizzes.matchedGain.pairs],
    [`${l('quiz.matchedGain')}: ${l('quiz.meanGain')}`, quizzes.matchedGain.meanGainPoints],
    [l('section.closingRemarks'), summary.closingRemarks]
  ]

  const attendanceRows: CsvCell[][] = [
    [l('attendance.sex'), ...attendance.ageGroups.map((g) => g.label), l('attendance.total')],
    ...attendance.rows.map((row) => [row.label, ...row.counts, row.total])
  ]
  const attendanceTotal: CsvCell[] = [l('attendance.total'), ...attendance.columnTotals, attendance.total]

  const timingRows: CsvCell[][] = [
    [
      l('field.blockId'),
      l('timing.block'),
      l('timing.kind'),
      l('timing.planned'),
      l('timing.actual'),
      l('timing.difference')
    ],
    ...timing.blocks.map((b) => [
      b.blockId,
      b.title,
      l(`kind.${b.kind}`),
      b.plannedMinutes,
      b.ran ? b.actualMinutes : null,
      b.ran ? round1(b.actualMinutes - b.plannedMinutes) : null
    ])
  ]
  const timingTotal: CsvCell[] = [
    null,
    l('timing.total'),
    null,
    timing.plannedMinutes,
    timing.actualMinutes,
    round1(timing.actualMinutes - timing.plannedMinutes)
  ]

  const pollRows: CsvCell[][] = [
    [
      l('field.blockId'),
      l('poll.block'),
      l('poll.question'),
      l('poll.purpose'),
      l('poll.type'),
      l('poll.collected'),
      ...sourceColumns,
      l('poll.respondents'),
      l('poll.optionId'),
      l('poll.option'),
      l('poll.count'),
      l('poll.mean')
    ],
    ...allPolls.flatMap((p) => {
      const head: CsvCell[] = [
        p.blockId,
        p.title,
        p.question,
        l(`poll.purpose.${p.purpose}`),
        l(`poll.type.${p.type}`),
        l(`collected.${p.collected}`),
        ...sourceCells(p),
        p.respondents
      ]
      return p.options.length === 0
        ? [[...head, null, null, null, p.mean]]
        : p.options.map((o) => [...head, o.key, o.label, o.count, p.mean])
    })
  ]

  const openRows: CsvCell[][] = [
    [l('field.blockId'), l('poll.block'), l('poll.question'), l('poll.answer')],
    ...allPolls.flatMap((p) => p.openAnswers.map((text) => [p.blockId, p.title, p.question, text]))
  ]

  const quizRows: CsvCell[][] = [
    [
      l('field.blockId'),
      l('quiz.test'),
      l('quiz.role'),
      l('poll.collected'),
      ...sourceColumns,
      l('quiz.respondents'),
      l('quiz.mean'),
      l('quiz.mastered'),
      l('quiz.passed'),
      l('quiz.tested'),
      l('quiz.passMark')
    ],
    ...quizzes.tests.map((t) => [
      t.blockId,
      t.title,
      l(`quiz.role.${t.role}`),
      l(`collected.${t.collected}`),
      ...sourceCells(t),
      t.respondents,
      t.meanScorePercent,
      t.masteredPercent,
      t.passed,
      t.tested,
      t.passMarkPercent
    ])
  ]

  const questionRows: CsvCell[][] = [
    [
      l('field.blockId'),
      l('quiz.test'),
      l('quiz.questionId'),
      l('quiz.question'),
      l('quiz.correctRate'),
      l('quiz.correct'),
      l('quiz.answered'),
      l('quiz.handsColumn')
    ],
    ...quizzes.tests.flatMap((t) =>
      t.questions.map((q) => [
        t.blockId,
        t.title,
        q.questionId,
        q.text,
        q.correctPercent,
        q.correct,
        q.answered,
        q.hands ? q.hands.map((h) => `${h.label}: ${h.count}`).join('; ') : null
      ])
    )
  ]

  const noteRows: CsvCell[][] = [
    [l('field.blockId'), l('notes.block'), l('notes.group'), l('notes.text')],
    ...summary.notes.flatMap((entry) =>
      entry.groups.flatMap((g) => g.notes.map((text) => [entry.blockId, entry.title, g.group, text]))
    )
  ]

  const parkingRows: CsvCell[][] = [[l('parking.question')], ...summary.parkingLot.map((text) => [text])]

  const table = (file: string, sheet: SummaryLabelKey, [columns, ...rows]: CsvCell[][], total?: CsvCell[]) => ({
    file,
    sheet: l(sheet),
    columns: columns!.map((c) => String(c)),
    rows,
    ...(total ? { total } : {})
  })
  return [
    table('session.csv', 'sheet.session', session),
    table('attendance.csv', 'sheet.attendance', attendanceRows, attendanceTotal),
    table('timing.csv', 'sheet.timing', timingRows, timingTotal),
    table('polls.csv', 'sheet.polls', pollRows),
    table('open-answers.csv', 'sheet.openAnswers', openRows),
    table('quizzes.csv', 'sheet.quizzes', quizRows),
    table('quiz-questions.csv', 'sheet.quizQuestions', questionRows),
    table('notes.csv', 'sheet.notes', noteRows),
    table('parking-lot.csv', 'sheet.parkingLot', parkingRows)
  ]
}

function round1(value: number): number {
  return Math.round(value * 10) / 10 || 0
}
