import type { Language } from '../storage/library-file'
import { formatDate, formatInstant, formatNumber, formatPercent, formatSigned } from '../summaries/format'
import type { CrossSessionReport, Learning } from './cross-session'
import { reportLabeller } from './labels'
import type { ReportCell, ReportDocument, ReportSection, ReportTable } from './report-document'

/**
 * The report in the two shapes of every report (report-document.ts), so each format only lays out:
 * - tables: plain machine values (numbers as numbers) for CSV and Excel;
 * - document: headed sections of formatted text (numbers in the language's format) for HTML,
 *   Markdown, print and Word.
 * Both are in the language asked for.
 */

/** A table of plain values: one Excel sheet (`name`, in the report's language) and one CSV file. */
export interface CrossSessionTable extends ReportTable {
  /** The CSV file's name without `.csv`: lower-case letters and dashes, the same in every language. */
  file: string
}

export function crossSessionTables(report: CrossSessionReport, language: Language = report.language): CrossSessionTable[] {
  const l = reportLabeller(language)
  const { totals, learning, attendance } = report
  const learningColumns = [
    l('column.meanChange'),
    l('column.preTested'),
    l('column.prePassed'),
    l('column.preMastered'),
    l('column.postTested'),
    l('column.postPassed'),
    l('column.postMastered'),
    l('column.pairs'),
    l('column.matchedGain')
  ]
  const learningCells = (x: Learning): ReportCell[] => [
    x.meanChangePoints,
    x.preTested,
    x.prePassed,
    x.preMasteredPercent,
    x.postTested,
    x.postPassed,
    x.postMasteredPercent,
    x.matchedPairs,
    x.matchedGainPoints
  ]
  return [
    {
      file: 'report',
      name: l('section.keyFigures'),
      columns: [l('field.field'), l('field.value')],
      rows: [
        [l('field.workshopId'), report.filter.workshopId],
        [l('report.from'), report.filter.from],
        [l('report.to'), report.filter.to],
        [l('field.language'), report.language],
        [l('field.generatedAt'), report.generatedAt],
        [l('total.sessions'), totals.sessions],
        [l('report.source.local'), totals.localSessions],
        [l('report.source.imported'), totals.importedSessions],
        [l('total.participants'), totals.participants],
        [l('column.minutes'), totals.actualMinutes],
        [l('total.participantHours'), totals.participantHours],
        [l('column.sessionsWithChange'), learning.sessionsWithChange],
        ...learningColumns.map((label, i): ReportCell[] => [label, learningCells(learning)[i]!]),
        [l('total.masteredChange'), learning.masteredChangePoints]
      ]
    },
    {
      file: 'attendance',
      name: l('sheet.attendance'),
      columns: attendanceColumns(report, language),
      rows: attendance.rows.map((row) => [l(`sex.${row.sex}`), ...row.counts, row.total]),
      total: [l('attendance.total'), ...attendance.columnTotals, attendance.total]
    },
    {
      file: 'sessions',
      name: l('section.sessions'),
      columns: [
        l('field.sessionId'),
        l('report.source'),
        l('column.date'),
        l('field.workshopId'),
        l('field.workshop'),
        l('field.venue'),
        l('field.trainer'),
        l('field.status'),
        l('column.participants'),
        l('column.minutes'),
        l('column.preMean'),
        l('column.postMean'),
        l('column.change')
      ],
      rows: report.sessions.map((s) => [
        s.sessionId,
        l(`report.source.${s.source}`),
        s.date,
        s.workshopId,
        s.workshopTitle,
        s.venue,
        s.trainer,
        l(`status.${s.status}`),
        s.participants,
        s.actualMinutes,
        s.preMeanPercent,
        s.postMeanPercent,
        s.changePoints
      ])
    },
    {
      file: 'workshops',
      name: l('section.workshops'),
      columns: [
        l('field.workshopId'),
        l('field.workshop'),
        l('column.sessions'),
        l('column.participants'),
        l('column.minutes'),
        ...learningColumns
      ],
      rows: report.workshops.map((w) => [
        w.workshopId,
        w.title,
        w.sessions,
        w.participants,
        w.actualMinutes,
        ...learningCells(w.learning)
      ])
    }
  ]
}

