import type { Language } from '../../shared/i18n/language'
import { formatDate, formatInstant, formatNumber, formatPercent, formatSigned } from '../../shared/documents/format'
import { labeller } from './labels'
import type { PollSummary, QuizSummary, SessionSummary } from './schema'

/** The shared formats live with the document writers; re-exported for the summary's callers. */
export { formatDate, formatInstant, formatNumber, formatPercent, formatSigned }

/** The session's details as label/value rows, in the summary's language: the same in every export. */
export function detailRows(summary: SessionSummary): [label: string, value: string][] {
  const l = labeller(summary.language)
  const none = l('value.none')
  return [
    [l('field.workshop'), summary.workshop.title],
    [l('field.workshopId'), `${summary.workshop.id} · ${l('field.version')} ${summary.workshop.version}`],
    [l('field.venue'), summary.venue || none],
    [l('field.date'), formatDate(summary.language, summary.date)],
    [l('field.plannedStart'), summary.plannedStart],
    [l('field.trainer'), summary.trainer || none],
    [l('field.language'), l(`language.${summary.language}`)],
    [l('field.status'), l(`status.${summary.status}`)],
    [l('field.sessionId'), summary.sessionId]
  ]
}

/** The headline figures (participants, time, test means, gain, feedback), the same in every export. */
export function keyFigureRows(summary: SessionSummary): [label: string, value: string][] {
  const lang = summary.language
  const l = labeller(lang)
  const none = l('value.none')
  const pre = summary.quizzes.tests.find((t) => t.role === 'pre')
  const post = summary.quizzes.tests.find((t) => t.role === 'post')
  const rating = summary.feedback.find((p) => p.type === 'rating' && p.mean !== null)
  const gain = summary.quizzes.matchedGain.meanGainPoints
  return [
    [l('key.participants'), String(summary.attendance.total)],
    [l('key.duration'), l('unit.minutes', { value: formatNumber(lang, summary.timing.actualMinutes) })],
    [l('key.preMean'), formatPercent(lang, pre?.meanScorePercent ?? null)],
    [l('key.postMean'), formatPercent(lang, post?.meanScorePercent ?? null)],
    [l('key.gain'), gain === null ? none : l('unit.points', { value: formatSigned(lang, gain) })],
    [l('key.feedback'), rating && rating.scale ? `${formatNumber(lang, rating.mean, 2)} / ${rating.scale.max}` : none]
  ]
}

/**
 * A table of the summary as formatted texts (counts stay numbers), for the summary's document
 * (document.ts): HTML, Markdown and Word. `total` is the bold last row; `numeric` the right-aligned columns.
 */
export interface FormattedTable {
  columns: string[]
  rows: (string | number)[][]
  total?: (string | number)[]
  numeric: boolean[]
}

export function attendanceTable(summary: SessionSummary): FormattedTable {
  const l = labeller(summary.language)
  const a = summary.attendance
  return {
    columns: [l('attendance.sex'), ...a.ageGroups.map((g) => g.label), l('attendance.total')],
    rows: a.rows.map((row) => [row.label, ...row.counts, row.total]),
    total: [l('attendance.total'), ...a.columnTotals, a.total],
    numeric: [false, ...a.ageGroups.map(() => true), true]
  }
}

export function timingTable(summary: SessionSummary): FormattedTable {
  const lang = summary.language
  const l = labeller(lang)
  const t = summary.timing
  const num = (value: number): string => formatNumber(lang, value)
  return {
    columns: [l('timing.block'), l('timing.kind'), l('timing.planned'), l('timing.actual'), l('timing.difference')],
    rows: t.blocks.map((b) => [
      b.title,
      l(`kind.${b.kind}`),
      num(b.plannedMinutes),
      b.ran ? num(b.actualMinutes) : l('timing.notRun'),
      b.ran ? formatSigned(lang, b.actualMinutes - b.plannedMinutes) : l('value.none')
    ]),
    total: [
      l('timing.total'),
      '',
      num(t.plannedMinutes),
      num(t.actualMinutes),
      formatSigned(lang, t.actualMinutes - t.plannedMinutes)
    ],
    numeric: [false, false, true, true, true]
  }
}

/** One row per test (respondents, mean, % mastered), the pre → post change as the total row. */
export function testsTable(summary: SessionSummary): FormattedTable {
  const lang = summary.language
  const l = labeller(lang)
  const { tests, change } = summary.quizzes
  return {
    columns: [
      l('quiz.test'),
      l('poll.collected'),
      l('quiz.respondents'),
      l('quiz.mean'),
      l('quiz.mastered'),
      l('quiz.passMark')
    ],
    rows: tests.map((test) => [
      `${test.title} (${l(`quiz.role.${test.role}`)})`,
      collectedText(lang, test),
      test.respondents,
      formatNumber(lang, test.meanScorePercent),
      test.masteredPercent === null
        ? l('value.none')
        : `${formatNumber(lang, test.masteredPercent)} (${test.passed}/${test.tested})`,
      formatNumber(lang, test.passMarkPercent)
    ]),
    ...(change
      ? {
          total: [
            l('quiz.changeTitle'),
            '',
            '',
            formatSigned(lang, change.meanScorePoints),
            formatSigned(lang, change.masteredPoints),
            ''
          ]
        }
      : {}),
    numeric: [false, false, true, true, true, true]
  }
}

