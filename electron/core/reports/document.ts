import { formatDate, formatInstant, formatNumber, formatPercent, formatSigned } from '../../shared/documents/format'
import { dayCell, type Cell, type DataTable, type DocumentDescription, type DocumentSection } from '../documents/model'
import type { Language } from '../../shared/i18n/language'
import type { CrossSessionReport, Learning } from './cross-session'
import { reportLabeller } from './labels'

/**
 * The report described once for every format (documents/), in the language asked for:
 * - tables: plain machine values (numbers as numbers) for CSV and Excel;
 * - sections: headed sections of formatted text (numbers in the language's format) for HTML,
 *   Markdown, print and Word.
 */

/** A table of plain values: one Excel sheet (`name`, in the report's language) and one CSV file. */
export type CrossSessionTable = DataTable

type Labeller = ReturnType<typeof reportLabeller>

function learningColumns(l: Labeller): string[] {
  return [
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
}

function learningCells(x: Learning): Cell[] {
  return [
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
}

export function crossSessionTables(
  report: CrossSessionReport,
  language: Language = report.language
): CrossSessionTable[] {
  const l = reportLabeller(language)
  const { totals, learning, attendance } = report
  return [
    {
      file: 'report',
      name: l('section.keyFigures'),
      columns: [l('field.field'), l('field.value')],
      rows: [
        [l('field.workshopId'), report.filter.workshopId],
        [l('report.from'), report.filter.from && dayCell(report.filter.from)],
        [l('report.to'), report.filter.to && dayCell(report.filter.to)],
        [l('field.language'), report.language],
        [l('field.generatedAt'), report.generatedAt],
        [l('total.sessions'), totals.sessions],
        [l('report.source.local'), totals.localSessions],
        [l('report.source.imported'), totals.importedSessions],
        [l('total.participants'), totals.participants],
        [l('column.minutes'), totals.actualMinutes],
        [l('total.participantHours'), totals.participantHours],
        [l('column.sessionsWithChange'), learning.sessionsWithChange],
        ...learningColumns(l).map((label, i): Cell[] => [label, learningCells(learning)[i]!]),
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
    sessionsDataTable(report, l),
    {
      file: 'workshops',
      name: l('section.workshops'),
      columns: [
        l('field.workshopId'),
        l('field.workshop'),
        l('column.sessions'),
        l('column.participants'),
        l('column.minutes'),
        ...learningColumns(l)
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

function sessionsDataTable(report: CrossSessionReport, l: Labeller): CrossSessionTable {
  return {
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
      dayCell(s.date),
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
  }
}

/** The language's formats and labels, for the sections below. */
function formats(report: CrossSessionReport, language: Language) {
  const l = reportLabeller(language)
  const pct = (value: number | null): string => formatPercent(language, value)
  return {
    l,
    language,
    num: (value: number | null): string => formatNumber(language, value),
    points: (value: number | null): string =>
      value === null ? l('value.none') : l('unit.points', { value: formatSigned(language, value) }),
    dateOrAny: (date: string | null): string => (date === null ? l('report.anyDate') : formatDate(language, date)),
    mastered: (percent: number | null, passed: number, tested: number): string =>
      percent === null ? l('value.none') : l('total.masteredText', { percent: pct(percent), passed, tested }),
    workshopName:
      report.filter.workshopId === null
        ? l('report.allWorkshops')
        : (report.workshops.find((w) => w.workshopId === report.filter.workshopId)?.title ?? report.filter.workshopId)
  }
}
type Formats = ReturnType<typeof formats>

export function crossSessionDocument(
  report: CrossSessionReport,
  language: Language = report.language
): DocumentDescription {
  const f = formats(report, language)
  const { l } = f
  const { filter } = report
  const dates = [filter.from, filter.to].some((d) => d !== null)
    ? `${f.dateOrAny(filter.from)} – ${f.dateOrAny(filter.to)}`
    : null
  const title = l('report.title')
  const subtitle = [f.workshopName, dates].filter((part): part is string => part !== null).join(' · ')
  return {
    title,
    subtitle,
    language,
    html: { eyebrow: title, heading: subtitle || title },
    sections: [
      scopeSection(report, f),
      keyFiguresSection(report, f),
      attendanceSection(report, f),
      sessionsSection(report, f),
      ...(report.workshops.length === 0 ? [] : [workshopsSection(report, f)]),
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
        paragraphs: [l('privacy.text'), l('doc.generated', { time: formatInstant(report.generatedAt, language) })]
      }
    ],
    tables: crossSessionTables(report, language)
  }
}

function fieldSection(heading: string, l: Labeller, rows: [string, string][]): DocumentSection {
  return {
    heading,
    table: { name: heading, columns: [l('field.field'), l('field.value')], numeric: [false, false], rows }
  }
}

function scopeSection(report: CrossSessionReport, f: Formats): DocumentSection {
  const { l } = f
  return fieldSection(l('report.scope'), l, [
    [l('field.workshop'), f.workshopName],
    [l('report.from'), f.dateOrAny(report.filter.from)],
    [l('report.to'), f.dateOrAny(report.filter.to)],
    [
      l('report.sources'),
      l('report.sourcesText', { local: report.totals.localSessions, imported: report.totals.importedSessions })
    ]
  ])
}

function keyFiguresSection(report: CrossSessionReport, f: Formats): DocumentSection {
  const { l } = f
  const { totals, learning } = report
  return fieldSection(l('section.keyFigures'), l, [
    [l('total.sessions'), String(totals.sessions)],
    [l('total.participants'), String(totals.participants)],
    [l('total.minutes'), l('unit.minutes', { value: f.num(totals.actualMinutes) })],
    [l('total.participantHours'), f.num(totals.participantHours)],
    [
      l('total.meanChange'),
      learning.meanChangePoints === null
        ? l('value.none')
        : l('total.meanChangeText', {
            points: f.points(learning.meanChangePoints),
            sessions: learning.sessionsWithChange
          })
    ],
    [l('total.masteredPre'), f.mastered(learning.preMasteredPercent, learning.prePassed, learning.preTested)],
    [l('total.masteredPost'), f.mastered(learning.postMasteredPercent, learning.postPassed, learning.postTested)],
    [l('total.masteredChange'), f.points(learning.masteredChangePoints)],
    [
      l('total.matchedGain'),
      learning.matchedGainPoints === null
        ? l('value.none')
        : l('total.matchedGainText', { points: f.points(learning.matchedGainPoints), pairs: learning.matchedPairs })
    ]
  ])
}

function attendanceSection(report: CrossSessionReport, f: Formats): DocumentSection {
  const { l } = f
  const { attendance } = report
  return {
    heading: l('section.attendance'),
    table: {
      name: l('section.attendance'),
      columns: attendanceColumns(report, f.language),
      numeric: [false, ...attendance.ageGroups.map(() => true), true],
      rows: attendance.rows.map((row) => [l(`sex.${row.sex}`), ...row.counts.map(String), String(row.total)]),
      total: [l('attendance.total'), ...attendance.columnTotals.map(String), String(attendance.total)]
    }
  }
}

function sessionsSection(report: CrossSessionReport, f: Formats): DocumentSection {
  const { l } = f
  if (report.sessions.length === 0) return { heading: l('section.sessions'), paragraphs: [l('none.sessions')] }
  return {
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
        formatDate(f.language, s.date),
        s.workshopTitle,
        s.venue || l('value.none'),
        s.trainer || l('value.none'),
        l(`report.source.${s.source}`),
        String(s.participants),
        f.num(s.preMeanPercent),
        f.num(s.postMeanPercent),
        formatSigned(f.language, s.changePoints)
      ])
    }
  }
}

function workshopsSection(report: CrossSessionReport, f: Formats): DocumentSection {
  const { l } = f
  return {
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
        f.num(w.actualMinutes),
        formatSigned(f.language, w.learning.meanChangePoints),
        f.num(w.learning.preMasteredPercent),
        f.num(w.learning.postMasteredPercent)
      ])
    }
  }
}

/** Labels by key, so the tables read in the language asked for whatever language the report was built in. */
function attendanceColumns(report: CrossSessionReport, language: Language): string[] {
  const l = reportLabeller(language)
  return [l('attendance.sex'), ...report.attendance.ageGroups.map((g) => l(`age.${g.key}`)), l('attendance.total')]
}
