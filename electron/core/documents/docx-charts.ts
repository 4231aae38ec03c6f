import type { Language } from '../../shared/i18n/language'
import { formatNumber } from '../../shared/documents/format'
import { cellText, type DocumentTable } from './model'
import { escapeXml } from './xml-text'
import { tablesToXlsx } from './xlsx'

/**
 * Native Word charts (DrawingML bar charts) for the tables that describe a chart (`chart` in model.ts).
 * The `docx` library writes no charts, so docx.ts leaves a placeholder run where each chart goes and
 * this module finishes the file: for chart N it adds word/charts/chartN.xml (the categories and values
 * cached in the part, which Word, LibreOffice and Google Docs draw from), a small workbook holding the
 * same values for Word's "Edit data" (word/embeddings/), the relationships and content types, and an
 * inline drawing with the chart's title and alt text in place of the placeholder. Every text goes
 * through `escapeXml`; the values are the model's numbers, never parsed back from formatted text.
 */

/** One chart to draw in place of the placeholder run whose text is `marker`. */
export interface WordChart {
  marker: string
  /** Shown above the bars and given as the drawing's title (screen readers). */
  title: string
  /** Alt text: the title, a dash, then each category with its values ("A: 2; B: 1"). */
  description: string
  /** The header of the category column in the embedded workbook. */
  categoryHeader: string
  categories: string[]
  series: { name: string; values: number[] }[]
  /** The value axis ends here (a full bar in the HTML). */
  max: number
}

const NS = {
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  rels: 'http://schemas.openxmlformats.org/package/2006/relationships'
}
const CHART_RELATIONSHIP = `${NS.r}/chart`
const PACKAGE_RELATIONSHIP = `${NS.r}/package`
const CHART_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml'
const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const WORD_LANGUAGE = { vi: 'vi-VN', en: 'en-GB' } as const
/** The same blue and orange as the HTML bars. */
const SERIES_COLOURS = ['2F6690', 'D9822B']
/** The embedded workbook's one sheet, which the chart's cell references name. */
const SHEET = 'Sheet1'

/** A chart as Word draws it, from a table with a `chart`; null when it has no rows to draw. */
export function wordChart(table: DocumentTable, language: Language, marker: string): WordChart | null {
  const chart = table.chart
  if (!chart || table.rows.length === 0) return null
  const categories = table.rows.map((row) => cellText(row[0] ?? null, language))
  const series = chart.series.map((name, s) => ({
    name: chart.legend?.[s] ?? name,
    values: table.rows.map((_, r) => chart.values[r]?.[s] ?? 0)
  }))
  const title = chart.title ?? table.name
  const described = categories.map(
    (category, r) =>
      `${category}: ${series.map((s) => (series.length > 1 ? `${s.name} ` : '') + formatNumber(language, s.values[r]!)).join(', ')}`
  )
  return {
    marker,
    title,
    description: `${title} — ${described.join('; ')}`,
    categoryHeader: table.columns[0] ?? '',
    categories,
    series,
    max: Math.max(1, chart.max)
  }
}

/** The placeholder text for chart `index` of one document (`nonce` keeps typed text from matching it). */
export function chartMarker(nonce: string, index: number): string {
  return `roundtable-chart-${nonce}-${index}`
}

/** The finished Word file: each chart's parts added and its drawing put in place of its placeholder. */
export async function addCharts(file: Uint8Array, charts: WordChart[], language: Language): Promise<Uint8Array> {
  if (charts.length === 0) return file
  const { strFromU8, strToU8, unzipSync, zipSync } = await import('fflate')
  const parts: Record<string, Uint8Array> = unzipSync(file)
  const text = (name: string): string => {
    const part = parts[name]
    if (!part) throw new Error(`the Word file has no ${name}`)
    return strFromU8(part)
  }
  let document = text('word/document.xml')
  let rels = text('word/_rels/document.xml.rels')
  let types = text('[Content_Types].xml')
  for (const [i, chart] of charts.entries()) {
    const n = i + 1
    const placeholder = `<w:t xml:space="preserve">${chart.marker}</w:t>`
    if (!document.includes(placeholder)) throw new Error(`no place for chart ${n} in the Word file`)
    document = document.replace(placeholder, () => drawingXml(chart, n))
    rels = rels.replace(
      '</Relationships>',
      `<Relationship Id="rIdChart${n}" Type="${CHART_RELATIONSHIP}" Target="charts/chart${n}.xml"/></Relationships>`
    )
    types = types.replace(
      '</Types>',
      `<Override PartName="/word/charts/chart${n}.xml" ContentType="${CHART_CONTENT_TYPE}"/></Types>`
    )
    parts[`word/charts/chart${n}.xml`] = strToU8(chartXml(chart, language))
    parts[`word/charts/_rels/chart${n}.xml.rels`] = strToU8(chartRelsXml(n))
    parts[`word/embeddings/Microsoft_Excel_Worksheet${n}.xlsx`] = await chartWorkbook(chart)
  }
  if (!/Extension="xlsx"/.test(types)) {
    types = types.replace('</Types>', `<Default Extension="xlsx" ContentType="${XLSX_CONTENT_TYPE}"/></Types>`)
  }
  parts['word/document.xml'] = strToU8(document)
  parts['word/_rels/document.xml.rels'] = strToU8(rels)
  parts['[Content_Types].xml'] = strToU8(types)
  return zipSync(parts, { level: 6 })
}