export function crossSessionDocument(report: CrossSessionReport, language: Language = report.language): ReportDocument {
  const l = reportLabeller(language)
  const num = (value: number | null): string => formatNumber(language, value)
  const pct = (value: number | null): string => formatPercent(language, value)
  const points = (value: number | null): string =>
    value === null ? l('value.none') : l('unit.points', { value: formatSigned(language, value) })
  const { filter, totals, learning, attendance } = report
  const workshopName =
    filter.workshopId === null
      ? l('report.allWorkshops')
      : (report.workshops.find((w) => w.workshopId === filter.workshopId)?.title ?? filter.workshopId)
  const dateOrAny = (date: string | null): string => (date === null ? l('report.anyDate') : formatDate(language, date))
  const mastered = (percent: number | null, passed: number, tested: number): string =>
    percent === null ? l('value.none') : l('total.masteredText', { percent: pct(percent), passed, tested })

  const sections: ReportSection[] = [
    {
      heading: l('report.scope'),
      table: {
        name: l('report.scope'),
        columns: [l('field.field'), l('field.value')],
        numeric: [false, false],
        rows: [
          [l('field.workshop'), workshopName],
          [l('report.from'), dateOrAny(filter.from)],
          [l('report.to'), dateOrAny(filter.to)],
          [
            l('report.sources'),
            l('report.sourcesText', { local: totals.localSessions, imported: totals.importedSessions })
          ]
        ]
      }
    },
    {
      heading: l('section.keyFigures'),
      table: {
        name: l('section.keyFigures'),
        columns: [l('field.field'), l('field.value')],
        numeric: [false, false],
        rows: [
          [l('total.sessions'), String(totals.sessions)],
          [l('total.participants'), String(totals.participants)],
          [l('total.minutes'), l('unit.minutes', { value: num(totals.actualMinutes) })],
          [l('total.participantHours'), num(totals.participantHours)],
          [
            l('total.meanChange'),
            learning.meanChangePoints === null
              ? l('value.none')
              : l('total.meanChangeText', { points: points(learning.meanChangePoints), sessions: learning.sessionsWithChange })
          ],
          [l('total.masteredPre'), mastered(learning.preMasteredPercent, learning.prePassed, learning.preTested)],
          [l('total.masteredPost'), mastered(learning.postMasteredPercent, learning.postPassed, learning.postTested)],
          [l('total.masteredChange'), points(learning.masteredChangePoints)],
          [
            l('total.matchedGain'),
            learning.matchedGainPoints === null
              ? l('value.none')
              : l('total.matchedGainText', { points: points(learning.matchedGainPoints), pairs: learning.matchedPairs })
          ]
        ]
      }
    },
    {
      heading: l('section.attendance'),
      table: {
        name: l('section.attendance'),
        columns: attendanceColumns(report, language),
        numeric: [false, ...attendance.ageGroups.map(() => true), true],
        rows: attendance.rows.map((row) => [l(`sex.${row.sex}`), ...row.counts.map(String), String(row.total)]),
        total: [l('attendance.total'), ...attendance.columnTotals.map(String), String(attendance.total)]
      }
    },
    report.sessions.length === 0
      ? { heading: l('section.sessions'), paragraphs: [l('none.sessions')] }
      : {
          heading: l('section.sessions'),
          table: {
            name: l('section.sessions'),
            columns: [
              l('column.date'),
              l('field.workshop'),
              l('field.venue'),
              l('field.trainer'),
              l('report.source'),
              l('column.participants'),
              l('column.preMean'),
              l('column.postMean'),
              l('column.change')
            ],
            numeric: [false, false, false, false, false, true, true, true, true],
            rows: report.sessions.map((s) => [
              formatDate(language, s.date),
              s.workshopTitle,
              s.venue || l('value.none'),
              s.trainer || l('value.none'),
              l(`report.source.${s.source}`),
              String(s.participants),
              num(s.preMeanPercent),
              num(s.postMeanPercent),
              formatSigned(language, s.changePoints)
            ])
          }
        },
    ...(report.workshops.length === 0
      ? []
      : [
          {
            heading: l('section.workshops'),
            table: {
              name: l('section.workshops'),
              columns: [
                l('field.workshop'),
                l('column.sessions'),
                l('column.participants'),
                l('column.minutes'),
                l('column.meanChange'),
                l('column.preMastered'),
                l('column.postMastered')
              ],
              numeric: [false, true, true, true, true, true, true],
              rows: report.workshops.map((w) => [
                w.title,
                String(w.sessions),
                String(w.participants),
                num(w.actualMinutes),
                formatSigned(language, w.learning.meanChangePoints),
                num(w.learning.preMasteredPercent),
                num(w.learning.postMasteredPercent)
              ])
            }
          }
        ]),
    {
      heading: l('section.definitions'),
      bullets: [
        l('define.sessions'),
        l('define.meanChange'),
        l('define.mastered'),
        l('define.matchedGain'),
        l('define.participantHours'),
        l('quiz.masteredExplain')
      ]
    },
    {
      heading: l('section.privacy'),
      paragraphs: [l('privacy.text'), l('doc.generated', { time: formatInstant(report.generatedAt) })]
    }
  ]
  const dates = [filter.from, filter.to].some((d) => d !== null)
    ? `${dateOrAny(filter.from)} – ${dateOrAny(filter.to)}`
    : null
  return {
    title: l('report.title'),
    subtitle: [workshopName, dates].filter((part): part is string => part !== null).join(' · '),
    language,
    sections
  }
}

/** Labels by key, so the tables read in the language asked for whatever language the report was built in. */
function attendanceColumns(report: CrossSessionReport, language: Language): string[] {
  const l = reportLabeller(language)
  return [l('attendance.sex'), ...report.attendance.ageGroups.map((g) => l(`age.${g.key}`)), l('attendance.total')]
}
