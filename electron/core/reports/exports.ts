import { z } from 'zod'
import { escapeHtml } from '../security/escape-html'
import type { Language } from '../storage/library-file'
import { toCsv } from '../summaries/csv'
import { SUMMARY_CSP, SUMMARY_STYLE } from '../summaries/html'
import { escapeMarkdown, escapeMarkdownLines, markdownStrong, markdownTable } from '../summaries/markdown'
import { CrossSessionReportSchema, type CrossSessionReport } from './cross-session'
import { crossSessionDocument, crossSessionTables, type DocumentTable } from './document'

/**
 * The cross-session report's exports, each a layout of the neutral document or tables
 * (document.ts): HTML (one self-contained printable page, same style and CSP as the session
 * summary), Markdown, CSV (one UTF-8 file with a BOM per table) and versioned JSON.
 */

export function reportToHtml(report: CrossSessionReport, language: Language = report.language): string {
  const doc = crossSessionDocument(report, language)
  // Every text goes through escapeHtml; only the fixed tags written here are markup.
  const e = escapeHtml
  const table = (t: DocumentTable): string => {
    const cell = (tag: 'th' | 'td', text: string, i: number): string =>
      `<${tag}${tag === 'th' ? ' scope="col"' : ''}${t.numeric[i] ? ' class="num"' : ''}>${e(text)}</${tag}>`
    const body = t.totalRow ? t.rows.slice(0, -1) : t.rows
    const total = t.totalRow ? t.rows.at(-1) : undefined
    return [
      '<table>',
      `<thead><tr>${t.columns.map((c, i) => cell('th', c, i)).join('')}</tr></thead>`,
      `<tbody>${body.map((row) => `<tr>${row.map((c, i) => cell('td', c, i)).join('')}</tr>`).join('')}</tbody>`,
      total ? `<tfoot><tr>${total.map((c, i) => cell('td', c, i)).join('')}</tr></tfoot>` : '',
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
      const { columns, rows, numeric, totalRow } = section.table
      const cells = rows.map((row, r) =>
        totalRow && r === rows.length - 1 ? [markdownStrong(row[0] ?? ''), ...row.slice(1)] : row
      )
      out.push(markdownTable(columns, cells, numeric), '')
    }
    if (section.bullets) out.push(section.bullets.map((b) => `- ${escapeMarkdown(b)}`).join('\n'), '')
  }
  return `${out.join('\n').trimEnd()}\n`
}

/** One CSV per table, named `<table>.csv`; the caller zips them like the session summary's CSV. */
export function reportToCsv(report: CrossSessionReport, language: Language = report.language): Record<string, string> {
  return Object.fromEntries(
    crossSessionTables(report, language).map((t) => [`${t.name}.csv`, toCsv([t.columns, ...t.rows])])
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
