import type { Block, DocumentDescription, DocumentSection, DocumentTable } from '../documents/model'
import type { Language } from '../../shared/i18n/language'
import { summaryDataTables } from './data-tables'
import { rankingTable, wordsTable } from './words-ranking'
import {
  attendanceTable,
  correctRateChangeTable,
  detailRows,
  formatDate,
  formatInstant,
  handsTables,
  keyFigureRows,
  matchedGainText,
  noteGroupTitle,
  pollMeta,
  pollOptionsTable,
  questionsTable,
  ratingMeanText,
  testsTable,
  timingTable,
  type FormattedTable
} from './format'
import { labeller, type SummaryLabelKey } from './labels'
import type { PollSummary, SessionSummary } from './schema'

/**
 * The session summary's document, described once for every format (documents/): the same sections,
 * rows and numbers in HTML, Markdown and Word, and its data tables for CSV and Excel. Totals only.
 */
export function summaryDocument(summary: SessionSummary, language: Language = summary.language): DocumentDescription {
  const s = language === summary.language ? summary : { ...summary, language }
  const l = labeller(language)
  const date = formatDate(language, s.date)
  return {
    title: `${l('doc.title')}: ${s.workshop.title}`,
    subtitle: [s.venue, date, s.trainer].filter((part) => part !== '').join(' · '),
    language,
    html: {
      eyebrow: l('doc.title'),
      heading: s.workshop.title,
      pageTitle: `${l('doc.title')}: ${s.workshop.title} · ${s.venue} · ${date}`
    },
    sections: [
      ...overviewSections(s),
      quizSection(s),
      pollsSection(s, 'section.polls', s.polls, 'poll.none'),
      pollsSection(s, 'section.feedback', s.feedback, 'feedback.none'),
      questionsSection(s),
      ...closingSections(s)
    ],
    footer: [
      l('doc.generated', { time: formatInstant(s.generatedAt, language) }),
      l('doc.privacy'),
      ...(s.textLanguage && s.textLanguage !== language
        ? [l('doc.textLanguage', { language: l(`language.${s.textLanguage}`) })]
        : [])
    ],
    tables: summaryDataTables(s)
  }
}

function muted(text: string): Block {
  return { kind: 'paragraph', text, tone: 'muted' }
}

function note(text: string): Block {
  return { kind: 'paragraph', text, tone: 'note' }
}

function tableBlock(
  name: string,
  table: FormattedTable & Partial<DocumentTable>,
  chart?: DocumentTable['chart']
): Block {
  return { kind: 'table', table: { name, ...table, ...(chart ? { chart } : {}) } }
}

/** Details, key figures, attendance and timing. */
function overviewSections(summary: SessionSummary): DocumentSection[] {
  const l = labeller(summary.language)
  const fieldColumns = [l('field.field'), l('field.value')]
  const t = summary.timing
  const planned = l('timing.planned')
  const actual = l('timing.actual')
  return [
    {
      heading: l('section.details'),
      table: { name: l('section.details'), columns: fieldColumns, rows: detailRows(summary), fields: true }
    },
    {
      heading: l('section.keyFigures'),
      blocks: [
        {
          kind: 'figures',
          table: { name: l('section.keyFigures'), columns: fieldColumns, rows: keyFigureRows(summary) }
        }
      ]
    },
    {
      heading: l('section.attendance'),
      blocks: [
        ...(summary.attendance.total === 0 ? [muted(l('attendance.none'))] : []),
        tableBlock(l('section.attendance'), { ...attendanceTable(summary), rowHeaders: true })
      ]
    },
    {
      heading: l('section.timing'),
      blocks: [
        tableBlock(l('section.timing'), timingTable(summary), {
          series: [planned, actual],
          values: t.blocks.map((b) => [b.plannedMinutes, b.actualMinutes]),
          max: Math.max(1, ...t.blocks.flatMap((b) => [b.plannedMinutes, b.actualMinutes])),
          legend: [planned, actual]
        }),
        note(l('timing.explain'))
      ]
    }
  ]
}

/** Tests: their results, the matched gain, the correct rate per question, questions run by hands. */
function quizSection(summary: SessionSummary): DocumentSection {
  const l = labeller(summary.language)
  const { tests } = summary.quizzes
  if (tests.length === 0) return { heading: l('section.quizzes'), blocks: [muted(l('quiz.none'))] }
  const hands = handsTables(summary)
  return {
    heading: l('section.quizzes'),
    blocks: [
      tableBlock(l('section.quizzes'), testsTable(summary)),
      note(l('quiz.masteredExplain')),
      { kind: 'heading', text: l('quiz.matchedGain'), level: 2 },
      { kind: 'paragraph', text: matchedGainText(summary) },
      ...correctRateBlocks(summary),
      ...(hands.length > 0
        ? [{ kind: 'heading', text: l('quiz.handsTitle'), level: 2 } as const, note(l('quiz.handsExplain'))]
        : []),
      ...hands.map(({ title, table }): Block => ({
        kind: 'group',
        blocks: [{ kind: 'heading', text: title, level: 3 }, tableBlock(title, table)]
      }))
    ]
  }
}