/** An element with escaped attribute values; `children` are XML already. */
function el(name: string, attributes: Record<string, string | number> = {}, ...children: string[]): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join('')
  return children.length === 0 ? `<${name}${attrs}/>` : `<${name}${attrs}>${children.join('')}</${name}>`
}

const val = (name: string, value: string | number): string => el(name, { val: value })

/** EMU (English Metric Units): 635 per twentieth of a point, 360,000 per centimetre. */
const EMU_PER_TWIP = 635
const EMU_PER_CM = 360_000
/** The page's text width in twentieths of a point (A4, 2 cm margins, as docx.ts). */
const PAGE_TEXT_TWIPS = 11906 - 2 * 1134

/**
 * The chart's height: room for the title, axis and legend, and per category for its bars or its
 * label's wrapped lines (about 35 characters a line beside the bars), whichever is taller.
 */
function chartHeight(chart: WordChart): number {
  const fixed = 1.6 + (chart.series.length > 1 ? 0.7 : 0)
  const rows = chart.categories.reduce((sum, label) => {
    const bars = 0.3 + 0.45 * chart.series.length
    const lines = 0.4 * Math.ceil(Math.max(1, label.length) / 35)
    return sum + Math.max(bars, lines)
  }, 0)
  return Math.round(Math.min(22, fixed + rows) * EMU_PER_CM)
}

/** The inline drawing that shows chart `n`, with its title and alt text. */
function drawingXml(chart: WordChart, n: number): string {
  return el(
    'w:drawing',
    {},
    el(
      'wp:inline',
      { distT: 0, distB: 0, distL: 0, distR: 0 },
      el('wp:extent', { cx: PAGE_TEXT_TWIPS * EMU_PER_TWIP, cy: chartHeight(chart) }),
      el('wp:effectExtent', { l: 0, t: 0, r: 0, b: 0 }),
      el('wp:docPr', { id: 1000 + n, name: `Chart ${n}`, title: chart.title, descr: chart.description }),
      el('wp:cNvGraphicFramePr'),
      el(
        'a:graphic',
        { 'xmlns:a': NS.a },
        el('a:graphicData', { uri: NS.c }, el('c:chart', { 'xmlns:c': NS.c, 'xmlns:r': NS.r, 'r:id': `rIdChart${n}` }))
      )
    )
  )
}

function chartRelsXml(n: number): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    el(
      'Relationships',
      { xmlns: NS.rels },
      el('Relationship', {
        Id: 'rId1',
        Type: PACKAGE_RELATIONSHIP,
        Target: `../embeddings/Microsoft_Excel_Worksheet${n}.xlsx`
      })
    )
  )
}

/** The workbook behind "Edit data": the categories in column A, one series per column after it. */
function chartWorkbook(chart: WordChart): Promise<Uint8Array> {
  return tablesToXlsx([
    {
      name: SHEET,
      columns: [chart.categoryHeader, ...chart.series.map((s) => s.name)],
      rows: chart.categories.map((category, r) => [category, ...chart.series.map((s) => s.values[r]!)])
    }
  ])
}

/** A cell range of the embedded sheet, e.g. Sheet1!$B$2:$B$4. */
function range(column: number, first: number, last: number): string {
  const letter = String.fromCharCode(65 + column)
  return `${SHEET}!$${letter}$${first}${last === first ? '' : `:$${letter}$${last}`}`
}

/** Rich text (a title) in the chart's own text format. */
function richText(text: string, language: Language): string {
  const run = el(
    'a:r',
    {},
    el('a:rPr', { lang: WORD_LANGUAGE[language], sz: 1000, b: 1 }),
    el('a:t', {}, escapeXml(text))
  )
  return el(
    'c:tx',
    {},
    el(
      'c:rich',
      {},
      el('a:bodyPr'),
      el('a:lstStyle'),
      el('a:p', {}, el('a:pPr', {}, el('a:defRPr', { sz: 1000, b: 1 })), run)
    )
  )
}

