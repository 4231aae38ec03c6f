import { optionLetter, paperBlocks, type PaperBlock } from '../../shared/sessions/paper-entry'
import type { Block, Manifest } from '../../shared/workshops/schema'
import { stripCitations } from '../../shared/workshops/citations'
import { GUIDE_LABELS, type GuideLabels, type GuideLanguage } from './labels'
import { escapeHtml, printableDocument } from './printable-html'
import { DEFAULT_SIGN_IN_ROWS, MAX_SIGN_IN_ROWS } from './sign-in-sheet'
import { textIn } from '../../shared/i18n/text-in'
import type { Bilingual } from '../../shared/i18n/language'

/**
 * Paper answer sheets for rooms without phones. Participants write their sign-in number and mark
 * letters; the trainer or a helper types the sheets in (the paper entry screen). Two documents:
 * - answer sheets: one small sheet per participant per quiz (and per poll with options, when asked),
 *   several per A4 page with dashed cut lines, question numbers and one letter box per option;
 * - room sheet: one page per quiz or poll with a line per sign-in number and a column per question,
 *   for a helper who collects the answers in the room.
 * Question texts are not printed: they are on the projector or read aloud, and the sheet stays small.
 */

export interface AnswerSheetOptions {
  /** Sheets per quiz, or lines of the room sheet (default: the sign-in sheet's 30). */
  participants?: number
  /** Also polls with options (single or multiple choice); feedback polls stay anonymous and are left out. */
  polls?: boolean
}

// Page geometry in millimetres: the sheets are laid out here, not left to the browser, so every page
// holds whole sheets and the cut lines meet.
const PAGE_MARGIN = 8
const PAGE_HEIGHT = 297 - 2 * PAGE_MARGIN - 1
const COLUMNS = 2
const SHEET_HEADER = 27
const SHEET_PADDING = 6
const QUESTION_ROW = 8.5
const POLL_QUESTION_TEXT = 11
const POLL_OPTION_ROW = 7

/** How many sheets of this block fit on one A4 page (two columns, as many rows as fit). */
export function sheetsPerPage(paper: PaperBlock): number {
  const height = sheetHeight(paper)
  return COLUMNS * Math.max(1, Math.floor(PAGE_HEIGHT / height))
}

function sheetHeight(paper: PaperBlock): number {
  if (paper.block.kind !== 'poll') return SHEET_HEADER + SHEET_PADDING + paper.questions.length * QUESTION_ROW
  const question = paper.questions[0]!
  return (
    SHEET_HEADER +
    SHEET_PADDING +
    POLL_QUESTION_TEXT +
    (question.multiple ? 4 : 0) +
    question.options.length * POLL_OPTION_ROW
  )
}

const SHEETS_STYLE = `
@page { size: A4; margin: ${PAGE_MARGIN}mm; @bottom-right { content: none; } }
@media screen { body { padding: 4mm; } }
.page { display: grid; grid-template-columns: repeat(${COLUMNS}, 1fr); break-after: page;
  border-top: 0.8pt dashed #555; border-left: 0.8pt dashed #555; }
.page:last-child { break-after: auto; }
.sheet { position: relative; padding: 3mm 3.5mm; border-right: 0.8pt dashed #555; border-bottom: 0.8pt dashed #555;
  overflow: hidden; }
.sheet .cut { position: absolute; top: -0.6mm; left: 1mm; font-size: 11pt; line-height: 1; background: #fff; }
.sheet-head { display: flex; gap: 3mm; align-items: flex-start; margin-bottom: 1.5mm; }
.sheet-title { flex: 1 1 auto; min-width: 0; }
.sheet-title .kind { font-size: 7.5pt; font-weight: 700; text-transform: uppercase; letter-spacing: 0.05em; margin: 0; }
.sheet-title .name { font-size: 10.5pt; font-weight: 700; line-height: 1.2; margin: 0; }
.sheet-title .workshop { font-size: 7.5pt; line-height: 1.2; margin: 0.5mm 0 0; color: #222; }
.number { flex: 0 0 auto; text-align: center; }
.number .label { display: block; font-size: 7.5pt; font-weight: 700; margin-bottom: 0.5mm; }
.number .write { display: block; width: 22mm; height: 10mm; border: 1.4pt solid #000; }
.hint { font-size: 7.5pt; line-height: 1.25; margin: 0 0 1.5mm; }
.poll-question { font-size: 8.5pt; line-height: 1.25; margin: 0 0 1.5mm; max-height: ${POLL_QUESTION_TEXT - 1}mm; overflow: hidden; }
.questions { list-style: none; margin: 0; padding: 0; }
.questions li { display: flex; align-items: center; gap: 1.6mm; height: ${QUESTION_ROW}mm; margin: 0; }
.q-number { flex: 0 0 auto; font-size: 9.5pt; font-weight: 700; white-space: nowrap; }
.letter { flex: 0 0 auto; display: inline-flex; align-items: center; justify-content: center; width: 7mm; height: 7mm;
  border: 1pt solid #000; font-size: 10pt; font-weight: 600; color: #333; }
.all { font-size: 7pt; line-height: 1.1; font-weight: 700; margin: 0 0 0 1mm; }
p.all { margin: 0 0 1mm; }
.poll-options { list-style: none; margin: 0; padding: 0; }
.poll-options li { display: flex; align-items: center; gap: 2mm; height: ${POLL_OPTION_ROW}mm; margin: 0; }
.option-text { font-size: 8pt; line-height: 1.15; max-height: ${POLL_OPTION_ROW - 0.5}mm; overflow: hidden; }
`

