import { dayCell, type Cell, type DataTable } from '../documents/model'
import { labeller, type SummaryLabelKey } from './labels'
import type { PollSummary, QuizSummary, SessionSummary } from './schema'
import { rankingPollRows, wordRows } from './words-ranking'

/**
 * The summary's tables with machine values, the same for CSV and Excel: numbers stay numbers (plain,
 * no units), headers and texts in the summary's language, one table per file or sheet.
 */
export function summaryDataTables(summary: SessionSummary): DataTable[] {
  const l = labeller(summary.language)
  const table = (file: string, sheet: SummaryLabelKey, [columns, ...rows]: Cell[][], total?: Cell[]): DataTable => ({
    file,
    name: l(sheet),
    columns: columns!.map((c) => String(c)),
    rows,
    ...(total ? { total } : {})
  })
  const attendance = summary.attendance
  const allPolls = [...summary.polls, ...summary.feedback]
  return [
    table('session', 'sheet.session', sessionRows(summary)),
    table(
      'attendance',
      'sheet.attendance',
      [
        [l('attendance.sex'), ...attendance.ageGroups.map((g) => g.label), l('attendance.total')],
        ...attendance.rows.map((row) => [row.label, ...row.counts, row.total])
      ],
      [l('attendance.total'), ...attendance.columnTotals, attendance.total]
    ),
    table('timing', 'sheet.timing', ...timingRows(summary)),
    table('polls', 'sheet.polls', pollRows(summary)),
    table('open-answers', 'sheet.openAnswers', [
      [l('field.blockId'), l('poll.block'), l('poll.question'), l('poll.answer')],
      ...allPolls.flatMap((p) => p.openAnswers.map((text) => [p.blockId, p.title, p.question, text]))
    ]),
    // Only with a word cloud, so summaries without one keep their files and sheets.
    ...(allPolls.some((p) => p.words) ? [table('words', 'sheet.words', wordRows(summary))] : []),
    table('quizzes', 'sheet.quizzes', quizRows(summary)),
    table('quiz-questions', 'sheet.quizQuestions', questionRows(summary)),
    table('notes', 'sheet.notes', [
      [l('field.blockId'), l('notes.block'), l('notes.group'), l('notes.text')],
      ...summary.notes.flatMap((entry) =>
        entry.groups.flatMap((g) => g.notes.map((text) => [entry.blockId, entry.title, g.group, text]))
      )
    ]),
    table('parking-lot', 'sheet.parkingLot', [[l('parking.question')], ...summary.parkingLot.map((text) => [text])]),
    table('questions', 'sheet.questions', [
      [l('questions.question'), l('questions.votes'), l('questions.status')],
      ...(summary.questions?.items ?? []).map((q) => [q.text, q.votes, l(`questions.status.${q.status}`)])
    ]),
    // Only in summaries that have them, so older summaries keep their files and sheets.
    ...(summary.responses ? [table('responses', 'sheet.responses', responseRows(summary))] : [])
  ]
}

/** Individual anonymised responses in long format: codes, ids and answers only (README, "Exports"). */
function responseRows(summary: SessionSummary): Cell[][] {
  const l = labeller(summary.language)
  return [
    [
      l('field.sessionId'),
      l('responses.respondent'),
      l('field.blockId'),
      l('responses.questionId'),
      l('responses.source'),
      l('responses.answer'),
      l('responses.correct')
    ],
    ...(summary.responses ?? []).map((r) => [
      summary.sessionId,
      r.respondent,
      r.blockId,
      r.questionId,
      r.source,
      r.answer,
      r.correct ?? null
    ])
  ]
}

/** Respondents by how they answered; empty cells in summaries made before paper sheets and cards. */
function sourceColumns(summary: SessionSummary): string[] {
  const l = labeller(summary.language)
  return [l('source.column.phones'), l('source.column.paper'), l('source.column.cards'), l('source.column.hands')]
}

function sourceCells(item: PollSummary | QuizSummary): Cell[] {
  return item.sources
    ? [item.sources.phones, item.sources.paper, item.sources.cards, item.sources.hands]
    : [null, null, null, null]
}

/** The session's details and headline numbers as field/value rows. */
function sessionRows(summary: SessionSummary): Cell[][] {
  const l = labeller(summary.language)
  const { attendance, timing, quizzes } = summary
  return [
    [l('field.field'), l('field.value')],
    [l('field.workshop'), summary.workshop.title],
    [l('field.workshopId'), summary.workshop.id],
    [l('field.version'), summary.workshop.version],
    [l('field.venue'), summary.venue],
    [l('field.date'), dayCell(summary.date)],
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
}

function timingRows(summary: SessionSummary): [Cell[][], Cell[]] {
  const l = labeller(summary.language)
  const timing = summary.timing
  const rows: Cell[][] = [
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
  const total: Cell[] = [
    null,
    l('timing.total'),
    null,
    timing.plannedMinutes,
    timing.actualMinutes,
    round1(timing.actualMinutes - timing.plannedMinutes)
  ]

  return [rows, total]
}

function pollRows(summary: SessionSummary): Cell[][] {
  const l = labeller(summary.language)
  const allPolls = [...summary.polls, ...summary.feedback]
  return [
    [
      l('field.blockId'),
      l('poll.block'),
      l('poll.question'),
      l('poll.purpose'),
      l('poll.type'),
      l('poll.collected'),
      ...sourceColumns(summary),
      l('poll.respondents'),
      l('poll.optionId'),
      l('poll.option'),
      l('poll.count'),
      l('poll.mean')
    ],
    ...allPolls.flatMap((p) => {
      const head: Cell[] = [
        p.blockId,
        p.title,
        p.question,
        l(`poll.purpose.${p.purpose}`),
        l(`poll.type.${p.type}`),
        l(`collected.${p.collected}`),
        ...sourceCells(p),
        p.respondents
      ]
      const ranking = rankingPollRows(p, head)
      if (ranking) return ranking
      return p.options.length === 0
        ? [[...head, null, null, null, p.mean]]
        : p.options.map((o) => [...head, scalePointCell(p, o.key), scalePointCell(p, o.label), o.count, p.mean])
    })
  ]
}

function quizRows(summary: SessionSummary): Cell[][] {
  const l = labeller(summary.language)
  const quizzes = summary.quizzes
  return [
    [
      l('field.blockId'),
      l('quiz.test'),
      l('quiz.role'),
      l('poll.collected'),
      ...sourceColumns(summary),
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
}

function questionRows(summary: SessionSummary): Cell[][] {
  const l = labeller(summary.language)
  const quizzes = summary.quizzes
  return [
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
}

/**
 * A rating poll's scale point ("1".."5", and the label of a point without words) is a number a spreadsheet
 * computes with, not text Excel flags; option ids and labels of other polls stay text.
 */
function scalePointCell(poll: PollSummary, text: string): Cell {
  return poll.type === 'rating' && /^-?\d{1,3}$/.test(text) ? Number(text) : text
}

function round1(value: number): number {
  return Math.round(value * 10) / 10 || 0
}
