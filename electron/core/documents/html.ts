import { escapeHtml } from '../../shared/security/escape-html'
import type { Language } from '../../shared/i18n/language'
import { formatNumber } from '../../shared/documents/format'
import { DOCUMENT_FONT_STACK, type DocumentFonts, type FontWeight } from './fonts'
import { htmlPage } from './html-page'
import {
  cellText,
  numericColumns,
  sectionBlocks,
  type Block,
  type Chart,
  type DocumentDescription,
  type DocumentSection,
  type DocumentTable
} from './model'

/**
 * The document as ONE self-contained, printable HTML page: inline CSS (A4 print rules), bar charts as
 * inline SVG, no scripts, no fonts, images or anything else fetched (a strict CSP says so too). With
 * `fonts`, the faces of the app's font that the page uses are embedded as `data:` URLs (documents/fonts.ts).
 *
 * Every text is escaped by `escapeHtml`: the `markup` template below escapes each value it is given,
 * and only fragments built by that same template are inserted as markup.
 */

/** Markup built by `markup`, the only thing inserted without escaping. */
class Markup {
  constructor(readonly value: string) {}
}
type Content = Markup | string | number | null | undefined | false | readonly Content[]

function render(content: Content): string {
  if (content === null || content === undefined || content === false) return ''
  if (content instanceof Markup) return content.value
  if (Array.isArray(content)) return content.map(render).join('')
  return escapeHtml(String(content))
}

/** Escapes every value (except `Markup`). Not named `html`, so code formatters leave the markup alone. */
function markup(strings: TemplateStringsArray, ...values: Content[]): Markup {
  return new Markup(strings.reduce((out, part, i) => out + part + (i < values.length ? render(values[i]) : ''), ''))
}

const COLOUR_A = '#2f6690'
const COLOUR_B = '#d9822b'
const TRACK = '#e8ebef'

const STYLE = `
@page { size: A4; margin: 16mm 14mm 18mm; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
html { color-scheme: light; }
body { margin: 0 auto; padding: 12mm 10mm; max-width: 200mm; color: #1b1f24; background: #fff;
  font-family: ${DOCUMENT_FONT_STACK};
  font-size: 10.5pt; line-height: 1.45; }
@media print { body { padding: 0; max-width: none; } }
@media screen and (max-width: 480px) { body { padding: 4mm 3mm; } }
header { border-bottom: 2px solid ${COLOUR_A}; margin-bottom: 6mm; padding-bottom: 3mm; }
.eyebrow { margin: 0; text-transform: uppercase; letter-spacing: .06em; font-size: 9pt; color: #555; }
h1 { font-size: 18pt; margin: 1mm 0 2mm; line-height: 1.25; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; color: ${COLOUR_A}; }
h3 { font-size: 11pt; margin: 4mm 0 1mm; }
h1, h2, h3 { page-break-after: avoid; break-after: avoid; }
p { margin: 1mm 0 2mm; }
.sub, .muted { color: #555; }
.small { font-size: 9pt; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0 3mm; page-break-inside: avoid; break-inside: avoid; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
th, td { border: 1px solid #c8cdd3; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
th { background: #f1f3f5; font-weight: 600; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
th.num { white-space: normal; }
tfoot td, tr.total td { font-weight: 600; background: #f8f9fa; }
td.chart, th.chart { width: 30mm; min-width: 22mm; vertical-align: middle; }
svg.bars { display: block; width: 100%; height: auto; }
.block { page-break-inside: avoid; break-inside: avoid; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 2mm; margin: 1mm 0 3mm; }
.figure { border: 1px solid #c8cdd3; border-radius: 2mm; padding: 2mm 3mm; page-break-inside: avoid; break-inside: avoid; }
.figure .value { font-size: 15pt; font-weight: 700; }
.figure .name { font-size: 9pt; color: #555; }
.legend { font-size: 9pt; color: #333; }
.swatch { display: inline-block; width: 3mm; height: 3mm; margin: 0 1mm 0 3mm; vertical-align: -.3mm; }
ul { margin: 1mm 0 3mm; padding-left: 6mm; }
li { margin: .5mm 0; }
footer { margin-top: 8mm; padding-top: 2mm; border-top: 1px solid #c8cdd3; font-size: 9pt; color: #555; }
`

const SERIES_COLOURS = [COLOUR_A, COLOUR_B]

/** The weights STYLE uses: body text, `th` and totals (600), headings, `strong` and figures (700). */
const STYLE_WEIGHTS: readonly FontWeight[] = [400, 600, 700]

/** The text a page shows: its markup without the tags (the entities left stand for ASCII characters). */
function visibleText(markupText: string): string {
  return markupText.replace(/<[^>]*>/g, ' ')
}

export function documentToHtml(doc: DocumentDescription, fonts?: DocumentFonts): string {
  const lang = doc.language
  const heading = doc.html?.heading ?? doc.title
  const body = markup`<header>
${doc.html?.eyebrow ? markup`<p class="eyebrow">${doc.html.eyebrow}</p>\n` : ''}<h1>${heading}</h1>
${doc.subtitle && doc.subtitle !== heading ? markup`<p class="sub">${doc.subtitle}</p>\n` : ''}</header>
<main>
${doc.sections.map((s) => section(s, lang))}
</main>
${doc.footer && doc.footer.length > 0 ? markup`<footer>\n${doc.footer.map((text) => markup`<p>${text}</p>\n`)}</footer>` : ''}`
  const pageTitle = doc.html?.pageTitle ?? (doc.subtitle ? `${doc.title}: ${doc.subtitle}` : doc.title)
  const faces = fonts?.faces(visibleText(body.value), STYLE_WEIGHTS)
  return htmlPage({ language: lang, title: pageTitle, style: STYLE, body: body.value, dataImages: true, fonts: faces })
}