/** The answer sheets of every paper block, each block starting on a new page. */
export function answerSheetsHtml(
  manifest: Manifest,
  language: GuideLanguage,
  options: AnswerSheetOptions = {}
): string {
  const count = checkedCount(options.participants)
  const L = GUIDE_LABELS[language]
  const pick = (text: Bilingual): string => stripCitations(textIn(text, language, manifest.languages))
  const workshop = pick(manifest.title)
  const pages: string[] = []
  for (const paper of paperBlocks(manifest, options.polls ?? false)) {
    const perPage = sheetsPerPage(paper)
    const rows = perPage / COLUMNS
    const sheet = sheetHtml(paper, L, language, workshop, pick)
    // Whole pages: a part-filled page costs the same paper, so it is filled.
    const pageCount = Math.ceil(count / perPage)
    for (let p = 0; p < pageCount; p++) {
      pages.push(
        `<section class="page" style="grid-template-rows: repeat(${rows}, ${(PAGE_HEIGHT / rows).toFixed(2)}mm)">` +
          sheet.repeat(perPage) +
          '</section>'
      )
    }
  }
  const body = pages.length > 0 ? pages.join('\n') : `<p>${escapeHtml(L.noPaperBlocks)}</p>`
  return printableDocument({ language, title: `${L.answerSheetTitle} · ${workshop}`, style: SHEETS_STYLE, body })
}

function sheetHtml(
  paper: PaperBlock,
  L: GuideLabels,
  language: GuideLanguage,
  workshop: string,
  pick: (text: Bilingual) => string
): string {
  const { block } = paper
  const kind = block.kind === 'quiz' ? L.quizRoles[block.role] : L.blockKinds.poll
  const title = pick(block.title)
  // A pre-test is often titled "Pre-test": the kind is printed only when it adds something.
  const kindLine =
    kind.toLocaleLowerCase(language) === title.toLocaleLowerCase(language)
      ? ''
      : `<p class="kind">${escapeHtml(kind)}</p>`
  return (
    '<div class="sheet"><span class="cut" aria-hidden="true">✂</span>' +
    '<div class="sheet-head"><div class="sheet-title">' +
    kindLine +
    `<p class="name">${escapeHtml(title)}</p>` +
    `<p class="workshop">${escapeHtml(workshop)}</p></div>` +
    `<div class="number"><span class="label">${escapeHtml(L.participantNumber)}</span><span class="write"></span></div></div>` +
    `<p class="hint">${escapeHtml(L.answerSheetHint)}</p>` +
    (block.kind === 'poll' ? pollAnswers(block, L, pick) : quizAnswers(paper, L)) +
    '</div>'
  )
}

const letterBox = (index: number): string => `<span class="letter">${optionLetter(index)}</span>`

/** A line per question: its number and one letter box per option (the questions are on the projector). */
function quizAnswers(paper: PaperBlock, L: GuideLabels): string {
  // One width for every question number of the sheet, so the letter boxes line up in columns.
  const numberWidth = `${(Math.max(...paper.questions.map((_, i) => L.question(i + 1).length)) * 1.9 + 1).toFixed(1)}mm`
  const rows = paper.questions.map((q, i) => {
    const all = q.multiple ? `<span class="all">${escapeHtml(L.chooseAll)}</span>` : ''
    return `<li><span class="q-number" style="width: ${numberWidth}">${escapeHtml(L.question(i + 1))}</span>${q.options.map((_, o) => letterBox(o)).join('')}${all}</li>`
  })
  return `<ol class="questions">${rows.join('')}</ol>`
}

