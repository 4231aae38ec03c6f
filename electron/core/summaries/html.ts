import { escapeHtml } from '../security/escape-html'
export { escapeHtml }
import {
  detailRows,
  keyFigureRows,
  formatDate,
  formatInstant,
  formatNumber,
  formatPercent,
  formatSigned,
  matchedGainText,
  collectedText,
  handsTables,
  type FormattedTable,
  noteGroupTitle,
  pollMeta
} from './format'
import { labeller } from './labels'
import type { PollSummary, QuizSummary, SessionSummary } from './schema'

/**
 * The summary as ONE self-contained, printable HTML document: inline CSS (A4 print rules), bar charts
 * as inline SVG, no scripts, no fonts, images or anything else fetched (a strict CSP says so too).
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

/** Nothing may load or run; inline CSS only. A constant, so written as is (escaped, its quotes would read &#39;). */
export const SUMMARY_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

const COLOUR_A = '#2f6690'
const COLOUR_B = '#d9822b'
const TRACK = '#e8ebef'

const STYLE = `
@page { size: A4; margin: 16mm 14mm 18mm; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
html { color-scheme: light; }
body { margin: 0 auto; padding: 12mm 10mm; max-width: 200mm; color: #1b1f24; background: #fff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
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

/** The same page style for every generated report (the cross-session report uses it too). */
export { STYLE as SUMMARY_STYLE }

export function summaryToHtml(summary: SessionSummary): string {
  const lang = summary.language
  const l = labeller(lang)
  const num = (value: number | null, digits = 1): string => formatNumber(lang, value, digits)
  const pct = (value: number | null): string => formatPercent(lang, value)
  const none = l('value.none')

  const doc = markup`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${new Markup(SUMMARY_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Roundtable">
<title>${l('doc.title')}: ${summary.workshop.title} · ${summary.venue} · ${formatDate(lang, summary.date)}</title>
<style>${new Markup(STYLE)}</style>
</head>
<body>
<header>
<p class="eyebrow">${l('doc.title')}</p>
<h1>${summary.workshop.title}</h1>
<p class="sub">${[summary.venue, formatDate(lang, summary.date), summary.trainer].filter((s) => s !== '').join(' · ')}</p>
</header>
<main>
${details()}
${keyFigures()}
${attendance()}
${timing()}
${quizzes()}
<section>
<h2>${l('section.polls')}</h2>
${summary.polls.length === 0 ? markup`<p class="muted">${l('poll.none')}</p>` : summary.polls.map(poll)}
</section>
<section>
<h2>${l('section.feedback')}</h2>
${summary.feedback.length === 0 ? markup`<p class="muted">${l('feedback.none')}</p>` : summary.feedback.map(poll)}
</section>
${notes()}
<section>
<h2>${l('section.parkingLot')}</h2>
${
  summary.parkingLot.length === 0
    ? markup`<p class="muted">${l('parking.none')}</p>`
    : markup`<ul>${summary.parkingLot.map((text) => markup`<li class="text">${text}</li>`)}</ul>`
}
</section>
<section>
<h2>${l('section.closingRemarks')}</h2>
${
  summary.closingRemarks.trim() === ''
    ? markup`<p class="muted">${l('remarks.none')}</p>`
    : markup`<p class="text">${summary.closingRemarks}</p>`
}
</section>
</main>
<footer>
<p>${l('doc.generated', { time: formatInstant(summary.generatedAt) })}</p>
<p>${l('doc.privacy')}</p>
</footer>
</body>
</html>
`
  return doc.value

  function details(): Markup {
    return markup`<section>
<h2>${l('section.details')}</h2>
<table><tbody>${detailRows(summary).map(([label, value]) => markup`<tr><th scope="row">${label}</th><td class="text">${value}</td></tr>`)}</tbody></table>
</section>`
  }

  function keyFigures(): Markup {
    return markup`<section>
<h2>${l('section.keyFigures')}</h2>
<div class="figures">${keyFigureRows(summary).map(
      ([label, value]) =>
        markup`<div class="figure"><div class="value">${value}</div><div class="name">${label}</div></div>`
    )}</div>
</section>`
  }

  function attendance(): Markup {
    const a = summary.attendance
    return markup`<section>
<h2>${l('section.attendance')}</h2>
${a.total === 0 ? markup`<p class="muted">${l('attendance.none')}</p>` : ''}
<table>
<thead><tr><th scope="col">${l('attendance.sex')}</th>${a.ageGroups.map((g) => markup`<th scope="col" class="num">${g.label}</th>`)}<th scope="col" class="num">${l('attendance.total')}</th></tr></thead>
<tbody>${a.rows.map(
      (row) =>
        markup`<tr><th scope="row">${row.label}</th>${row.counts.map((c) => markup`<td class="num">${c}</td>`)}<td class="num">${row.total}</td></tr>`
    )}</tbody>
<tfoot><tr><td>${l('attendance.total')}</td>${a.columnTotals.map((c) => markup`<td class="num">${c}</td>`)}<td class="num">${a.total}</td></tr></tfoot>
</table>
</section>`
  }

  function timing(): Markup {
    const t = summary.timing
    const max = Math.max(1, ...t.blocks.flatMap((b) => [b.plannedMinutes, b.actualMinutes]))
    return markup`<section>
<h2>${l('section.timing')}</h2>
${legend([l('timing.planned'), l('timing.actual')])}
<table>
<thead><tr><th scope="col">${l('timing.block')}</th><th scope="col">${l('timing.kind')}</th><th scope="col" class="num">${l('timing.planned')}</th><th scope="col" class="num">${l('timing.actual')}</th><th scope="col" class="num">${l('timing.difference')}</th><th scope="col" class="chart"></th></tr></thead>
<tbody>${t.blocks.map(
      (b) =>
        markup`<tr><td>${b.title}</td><td>${l(`kind.${b.kind}`)}</td><td class="num">${num(b.plannedMinutes)}</td><td class="num">${b.ran ? num(b.actualMinutes) : l('timing.notRun')}</td><td class="num">${b.ran ? formatSigned(lang, b.actualMinutes - b.plannedMinutes) : none}</td><td class="chart">${bars(
          [
            { value: b.plannedMinutes, colour: COLOUR_A, name: l('timing.planned') },
            { value: b.actualMinutes, colour: COLOUR_B, name: l('timing.actual') }
          ],
          max
        )}</td></tr>`
    )}</tbody>
<tfoot><tr><td colspan="2">${l('timing.total')}</td><td class="num">${num(t.plannedMinutes)}</td><td class="num">${num(t.actualMinutes)}</td><td class="num">${formatSigned(lang, t.actualMinutes - t.plannedMinutes)}</td><td></td></tr></tfoot>
</table>
<p class="small muted">${l('timing.explain')}</p>
</section>`
  }

  function quizzes(): Markup {
    const q = summary.quizzes
    if (q.tests.length === 0) {
      return markup`<section><h2>${l('section.quizzes')}</h2><p class="muted">${l('quiz.none')}</p></section>`
    }
    const hands = handsTables(summary)
    return markup`<section>
<h2>${l('section.quizzes')}</h2>
<table>
<thead><tr><th scope="col">${l('quiz.test')}</th><th scope="col">${l('poll.collected')}</th><th scope="col" class="num">${l('quiz.respondents')}</th><th scope="col" class="num">${l('quiz.mean')}</th><th scope="col" class="num">${l('quiz.mastered')}</th><th scope="col" class="num">${l('quiz.passMark')}</th></tr></thead>
<tbody>${q.tests.map(
      (t) =>
        markup`<tr><td>${t.title} <span class="muted">(${l(`quiz.role.${t.role}`)})</span></td><td>${collectedText(lang, t)}</td><td class="num">${t.respondents}</td><td class="num">${num(t.meanScorePercent)}</td><td class="num">${masteredCell(t)}</td><td class="num">${num(t.passMarkPercent)}</td></tr>`
    )}</tbody>
${
  q.change
    ? markup`<tfoot><tr><td colspan="3">${l('quiz.changeTitle')}</td><td class="num">${formatSigned(lang, q.change.meanScorePoints)}</td><td class="num">${formatSigned(lang, q.change.masteredPoints)}</td><td></td></tr></tfoot>`
    : ''
}
</table>
<p class="small muted">${l('quiz.masteredExplain')}</p>
<h3>${l('quiz.matchedGain')}</h3>
<p>${matchedGainText(summary)}</p>
${q.change ? changeTable() : q.tests.map(questionTable)}
${hands.length > 0 ? markup`<h3>${l('quiz.handsTitle')}</h3><p class="small muted">${l('quiz.handsExplain')}</p>${hands.map(handsTable)}` : ''}
</section>`
  }

  function masteredCell(t: QuizSummary): string {
    return t.masteredPercent === null ? none : `${num(t.masteredPercent)} (${t.passed}/${t.tested})`
  }

  function changeTable(): Markup {
    const change = summary.quizzes.change!
    const pre = summary.quizzes.tests.find((t) => t.blockId === change.preBlockId)!
    const post = summary.quizzes.tests.find((t) => t.blockId === change.postBlockId)!
    return markup`<div class="block">
<h3>${l('quiz.correctRate')}</h3>
${legend([l('quiz.role.pre'), l('quiz.role.post')])}
<table>
<thead><tr><th scope="col">${l('quiz.question')}</th><th scope="col" class="num">${l('quiz.role.pre')}</th><th scope="col" class="num">${l('quiz.role.post')}</th><th scope="col" class="num">${l('quiz.change')}</th><th scope="col" class="chart"></th></tr></thead>
<tbody>${change.questions.map(
      (q) =>
        markup`<tr><td>${q.text}</td><td class="num">${pct(q.prePercent)}</td><td class="num">${pct(q.postPercent)}</td><td class="num">${formatSigned(lang, q.changePoints)}</td><td class="chart">${bars(
          [
            { value: q.prePercent ?? 0, colour: COLOUR_A, name: pre.title },
            { value: q.postPercent ?? 0, colour: COLOUR_B, name: post.title }
          ],
          100
        )}</td></tr>`
    )}</tbody>
</table>
</div>`
  }

  function handsTable({ title, table }: { title: string; table: FormattedTable }): Markup {
    return markup`<div class="block">
<h4>${title}</h4>
<table>
<thead><tr>${table.columns.map((c, i) => markup`<th scope="col"${table.numeric[i] ? markup` class="num"` : ''}>${c}</th>`)}</tr></thead>
<tbody>${table.rows.map((row) => markup`<tr>${row.map((cell, i) => markup`<td${table.numeric[i] ? markup` class="num"` : ''}>${String(cell)}</td>`)}</tr>`)}</tbody>
</table>
</div>`
  }

  function questionTable(test: QuizSummary): Markup {
    return markup`<div class="block">
<h3>${test.title}: ${l('quiz.correctRate')}</h3>
<table>
<thead><tr><th scope="col">${l('quiz.question')}</th><th scope="col" class="num">${l('quiz.answered')}</th><th scope="col" class="num">${l('quiz.correctRate')}</th><th scope="col" class="chart"></th></tr></thead>
<tbody>${test.questions.map(
      (q) =>
        markup`<tr><td>${q.text}</td><td class="num">${q.answered}</td><td class="num">${pct(q.correctPercent)}</td><td class="chart">${bars(
          [{ value: q.correctPercent ?? 0, colour: COLOUR_A, name: l('quiz.correctRate') }],
          100
        )}</td></tr>`
    )}</tbody>
</table>
</div>`
  }

  function poll(p: PollSummary): Markup {
    const votes = p.options.reduce((s, o) => s + o.count, 0)
    const base = p.respondents !== null && p.respondents > 0 ? p.respondents : votes
    const max = Math.max(1, ...p.options.map((o) => o.count))
    return markup`<div class="block">
<h3>${p.title}</h3>
<p class="text">${p.question}</p>
<p class="small muted">${pollMeta(summary, p)}</p>
${
  p.options.length > 0
    ? markup`<table>
<thead><tr><th scope="col">${l('poll.option')}</th><th scope="col" class="num">${l('poll.count')}</th><th scope="col" class="num">${l('poll.share')}</th><th scope="col" class="chart"></th></tr></thead>
<tbody>${p.options.map(
        (o) =>
          markup`<tr><td>${o.label}</td><td class="num">${o.count}</td><td class="num">${base > 0 ? pct((o.count / base) * 100) : none}</td><td class="chart">${bars(
            [{ value: o.count, colour: COLOUR_A, name: l('poll.count') }],
            max
          )}</td></tr>`
      )}</tbody>
</table>`
    : ''
}
${p.type === 'rating' ? markup`<p>${l('poll.mean')}: <strong>${num(p.mean, 2)}</strong>${p.scale ? markup` <span class="muted">(${l('poll.scale', { min: p.scale.min, max: p.scale.max })})</span>` : ''}</p>` : ''}
${
  p.type === 'open'
    ? p.openAnswers.length === 0
      ? markup`<p class="muted">${l('poll.noOpenAnswers')}</p>`
      : markup`<p><strong>${l('poll.openAnswers')}</strong></p><ul>${p.openAnswers.map((text) => markup`<li class="text">${text}</li>`)}</ul>`
    : ''
}
</div>`
  }

  function notes(): Markup {
    return markup`<section>
<h2>${l('section.notes')}</h2>
${
  summary.notes.length === 0
    ? markup`<p class="muted">${l('notes.none')}</p>`
    : summary.notes.map(
        (block) => markup`<div class="block">
<h3>${block.title}</h3>
${block.groups.map(
  (g) => markup`<p><strong>${noteGroupTitle(summary, g.group)}</strong></p>
<ul>${g.notes.map((text) => markup`<li class="text">${text}</li>`)}</ul>`
)}
</div>`
      )
}
</section>`
  }

  function legend(names: [string, string]): Markup {
    return markup`<p class="legend"><span class="swatch" style="background:${COLOUR_A}"></span>${names[0]}<span class="swatch" style="background:${COLOUR_B}"></span>${names[1]}</p>`
  }

  /** Horizontal bars (one per series) in a small inline SVG; the numbers are in the table beside it. */
  function bars(series: { value: number; colour: string; name: string }[], max: number): Markup {
    const width = 200
    const bar = 10
    const gap = 3
    const height = series.length * bar + (series.length - 1) * gap
    const label = series.map((s) => `${s.name}: ${num(s.value)}`).join('; ')
    return markup`<svg class="bars" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" preserveAspectRatio="none" role="img" aria-label="${label}">${series.map(
      (s, i) =>
        markup`<rect x="0" y="${i * (bar + gap)}" width="${width}" height="${bar}" fill="${TRACK}"/><rect x="0" y="${i * (bar + gap)}" width="${round2((Math.max(0, Math.min(s.value, max)) / max) * width)}" height="${bar}" fill="${s.colour}"/>`
    )}</svg>`
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100
}
