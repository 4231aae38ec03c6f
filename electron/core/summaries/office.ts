import { documentToDocx, tablesToXlsx, type ReportDocument, type ReportSection, type ReportTable } from '../reports'
import { exportFiles, type ExportedFile, type ExportFormat } from '../reports/export-files'
import { summaryTables, summaryToCsv } from './csv'
import {
  attendanceTable,
  correctRateChangeTable,
  detailRows,
  formatDate,
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
import { summaryToHtml } from './html'
import { summaryToJson } from './json'
import { labeller } from './labels'
import { summaryToMarkdown } from './markdown'
import type { PollSummary, SessionSummary } from './schema'

/**
 * The summary as office files: a Word document with the same sections, rows and numbers as the HTML
 * (for the donor report that programme staff edit), and an Excel workbook with the CSV export's tables,
 * one sheet each (for M&E tools). Both in the summary's language; totals only, like every export.
 */
export async function summaryToDocx(summary: SessionSummary): Promise<Uint8Array> {
  return documentToDocx(summaryToReportDocument(summary))
}

export async function summaryToXlsx(summary: SessionSummary): Promise<Uint8Array> {
  return tablesToXlsx(summaryToReportTables(summary))
}

function summaryToReportTables(summary: SessionSummary): ReportTable[] {
  return summaryTables(summary).map((t) => ({
    name: t.sheet,
    columns: t.columns,
    rows: t.rows,
    ...(t.total ? { total: t.total } : {})
  }))
}

/** Width of a poll's text bar at the largest count (the numbers are in the cells beside it). */
const BAR_WIDTH = 12

function summaryToReportDocument(summary: SessionSummary): ReportDocument {
  const lang = summary.language
  const l = labeller(lang)
  const fieldTable = (name: string, rows: [string, string][]): ReportTable => ({
    name,
    columns: [l('field.field'), l('field.value')],
    rows
  })
  const table = (name: string, t: FormattedTable): ReportTable => ({ name, ...t })

  const poll = (p: PollSummary): ReportSection => {
    const options = pollOptionsTable(summary, p)
    const max = Math.max(1, ...p.options.map((o) => o.count))
    const paragraphs = [p.question, pollMeta(summary, p)]
    if (p.type === 'rating') paragraphs.push(`${l('poll.mean')}: ${ratingMeanText(summary, p)}`)
    if (p.type === 'open') {
      paragraphs.push(p.openAnswers.length === 0 ? l('poll.noOpenAnswers') : `${l('poll.openAnswers')}:`)
    }
    return {
      heading: p.title,
      level: 2,
      paragraphs,
      ...(options
        ? {
            table: {
              name: p.title,
              columns: [...options.columns, ''],
              rows: options.rows.map((row, i) => [
                ...row,
                '█'.repeat(Math.round((p.options[i]!.count / max) * BAR_WIDTH))
              ]),
              numeric: [...options.numeric, false]
            }
          }
        : {}),
      ...(p.openAnswers.length > 0 ? { bullets: p.openAnswers } : {})
    }
  }

  const quizzes = (): ReportSection[] => {
    if (summary.quizzes.tests.length === 0) return [{ heading: l('section.quizzes'), paragraphs: [l('quiz.none')] }]
    const change = correctRateChangeTable(summary)
    const hands = handsTables(summary)
    return [
      {
        heading: l('section.quizzes'),
        table: table(l('section.quizzes'), testsTable(summary)),
        notes: [l('quiz.masteredExplain')]
      },
      { heading: l('quiz.matchedGain'), level: 2, paragraphs: [matchedGainText(summary)] },
      ...(change
        ? [{ heading: l('quiz.correctRate'), level: 2 as const, table: table(l('quiz.correctRate'), change) }]
        : summary.quizzes.tests.map((test) => ({
            heading: `${test.title}: ${l('quiz.correctRate')}`,
            level: 2 as const,
            table: table(test.title, questionsTable(summary, test))
          }))),
      ...(hands.length > 0 ? [{ heading: l('quiz.handsTitle'), level: 2 as const, paragraphs: [l('quiz.handsExplain')] }] : []),
      ...hands.map(({ title, table: t }) => ({ heading: title, level: 2 as const, table: table(title, t) }))
    ]
  }

  const pollSections = (heading: string, polls: PollSummary[], none: string): ReportSection[] => [
    { heading, ...(polls.length === 0 ? { paragraphs: [none] } : {}) },
    ...polls.map(poll)
  ]

  return {
    title: `${l('doc.title')}: ${summary.workshop.title}`,
    subtitle: [summary.venue, formatDate(lang, summary.date), summary.trainer].filter((s) => s !== '').join(' · '),
    language: lang,
    sections: [
      { heading: l('section.details'), table: fieldTable(l('section.details'), detailRows(summary)) },
      { heading: l('section.keyFigures'), table: fieldTable(l('section.keyFigures'), keyFigureRows(summary)) },
      {
        heading: l('section.attendance'),
        ...(summary.attendance.total === 0 ? { paragraphs: [l('attendance.none')] } : {}),
        table: table(l('section.attendance'), attendanceTable(summary))
      },
      {
        heading: l('section.timing'),
        table: table(l('section.timing'), timingTable(summary)),
        notes: [l('timing.explain')]
      },
      ...quizzes(),
      ...pollSections(l('section.polls'), summary.polls, l('poll.none')),
      ...pollSections(l('section.feedback'), summary.feedback, l('feedback.none')),
      { heading: l('section.notes'), ...(summary.notes.length === 0 ? { paragraphs: [l('notes.none')] } : {}) },
      ...summary.notes.flatMap((entry) =>
        entry.groups.map((g) => ({
          heading: `${entry.title} · ${noteGroupTitle(summary, g.group)}`,
          level: 2 as const,
          bullets: g.notes
        }))
      ),
      {
        heading: l('section.parkingLot'),
        ...(summary.parkingLot.length === 0 ? { paragraphs: [l('parking.none')] } : { bullets: summary.parkingLot })
      },
      {
        heading: l('section.closingRemarks'),
        paragraphs: [summary.closingRemarks.trim() === '' ? l('remarks.none') : summary.closingRemarks]
      }
    ],
    footer: [l('doc.generated', { time: formatInstant(summary.generatedAt) }), l('doc.privacy')]
  }
}

/**
 * A session summary as the file(s) to download in one format, named `<base>.<ext>`: the same for a
 * session run here and for a summary imported from another laptop.
 */
export function summaryExportFiles(summary: SessionSummary, base: string, format: ExportFormat): Promise<ExportedFile[]> {
  return exportFiles(base, format, {
    html: () => summaryToHtml(summary),
    markdown: () => summaryToMarkdown(summary),
    json: () => summaryToJson(summary),
    csv: () => summaryToCsv(summary),
    docx: () => summaryToDocx(summary),
    xlsx: () => summaryToXlsx(summary)
  })
}