/** The poll's question and each option beside its letter box: the projector shows poll options without letters. */
function pollAnswers(block: Block, L: GuideLabels, pick: (text: Bilingual) => string): string {
  if (block.kind !== 'poll') return ''
  const options = (block.options ?? []).map(
    (o, i) => `<li>${letterBox(i)}<span class="option-text">${escapeHtml(pick(o.text))}</span></li>`
  )
  const all = block.type === 'multiple' ? `<p class="all">${escapeHtml(L.chooseAllThatApply)}</p>` : ''
  return (
    `<p class="poll-question">${escapeHtml(pick(block.question))}</p>${all}` +
    `<ol class="poll-options">${options.join('')}</ol>`
  )
}

const ROOM_STYLE = `
@page { size: A4; margin: 10mm 10mm 12mm 10mm; }
.room { break-after: page; }
.room:last-child { break-after: auto; }
.doc-kind { font-size: 9pt; font-weight: 700; letter-spacing: 0.08em; text-transform: uppercase; margin: 0 0 1mm; }
h1 { font-size: 14pt; margin-bottom: 1mm; }
.workshop { font-size: 9pt; margin: 0 0 1.5mm; }
.explain { font-size: 8.5pt; margin: 0 0 2mm; }
table.grid { table-layout: fixed; }
col.no { width: 12mm; }
.grid th { font-size: 8.5pt; text-align: center; padding: 0.8mm; line-height: 1.15; }
.grid th .options { display: block; font-weight: 400; font-size: 7pt; }
.grid td { height: 7mm; padding: 0; }
.grid td.no { text-align: center; font-weight: 700; font-variant-numeric: tabular-nums; }
.grid tbody tr:nth-child(5n) td { border-bottom-width: 1.4pt; border-bottom-color: #000; }
`

/** One grid per paper block: a line per sign-in number, a column per question, for a helper to fill in. */
export function roomSheetHtml(manifest: Manifest, language: GuideLanguage, options: AnswerSheetOptions = {}): string {
  const count = checkedCount(options.participants)
  const L = GUIDE_LABELS[language]
  const pick = (text: Bilingual): string => stripCitations(textIn(text, language, manifest.languages))
  const workshop = pick(manifest.title)
  const grids = paperBlocks(manifest, options.polls ?? false).map((paper) => {
    const { block } = paper
    const kind = block.kind === 'quiz' ? L.quizRoles[block.role] : L.blockKinds.poll
    const heads = paper.questions
      .map((q, i) => {
        const letters = `${optionLetter(0)}–${optionLetter(q.options.length - 1)}${q.multiple ? ' ✱' : ''}`
        const title = block.kind === 'poll' ? L.pollColumn : L.questionShort(i + 1)
        return `<th>${escapeHtml(title)}<span class="options">${escapeHtml(letters)}</span></th>`
      })
      .join('')
    const blanks = '<td></td>'.repeat(paper.questions.length)
    const lines = Array.from({ length: count }, (_, i) => `<tr><td class="no">${i + 1}</td>${blanks}</tr>`).join('\n')
    const multiple = paper.questions.some((q) => q.multiple) ? ` ✱ ${L.chooseAllThatApply}.` : ''
    return [
      '<section class="room">',
      `<p class="doc-kind">${escapeHtml(L.roomSheetTitle)} · ${escapeHtml(kind)}</p>`,
      `<h1>${escapeHtml(pick(block.title))}</h1>`,
      `<p class="workshop">${escapeHtml(workshop)}</p>`,
      `<p class="explain">${escapeHtml(L.roomSheetHint + multiple)}</p>`,
      '<table class="grid">',
      `<colgroup><col class="no">${'<col>'.repeat(paper.questions.length)}</colgroup>`,
      `<thead><tr><th>${escapeHtml(L.columnNumber)}</th>${heads}</tr></thead>`,
      `<tbody>\n${lines}\n</tbody>`,
      '</table>',
      '</section>'
    ].join('\n')
  })
  const body = grids.length > 0 ? grids.join('\n') : `<p>${escapeHtml(L.noPaperBlocks)}</p>`
  return printableDocument({ language, title: `${L.roomSheetTitle} · ${workshop}`, style: ROOM_STYLE, body })
}

function checkedCount(participants: number | undefined): number {
  const count = participants ?? DEFAULT_SIGN_IN_ROWS
  if (!Number.isInteger(count) || count < 1 || count > MAX_SIGN_IN_ROWS) {
    throw new RangeError(`participants must be a whole number from 1 to ${MAX_SIGN_IN_ROWS}, got ${count}`)
  }
  return count
}
