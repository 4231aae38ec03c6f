import { z } from 'zod'
import { escapeHtml } from '../security/escape-html'
import type { Language } from '../storage/library-file'
import { toCsv } from '../summaries/csv'
import { SUMMARY_CSP, SUMMARY_STYLE } from '../summaries/html'
import { escapeMarkdown, escapeMarkdownLines, markdownStrong, markdownTable } from '../summaries/markdown'
import { CrossSessionReportSchema, type CrossSessionReport } from './cross-session'
import { crossSessionDocument, crossSessionTables } from './document'
import { documentToDocx } from './docx'
import { numericColumns, reportCellText, type ReportCell, type ReportTable } from './report-document'
import { tablesToXlsx } from './xlsx'

/**
 * The cross-session report's exports, each a layout of its document or tables (document.ts): HTML
 * (one self-contained printable page, same style and CSP as the session summary), Markdown, Word
 * (the document), CSV (one UTF-8 file with a BOM per table), Excel (the tables, one sheet each) and
 * versioned JSON.
 */

export function reportToHtml(report: CrossSessionReport, language: Language = report.language): string {
  const doc = crossSessionDocument(report, language)
  // Every text goes through escapeHtml; only the fixed tags written here are markup.
  const e = escapeHtml
  const table = (t: ReportTable): string => {
    const numeric = numericColumns(t)
    const cell = (tag: 'th' | 'td', value: ReportCell, i: number): string =>
      `<${tag}${tag === 'th' ? ' scope="col"' : ''}${numeric[i] ? ' class="num"' : ''}>${e(reportCellText(value, doc.language))}</${tag}>`
    const row = (cells: ReportCell[], tag: 'th' | 'td'): string =>
      `<tr>${cells.map((c, i) => cell(tag, c, i)).join('')}</tr>`
    return [
      '<table>',
      `<thead>${row(t.columns, 'th')}</thead>`,
      `<tbody>${t.rows.map((cells) => row(cells, 'td')).join('')}</tbody>`,
      t.total ? `<tfoot>${row(t.total, 'td')}</tfoot>` : '',
      '</table>'
    ].join('\n')
  }
  const sections = doc.sections.map((section) =>
    [
      '<section>',
      `<h2>${e(section.heading)}</h2>`,
      ...(section.paragraphs ?? []).map((p) => `<p class="text">${e(p)}</p>`),
      section.table ? table(section.table) : '',
      section.bullets ? `<ul>${section.bullets.map((b) => `<li class="text">${e(b)}</li>`).join('')}</ul>` : '',
      '</section>'
    ].join('\n')
  )
  return `<!doctype html>
<html lang="${e(doc.language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${SUMMARY_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Roundtable">
<title>${e(doc.subtitle ? `${doc.title}: ${doc.subtitle}` : doc.title)}</title>
<style>${SUMMARY_STYLE}</style>
</head>
<body>
<header>
<p class="eyebrow">${e(doc.title)}</p>
<h1>${e(doc.subtitle || doc.title)}</h1>
</header>
<main>
${sections.join('\n')}
</main>
</body>
</html>
`
}

export function reportToMarkdown(report: CrossSessionReport, language: Language = report.language): string {
  const doc = crossSessionDocument(report, language)
  const out: string[] = [`# ${escapeMarkdown(doc.title)}`, '']
  if (doc.subtitle) out.push(`_${escapeMarkdown(doc.subtitle)}_`, '')
  for (const section of doc.sections) {
    out.push(`## ${escapeMarkdown(section.heading)}`, '')
    for (const paragraph of section.paragraphs ?? []) out.push(escapeMarkdownLines(paragraph).join('  \n'), '')
    if (section.table) {
      const t = section.table
      const text = (cells: ReportCell[]): string[] => cells.map((c) => reportCellText(c, doc.language))
      // The total row's label in bold, as in the session summary's Markdown.
      const total = t.total
        ? [[markdownStrong(reportCellText(t.total[0] ?? null, doc.language)), ...text(t.total.slice(1))]]
        : []
      out.push(markdownTable(t.columns, [...t.rows.map(text), ...total], numericColumns(t)), '')
    }
    if (section.bullets) out.push(section.bullets.map((b) => `- ${escapeMarkdown(b)}`).join('\n'), '')
  }
  return `${out.join('\n').trimEnd()}\n`
}

export async function reportToDocx(
  report: CrossSessionReport,
  language: Language = report.language
): Promise<Uint8Array> {
  return documentToDocx(crossSessionDocument(report, language))
}

export async function reportToXlsx(
  report: CrossSessionReport,
  language: Language = report.language
): Promise<Uint8Array> {
  return tablesToXlsx(crossSessionTables(report, language))
}

/** One CSV per table, named `<table>.csv`; the caller zips them like the session summary's CSV. */
export function reportToCsv(report: CrossSessionReport, language: Language = report.language): Record<string, string> {
  return Object.fromEntries(
    crossSessionTables(report, language).map((t) => [
      `${t.file}.csv`,
      toCsv([t.columns, ...t.rows, ...(t.total ? [t.total] : [])])
    ])
  )
}

export const REPORT_FILE_FORMAT = 'roundtable-cross-session-report'
export const REPORT_FILE_VERSION = 1

export const ReportFileSchema = z.strictObject({
  format: z.literal(REPORT_FILE_FORMAT),
  version: z.literal(REPORT_FILE_VERSION),
  report: CrossSessionReportSchema
})
export type ReportFile = z.infer<typeof ReportFileSchema>

export function reportToJson(report: CrossSessionReport): string {
  const file: ReportFile = { format: REPORT_FILE_FORMAT, version: REPORT_FILE_VERSION, report }
  return `${JSON.stringify(file, null, 2)}\n`
}

/** Reads a report file back (for other tools and tests); throws on anything but this version's shape. */
export function parseReportJson(text: string): CrossSessionReport {
  return ReportFileSchema.parse(JSON.parse(text.replace(/^\uFEFF/, ''))).report
}