/** The correct rate per question: pre against post when there is a pair, else per test. */
function correctRateBlocks(summary: SessionSummary): Block[] {
  const l = labeller(summary.language)
  const { tests, change } = summary.quizzes
  const changeTable = correctRateChangeTable(summary)
  if (change && changeTable) {
    const pre = tests.find((t) => t.blockId === change.preBlockId)!
    const post = tests.find((t) => t.blockId === change.postBlockId)!
    const chart = {
      series: [pre.title, post.title],
      values: change.questions.map((q) => [q.prePercent ?? 0, q.postPercent ?? 0]),
      max: 100,
      legend: [l('quiz.role.pre'), l('quiz.role.post')] as [string, string]
    }
    return [
      {
        kind: 'group',
        blocks: [
          { kind: 'heading', text: l('quiz.correctRate'), level: 2 },
          tableBlock(l('quiz.correctRate'), changeTable, chart)
        ]
      }
    ]
  }
  return tests.map((test) => ({
    kind: 'group',
    blocks: [
      { kind: 'heading', text: `${test.title}: ${l('quiz.correctRate')}`, level: 2 },
      tableBlock(test.title, questionsTable(summary, test), {
        title: `${test.title} · ${l('quiz.correctRate')}`,
        series: [l('quiz.correctRate')],
        values: test.questions.map((q) => [q.correctPercent ?? 0]),
        max: 100
      })
    ]
  }))
}

function pollsSection(
  summary: SessionSummary,
  heading: SummaryLabelKey,
  polls: PollSummary[],
  none: SummaryLabelKey
): DocumentSection {
  const l = labeller(summary.language)
  return {
    heading: l(heading),
    blocks: polls.length === 0 ? [muted(l(none))] : polls.map((p) => pollBlock(summary, p))
  }
}

/** One poll: its question, how it ran, the count per option, the mean of a rating, open answers. */
function pollBlock(summary: SessionSummary, p: PollSummary): Block {
  const l = labeller(summary.language)
  const options = pollOptionsTable(summary, p)
  const chart = {
    title: `${p.title} · ${l('poll.count')}`,
    series: [l('poll.count')],
    values: p.options.map((o) => [o.count]),
    max: Math.max(1, ...p.options.map((o) => o.count))
  }
  const open: Block[] =
    p.type !== 'open'
      ? []
      : p.openAnswers.length === 0
        ? [muted(l('poll.noOpenAnswers'))]
        : [
            { kind: 'paragraph', text: l('poll.openAnswers'), tone: 'strong' },
            { kind: 'list', items: p.openAnswers }
          ]
  const words = wordsTable(summary, p)
  const ranking = rankingTable(summary, p)
  return {
    kind: 'group',
    blocks: [
      { kind: 'heading', text: p.title, level: 2 },
      { kind: 'paragraph', text: p.question },
      note(pollMeta(summary, p)),
      ...(options ? [tableBlock(p.title, options, chart)] : []),
      ...(words ? [tableBlock(p.title, words)] : p.type === 'words' ? [muted(l('poll.noWords'))] : []),
      ...(ranking ? [tableBlock(p.title, ranking, rankingChart(summary, p))] : []),
      ...(p.type === 'rating'
        ? [{ kind: 'paragraph', label: l('poll.mean'), text: ratingMeanText(summary, p) } as const]
        : []),
      ...open
    ]
  }
}

/** A ranking's bars: each option's mean rank (out of the number of options) or its mean points. */
function rankingChart(summary: SessionSummary, p: PollSummary): DocumentTable['chart'] {
  const l = labeller(summary.language)
  const options = p.ranking?.options ?? []
  const byRank = p.ranking?.mode === 'order'
  const name = l(byRank ? 'poll.meanRank' : 'poll.meanPoints')
  const values = options.map((o) => (byRank ? o.meanRank : o.meanPoints) ?? 0)
  return {
    title: `${p.title} · ${name}`,
    series: [name],
    values: values.map((value) => [value]),
    max: byRank ? Math.max(1, options.length) : Math.max(1, ...values)
  }
}

/** Questions from the room: counts, then the approved and answered ones with their votes (never hidden text). */
function questionsSection(summary: SessionSummary): DocumentSection {
  const l = labeller(summary.language)
  const q = summary.questions
  if (!q || q.received === 0) return { heading: l('section.questions'), blocks: [muted(l('questions.none'))] }
  const counts = { received: q.received, shown: q.items.length, hidden: q.hidden, unreviewed: q.unreviewed }
  return {
    heading: l('section.questions'),
    blocks: [
      { kind: 'paragraph', text: l('questions.counts', counts) },
      ...(q.items.length === 0
        ? []
        : [
            tableBlock(l('sheet.questions'), {
              columns: [l('questions.question'), l('questions.votes'), l('questions.status')],
              rows: q.items.map((item) => [item.text, item.votes, l(`questions.status.${item.status}`)]),
              numeric: [false, true, false]
            })
          ])
    ]
  }
}

/** Discussion notes, the parking lot and the closing remarks. */
function closingSections(summary: SessionSummary): DocumentSection[] {
  const l = labeller(summary.language)
  return [
    {
      heading: l('section.notes'),
      blocks:
        summary.notes.length === 0
          ? [muted(l('notes.none'))]
          : summary.notes.map((entry) => ({
              kind: 'group',
              blocks: [
                { kind: 'heading', text: entry.title, level: 2 },
                ...entry.groups.flatMap((g): Block[] => [
                  { kind: 'paragraph', text: noteGroupTitle(summary, g.group), tone: 'strong' },
                  { kind: 'list', items: g.notes }
                ])
              ]
            }))
    },
    {
      heading: l('section.parkingLot'),
      blocks:
        summary.parkingLot.length === 0 ? [muted(l('parking.none'))] : [{ kind: 'list', items: summary.parkingLot }]
    },
    {
      heading: l('section.closingRemarks'),
      blocks: [
        summary.closingRemarks.trim() === ''
          ? muted(l('remarks.none'))
          : { kind: 'paragraph', text: summary.closingRemarks }
      ]
    }
  ]
}
