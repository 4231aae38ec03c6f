import { DEFAULT_CARD_COUNT, MAX_CARD_COUNT } from '../../shared/cards/card-count'
import { MARKER_CELLS, markerCells } from '../../shared/cards/marker'
import { CARD_ANSWERS } from '../../shared/cards/card-questions'
import { stripCitations } from '../../shared/workshops/citations'
import type { LoadedWorkshop } from '../workshops/loader'
import { GUIDE_LABELS, type GuideLanguage } from './labels'
import { escapeHtml, printableDocument } from './printable-html'
import { textIn } from '../../shared/i18n/text-in'

/**
 * Printed answer cards for the webcam: one A4 page per sign-in number, a large marker whose id is
 * the number, and the letters A–D on its four sides (each letter upright when its side is on top).
 * A participant holds the card with the letter of their answer at the top. A full page per card
 * because size is what lets a 720p webcam read a card at the back of a room (160 mm marker: about
 * 4 camera pixels per cell at 6 m with a common 70° webcam).
 */

/** Marker side on paper; the side margins left on A4 hold the letters B and D. */
const MARKER_MM = 160

const CARDS_STYLE = `
@page { size: A4; margin: 8mm; @bottom-right { content: none; } }
@media screen { body { padding: 8mm; } .card { border: 0.5pt dashed #999; margin-bottom: 8mm; } }
.card { position: relative; height: 281mm; break-after: page; overflow: hidden; }
.card:last-child { break-after: auto; }
.marker { position: absolute; left: 50%; top: 50%; width: ${MARKER_MM}mm; height: ${MARKER_MM}mm;
  transform: translate(-50%, -50%); display: block; }
.side { position: absolute; font-size: 15mm; line-height: 1; font-weight: 800; }
.side-A { top: 14mm; left: 50%; transform: translateX(-50%); }
.side-B { right: 1mm; top: 50%; transform: translateY(-50%) rotate(90deg); }
.side-C { bottom: 14mm; left: 50%; transform: translateX(-50%) rotate(180deg); }
.side-D { left: 1mm; top: 50%; transform: translateY(-50%) rotate(-90deg); }
.number { position: absolute; top: 0; left: 0; font-size: 10pt; font-weight: 700; }
.number-turned { top: auto; left: auto; bottom: 0; right: 0; transform: rotate(180deg); }
.how { position: absolute; top: 34mm; left: 0; right: 0; text-align: center; font-size: 10pt; margin: 0; }
`

/** The marker as SVG rects: black square (border and black cells), white runs of cells on it. */
function markerSvg(number: number): string {
  const rects = markerCells(number).flatMap((row, y) => {
    const runs: string[] = []
    for (let x = 0; x < MARKER_CELLS; x++) {
      if (!row[x] || (x > 0 && row[x - 1])) continue
      let end = x
      while (row[end + 1]) end++
      runs.push(`<rect x="${x + 1}" y="${y + 1}" width="${end - x + 1}" height="1"/>`)
    }
    return runs
  })
  const size = MARKER_CELLS + 2
  return (
    `<svg class="marker" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges" aria-hidden="true">` +
    `<rect width="${size}" height="${size}" fill="#000"/><g fill="#fff">${rects.join('')}</g></svg>`
  )
}

export function answerCardsHtml(workshop: LoadedWorkshop, language: GuideLanguage, count = DEFAULT_CARD_COUNT): string {
  if (!Number.isInteger(count) || count < 1 || count > MAX_CARD_COUNT) {
    throw new RangeError(`count must be a whole number from 1 to ${MAX_CARD_COUNT}, got ${count}`)
  }
  const L = GUIDE_LABELS[language]
  const title = stripCitations(textIn(workshop.manifest.title, language, workshop.manifest.languages))
  const cards = Array.from({ length: count }, (_, i) => {
    const number = escapeHtml(L.cardNumber(i + 1))
    return [
      `<section class="card" data-number="${i + 1}">`,
      `<span class="number">${number}</span><span class="number number-turned">${number}</span>`,
      ...CARD_ANSWERS.map((letter) => `<span class="side side-${letter}">${letter}</span>`),
      `<p class="how">${escapeHtml(L.cardHow)}</p>`,
      markerSvg(i + 1),
      '</section>'
    ].join('')
  })
  return printableDocument({
    language,
    title: `${L.cardsTitle} · ${title}`,
    style: CARDS_STYLE,
    body: cards.join('\n')
  })
}