function seriesXml(chart: WordChart, s: number): string {
  const series = chart.series[s]!
  const last = chart.categories.length + 1
  const points = (values: string[]): string[] => [
    val('c:ptCount', values.length),
    ...values.map((v, i) => el('c:pt', { idx: i }, el('c:v', {}, escapeXml(v))))
  ]
  return el(
    'c:ser',
    {},
    val('c:idx', s),
    val('c:order', s),
    el(
      'c:tx',
      {},
      el('c:strRef', {}, el('c:f', {}, range(s + 1, 1, 1)), el('c:strCache', {}, ...points([series.name])))
    ),
    el('c:spPr', {}, el('a:solidFill', {}, val('a:srgbClr', SERIES_COLOURS[s % SERIES_COLOURS.length]!))),
    val('c:invertIfNegative', 0),
    el(
      'c:dLbls',
      {},
      el('c:numFmt', { formatCode: 'General', sourceLinked: 0 }),
      val('c:dLblPos', 'outEnd'),
      ...['showLegendKey', 'showVal', 'showCatName', 'showSerName', 'showPercent', 'showBubbleSize'].map((name) =>
        val(`c:${name}`, name === 'showVal' ? 1 : 0)
      )
    ),
    el(
      'c:cat',
      {},
      el('c:strRef', {}, el('c:f', {}, range(0, 2, last)), el('c:strCache', {}, ...points(chart.categories)))
    ),
    el(
      'c:val',
      {},
      el(
        'c:numRef',
        {},
        el('c:f', {}, range(s + 1, 2, last)),
        el('c:numCache', {}, el('c:formatCode', {}, 'General'), ...points(series.values.map((v) => String(v))))
      )
    )
  )
}

/** Counts up to 10 are marked 1, 2, 3… (the writer's own steps would be 0.2, 0.4…). */
function wholeSteps(chart: WordChart): boolean {
  return chart.max <= 10 && chart.series.every((s) => s.values.every((v) => Number.isInteger(v)))
}

/** The axes: categories down the left in table order, values from 0 to the chart's maximum. */
function axesXml(chart: WordChart): string {
  const common = [val('c:delete', 0)]
  const ticks = [val('c:majorTickMark', 'none'), val('c:minorTickMark', 'none'), val('c:tickLblPos', 'nextTo')]
  return (
    el(
      'c:catAx',
      {},
      val('c:axId', 1),
      el('c:scaling', {}, val('c:orientation', 'maxMin')),
      ...common,
      val('c:axPos', 'l'),
      ...ticks,
      val('c:crossAx', 2),
      val('c:crosses', 'autoZero'),
      val('c:auto', 1),
      val('c:lblAlgn', 'ctr'),
      val('c:lblOffset', 100),
      val('c:noMultiLvlLbl', 0)
    ) +
    el(
      'c:valAx',
      {},
      val('c:axId', 2),
      el('c:scaling', {}, val('c:orientation', 'minMax'), val('c:max', chart.max), val('c:min', 0)),
      ...common,
      val('c:axPos', 't'),
      el('c:majorGridlines', {}, el('c:spPr', {}, el('a:ln', {}, el('a:solidFill', {}, val('a:srgbClr', 'E8EBEF'))))),
      el('c:numFmt', { formatCode: 'General', sourceLinked: 0 }),
      ...ticks,
      val('c:crossAx', 1),
      val('c:crosses', 'max'),
      val('c:crossBetween', 'between'),
      ...(wholeSteps(chart) ? [val('c:majorUnit', 1)] : [])
    )
  )
}

/** The chart part: a horizontal bar chart with the values cached, as the HTML draws it beside the rows. */
function chartXml(chart: WordChart, language: Language): string {
  const twoSeries = chart.series.length > 1
  const bars = el(
    'c:barChart',
    {},
    val('c:barDir', 'bar'),
    val('c:grouping', 'clustered'),
    val('c:varyColors', 0),
    ...chart.series.map((_, s) => seriesXml(chart, s)),
    val('c:gapWidth', 60),
    ...(twoSeries ? [val('c:overlap', -10)] : []),
    val('c:axId', 1),
    val('c:axId', 2)
  )
  const body = el(
    'c:chart',
    {},
    el('c:title', {}, richText(chart.title, language), val('c:overlay', 0)),
    val('c:autoTitleDeleted', 0),
    el('c:plotArea', {}, el('c:layout'), bars, axesXml(chart)),
    ...(twoSeries ? [el('c:legend', {}, val('c:legendPos', 'b'), val('c:overlay', 0))] : []),
    val('c:plotVisOnly', 1),
    val('c:dispBlanksAs', 'gap')
  )
  const font = el(
    'c:txPr',
    {},
    el('a:bodyPr'),
    el('a:lstStyle'),
    el(
      'a:p',
      {},
      el(
        'a:pPr',
        {},
        el('a:defRPr', { sz: 900 }, el('a:latin', { typeface: 'Arial' }), el('a:cs', { typeface: 'Arial' }))
      ),
      el('a:endParaRPr', { lang: WORD_LANGUAGE[language] })
    )
  )
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    el(
      'c:chartSpace',
      { 'xmlns:c': NS.c, 'xmlns:a': NS.a, 'xmlns:r': NS.r },
      val('c:date1904', 0),
      val('c:lang', WORD_LANGUAGE[language]),
      val('c:roundedCorners', 0),
      body,
      font,
      el('c:externalData', { 'r:id': 'rId1' }, val('c:autoUpdate', 0))
    )
  )
}