const HEADING_TAGS = { 1: 'h2', 2: 'h3', 3: 'h4' } as const

function headingMarkup(text: string, level: 1 | 2 | 3): Markup {
  const tag = new Markup(HEADING_TAGS[level])
  return markup`<${tag}>${text}</${tag}>`
}

function section(s: DocumentSection, lang: Language): Markup {
  return markup`<section>
${headingMarkup(s.heading, s.level ?? 1)}
${sectionBlocks(s).map((b) => markup`${block(b, lang)}\n`)}</section>
`
}

function block(b: Block, lang: Language): Markup {
  switch (b.kind) {
    case 'paragraph':
      return paragraph(b)
    case 'table':
      return b.table.fields ? fieldsTable(b.table, lang) : table(b.table, lang)
    case 'figures':
      return markup`<div class="figures">${b.table.rows.map(
        ([label, value]) =>
          markup`<div class="figure"><div class="value">${cellText(value ?? null, lang)}</div><div class="name">${cellText(label ?? null, lang)}</div></div>`
      )}</div>`
    case 'list':
      return markup`<ul>${b.items.map((text) => markup`<li class="text">${text}</li>`)}</ul>`
    case 'heading':
      return headingMarkup(b.text, b.level)
    case 'group':
      return markup`<div class="block">
${b.blocks.map((inner) => markup`${block(inner, lang)}\n`)}</div>`
  }
}

function paragraph(b: Extract<Block, { kind: 'paragraph' }>): Markup {
  if (b.label) return markup`<p>${b.label}: <strong>${b.text}</strong></p>`
  if (b.tone === 'strong') return markup`<p><strong>${b.text}</strong></p>`
  if (b.tone === 'muted') return markup`<p class="muted">${b.text}</p>`
  if (b.tone === 'note') return markup`<p class="small muted">${b.text}</p>`
  return markup`<p class="text">${b.text}</p>`
}

/** Label/value rows, the labels as row headers. */
function fieldsTable(t: DocumentTable, lang: Language): Markup {
  return markup`<table><tbody>${t.rows.map(
    ([label, value]) =>
      markup`<tr><th scope="row">${cellText(label ?? null, lang)}</th><td class="text">${cellText(value ?? null, lang)}</td></tr>`
  )}</tbody></table>`
}

function table(t: DocumentTable, lang: Language): Markup {
  const numeric = numericColumns(t)
  const num = (i: number): Markup | '' => (numeric[i] ? markup` class="num"` : '')
  const chart = t.chart
  const cells = (row: DocumentTable['rows'][number], total = false): Markup[] =>
    t.columns.map((_, i) =>
      i === 0 && t.rowHeaders && !total
        ? markup`<th scope="row">${cellText(row[i] ?? null, lang)}</th>`
        : markup`<td${num(i)}>${cellText(row[i] ?? null, lang)}</td>`
    )
  return markup`${chart?.legend ? legend(chart.legend) : ''}<table>
<thead><tr>${t.columns.map((c, i) => markup`<th scope="col"${num(i)}>${c}</th>`)}${chart ? markup`<th scope="col" class="chart"></th>` : ''}</tr></thead>
<tbody>${t.rows.map((row, r) => markup`<tr>${cells(row)}${chart ? markup`<td class="chart">${bars(chart, r, lang)}</td>` : ''}</tr>`)}</tbody>
${t.total ? markup`<tfoot><tr>${cells(t.total, true)}${chart ? markup`<td></td>` : ''}</tr></tfoot>\n` : ''}</table>`
}

function legend(names: [string, string]): Markup {
  return markup`<p class="legend"><span class="swatch" style="background:${COLOUR_A}"></span>${names[0]}<span class="swatch" style="background:${COLOUR_B}"></span>${names[1]}</p>
`
}

/** Horizontal bars (one per series) in a small inline SVG; the numbers are in the table beside it. */
function bars(chart: Chart, row: number, lang: Language): Markup {
  const values = chart.values[row] ?? []
  const max = Math.max(1, chart.max)
  const width = 200
  const bar = 10
  const gap = 3
  const height = values.length * bar + (values.length - 1) * gap
  const label = values.map((value, i) => `${chart.series[i] ?? ''}: ${formatNumber(lang, value)}`).join('; ')
  return markup`<svg class="bars" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" preserveAspectRatio="none" role="img" aria-label="${label}">${values.map(
    (value, i) =>
      markup`<rect x="0" y="${i * (bar + gap)}" width="${width}" height="${bar}" fill="${TRACK}"/><rect x="0" y="${i * (bar + gap)}" width="${round2((Math.max(0, Math.min(value, max)) / max) * width)}" height="${bar}" fill="${SERIES_COLOURS[i % 2]}"/>`
  )}</svg>`
}

function round2(value: number): number {
  return Math.round(value * 100) / 100
}