/** The matched pre/post gain as a sentence. */
export function matchedGainText(summary: SessionSummary): string {
  const l = labeller(summary.language)
  const gain = summary.quizzes.matchedGain
  return gain.pairs > 0 && gain.meanGainPoints !== null
    ? l('quiz.matchedGainText', {
        pairs: gain.pairs,
        points: l('unit.points', { value: formatSigned(summary.language, gain.meanGainPoints) })
      })
    : l('quiz.noPairs')
}

/** Correct rate per question, pre-test against post-test (when the summary has both). */
export function correctRateChangeTable(summary: SessionSummary): FormattedTable | null {
  const lang = summary.language
  const l = labeller(lang)
  const change = summary.quizzes.change
  if (!change) return null
  return {
    columns: [l('quiz.question'), l('quiz.role.pre'), l('quiz.role.post'), l('quiz.change')],
    rows: change.questions.map((q) => [
      q.text,
      formatPercent(lang, q.prePercent),
      formatPercent(lang, q.postPercent),
      formatSigned(lang, q.changePoints)
    ]),
    numeric: [false, true, true, true]
  }
}

/** Correct rate per question of one test (when there is no pre/post pair). */
export function questionsTable(summary: SessionSummary, test: QuizSummary): FormattedTable {
  const l = labeller(summary.language)
  return {
    columns: [l('quiz.question'), l('quiz.answered'), l('quiz.correctRate')],
    rows: test.questions.map((q) => [q.text, q.answered, formatPercent(summary.language, q.correctPercent)]),
    numeric: [false, true, true]
  }
}

/**
 * How a poll or test was collected, with the respondents each way gave: "Điện thoại 12 · phiếu giấy 8 ·
 * giơ tay 5". Summaries made before paper and cards have no per-way counts: their one way is named.
 */
export function collectedText(language: Language, item: PollSummary | QuizSummary): string {
  const l = labeller(language)
  const sources = item.sources
  if (!sources || item.collected === 'not run') return l(`collected.${item.collected}`)
  const parts = [
    sources.phones > 0 ? l('source.phones', { count: sources.phones }) : null,
    sources.paper > 0 ? l('source.paper', { count: sources.paper }) : null,
    sources.cards > 0 ? l('source.cards', { count: sources.cards }) : null,
    sources.hands === null
      ? l('source.handsUnknown')
      : sources.hands > 0
        ? l('source.hands', { count: sources.hands })
        : null
  ].filter((part): part is string => part !== null)
  if (parts.length === 0) return l(`collected.${item.collected}`)
  const text = parts.join(' · ')
  return text.charAt(0).toLocaleUpperCase(language) + text.slice(1)
}

/**
 * Multiple-answer quiz questions run by show of hands: one table each (option, hands, share of the people
 * counted), titled by the question and its test. Hands cannot tell who chose exactly the right set, so
 * these questions have no per-person score (see `quiz.handsExplain`).
 */
export function handsTables(summary: SessionSummary): { title: string; table: FormattedTable }[] {
  const l = labeller(summary.language)
  return summary.quizzes.tests.flatMap((test) =>
    test.questions
      .filter((q) => q.hands && q.hands.length > 0)
      .map((q) => ({
        title: `${q.text} (${test.title})`,
        table: {
          columns: [l('poll.option'), l('quiz.hands'), l('quiz.handsShare')],
          rows: q.hands!.map((h) => [h.label, h.count, formatPercent(summary.language, h.sharePercent)]),
          numeric: [false, true, true]
        }
      }))
  )
}

/** How a poll ran: "Chọn nhiều · Đếm giơ tay · Số người trả lời: 20". */
export function pollMeta(summary: SessionSummary, p: PollSummary): string {
  const l = labeller(summary.language)
  const respondents = p.respondents === null ? l('poll.respondentsUnknown') : String(p.respondents)
  return `${l(`poll.type.${p.type}`)} · ${collectedText(summary.language, p)} · ${l('poll.respondents')}: ${respondents}`
}

/** Count and share of each option; null for an open question. The share is of respondents when known. */
export function pollOptionsTable(summary: SessionSummary, p: PollSummary): FormattedTable | null {
  if (p.options.length === 0) return null
  const l = labeller(summary.language)
  const votes = p.options.reduce((s, o) => s + o.count, 0)
  const base = p.respondents !== null && p.respondents > 0 ? p.respondents : votes
  return {
    columns: [l('poll.option'), l('poll.count'), l('poll.share')],
    rows: p.options.map((o) => [
      o.label,
      o.count,
      base > 0 ? formatPercent(summary.language, (o.count / base) * 100) : l('value.none')
    ]),
    numeric: [false, true, true]
  }
}

/** A rating's mean with its scale, e.g. "4,3 (Thang điểm 1–5)" (the label is shown beside it). */
export function ratingMeanText(summary: SessionSummary, p: PollSummary): string {
  const l = labeller(summary.language)
  const scale = p.scale ? ` (${l('poll.scale', { min: p.scale.min, max: p.scale.max })})` : ''
  return formatNumber(summary.language, p.mean, 2) + scale
}

/** A note group's heading: the group's name, or "whole room" for notes without a group. */
export function noteGroupTitle(summary: SessionSummary, group: string): string {
  const l = labeller(summary.language)
  return group === '' ? l('notes.wholeRoom') : `${l('notes.group')}: ${group}`
}
