import { AGE_GROUPS, SEXES } from '../../shared/sessions/model'
import type { LoadedWorkshop } from '../workshops/loader'
import { stripCitations } from '../../shared/workshops/citations'
import { GUIDE_LABELS, type GuideLanguage } from './labels'
import { escapeHtml, printableDocument } from './printable-html'
import { textIn } from '../../shared/i18n/text-in'

/**
 * The printed attendance sheet: one numbered line per participant, with tick boxes for sex and age
 * group (the same categories as the session's attendance counts) and an optional signature. The line
 * number doubles as the participant's anonymous number for the pre- and post-test, so no name is needed.
 */

export const DEFAULT_SIGN_IN_ROWS = 30
export const MAX_SIGN_IN_ROWS = 500

export interface SignInSheetOptions {
  /** Numbered lines to print (default 30). */
  rows?: number
  /** Printed in the header; left as a blank line to fill in by hand when absent. */
  venue?: string
  date?: string
}

const SHEET_STYLE = `
@page { margin: 11mm 11mm 13mm 11mm; }
.doc-kind { font-size: 9pt; font-weight: 700; letter-spacing: 0.08em; text-transform: uppercase; margin: 0 0 1mm; }
h1 { font-size: 15pt; margin-bottom: 2mm; }
.fields { display: flex; gap: 6mm; margin: 0 0 2mm; font-size: 10pt; }
.field { display: flex; gap: 1.5mm; flex: 1 1 0; align-items: flex-end; }
.field .label { font-weight: 700; white-space: nowrap; }
.field .value { flex: 1 1 auto; min-height: 5.5mm; border-bottom: 0.7pt solid #000; }
.explain { font-size: 9pt; margin: 0 0 2mm; }
table.sign-in { table-layout: fixed; }
col.no { width: 11mm; }
col.sex { width: 15mm; }
col.age { width: 13mm; }
.sign-in th { font-size: 8pt; line-height: 1.15; text-align: center; vertical-align: bottom; padding: 1mm; }
.sign-in th.group { vertical-align: middle; font-size: 9pt; }
.sign-in td { height: 6.5mm; padding: 0 1mm; vertical-align: middle; }
.sign-in td.no { text-align: center; font-weight: 700; font-variant-numeric: tabular-nums; }
.sign-in td.tick { text-align: center; }
.sign-in .divider { border-left: 1.6pt solid #000; }
.sign-in tfoot { display: table-row-group; }
.sign-in tfoot th { font-size: 9pt; background: #fff; }
.after { font-size: 8.5pt; margin-top: 2mm; }
`

export function signInSheetHtml(
  workshop: LoadedWorkshop,
  language: GuideLanguage,
  options: SignInSheetOptions = {}
): string {
  const rows = options.rows ?? DEFAULT_SIGN_IN_ROWS
  if (!Number.isInteger(rows) || rows < 1 || rows > MAX_SIGN_IN_ROWS) {
    throw new RangeError(`rows must be a whole number from 1 to ${MAX_SIGN_IN_ROWS}, got ${rows}`)
  }
  const L = GUIDE_LABELS[language]
  const title = stripCitations(textIn(workshop.manifest.title, language, workshop.manifest.languages))
  const field = (label: string, value: string | undefined): string =>
    `<div class="field"><span class="label">${escapeHtml(label)}:</span>` +
    `<span class="value">${escapeHtml(value?.trim() ?? '')}</span></div>`

  const divider = (i: number): string => (i === 0 ? ' divider' : '')
  const sexHeads = SEXES.map((sex, i) => `<th class="tick${divider(i)}">${escapeHtml(L.sexes[sex])}</th>`).join('')
  const ageHeads = AGE_GROUPS.map(
    (age, i) => `<th class="tick${divider(i)}">${escapeHtml(L.ageGroups[age])}</th>`
  ).join('')
  const boxes = (count: number): string =>
    Array.from({ length: count }, (_, i) => `<td class="tick${divider(i)}"><span class="box"></span></td>`).join('')
  const blanks = (count: number): string =>
    Array.from({ length: count }, (_, i) => `<td class="tick${divider(i)}"></td>`).join('')
  const lines = Array.from(
    { length: rows },
    (_, i) =>
      `<tr><td class="no">${i + 1}</td>${boxes(SEXES.length)}${boxes(AGE_GROUPS.length)}<td class="signature divider"></td></tr>`
  ).join('\n')

  const body = [
    '<header>',
    `<p class="doc-kind">${escapeHtml(L.signInTitle)}</p>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<div class="fields">${field(L.venue, options.venue)}${field(L.date, options.date)}${field(L.trainer, undefined)}</div>`,
    `<p class="explain"><strong>${escapeHtml(L.participantNumberExplain)}</strong> ` +
      `${escapeHtml(L.namesNotRequired)} ${escapeHtml(L.tickHint)}</p>`,
    '</header>',
    '<table class="sign-in">',
    `<colgroup><col class="no">${'<col class="sex">'.repeat(SEXES.length)}` +
      `${'<col class="age">'.repeat(AGE_GROUPS.length)}<col class="signature"></colgroup>`,
    '<thead>',
    `<tr><th rowspan="2">${escapeHtml(L.columnNumber)}</th>` +
      `<th class="group divider" colspan="${SEXES.length}">${escapeHtml(L.columnSex)}</th>` +
      `<th class="group divider" colspan="${AGE_GROUPS.length}">${escapeHtml(L.columnAgeGroup)}</th>` +
      `<th class="divider" rowspan="2">${escapeHtml(L.columnSignature)}</th></tr>`,
    `<tr>${sexHeads}${ageHeads}</tr>`,
    '</thead>',
    `<tbody>\n${lines}\n</tbody>`,
    `<tfoot><tr><th>${escapeHtml(L.columnTotal)}</th>${blanks(SEXES.length)}${blanks(AGE_GROUPS.length)}` +
      '<td class="divider"></td></tr></tfoot>',
    '</table>',
    `<p class="after">${escapeHtml(L.afterSession)}</p>`
  ].join('\n')

  return printableDocument({ language, title: `${L.signInTitle} · ${title}`, style: SHEET_STYLE, body })
}
