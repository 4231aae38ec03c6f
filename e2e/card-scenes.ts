import { CARD_ANSWERS, type CardAnswer } from '../electron/shared/cards/card-questions'
import { markerCells, MARKER_CELLS } from '../electron/shared/cards/marker'

/**
 * Generated camera pictures of a room holding up answer cards, for the fake webcam of the e2e test
 * and for the bench: cards with their own numbers and sides up, of different sizes, tilted, seen
 * in perspective and slightly blurred, on a cluttered background with marker-like decoys. Plain
 * HTML/CSS: Chromium renders a scene and a JPEG screenshot of it is one camera frame.
 */

export const SCENE_WIDTH = 1280
export const SCENE_HEIGHT = 720

export interface HeldCard {
  number: number
  /** The side held up; null for a card held on its diagonal (it must not be read). */
  answer: CardAnswer | null
}

/** 30 participants 1…30 answering A–D, plus two cards that must never be recorded. */
export function roomOfCards(count = 30): { cards: HeldCard[]; expected: Map<number, CardAnswer> } {
  const cards: HeldCard[] = Array.from({ length: count }, (_, i) => ({
    number: i + 1,
    answer: CARD_ANSWERS[(i * 7 + Math.floor(i / 4)) % 4]!
  }))
  const expected = new Map(cards.map((card) => [card.number, card.answer!]))
  // A number above any printed card (201–249 exist in the dictionary) and a card held diagonally.
  cards.push({ number: 231, answer: 'A' }, { number: count + 1, answer: null })
  return { cards, expected }
}

/** A small deterministic random generator (mulberry32), so every run draws the same scenes. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const TURN: Record<CardAnswer, number> = { A: 0, B: -90, C: 180, D: 90 }

function markerSvg(number: number): string {
  const rects = markerCells(number)
    .flatMap((row, y) => row.map((white, x) => (white ? `<rect x="${x + 1}" y="${y + 1}" width="1" height="1"/>` : '')))
    .join('')
  const size = MARKER_CELLS + 2
  return `<svg viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="${size}" height="${size}"/><g fill="#fff">${rects}</g></svg>`
}

/**
 * One scene: every card somewhere else, its own size (marker side in pixels, within `markerPx`), tilt,
 * perspective and blur; the same side up.
 */
export function sceneHtml(cards: HeldCard[], seed: number, markerPx: [number, number] = [50, 78]): string {
  const rand = random(seed)
  const between = (min: number, max: number): number => min + rand() * (max - min)
  const columns = 7
  const rows = 5
  const cellWidth = SCENE_WIDTH / columns
  const cellHeight = SCENE_HEIGHT / rows
  const cells = Array.from({ length: columns * rows }, (_, i) => i).sort(() => rand() - 0.5)

  const clutter: string[] = []
  for (let i = 0; i < 70; i++) {
    const shade = Math.floor(between(0, 360))
    clutter.push(
      `<div style="left:${between(-50, SCENE_WIDTH)}px;top:${between(-50, SCENE_HEIGHT)}px;width:${between(20, 260)}px;` +
        `height:${between(10, 200)}px;background:hsl(${shade} ${between(0, 70)}% ${between(5, 85)}%);transform:rotate(${between(-40, 40)}deg)"></div>`
    )
  }
  for (let i = 0; i < 25; i++) {
    clutter.push(
      `<p style="left:${between(0, SCENE_WIDTH)}px;top:${between(0, SCENE_HEIGHT)}px;font-size:${between(10, 40)}px;` +
        `color:hsl(0 0% ${between(0, 100)}%)">Bàn Tròn ${Math.floor(between(1, 999))} A B C D</p>`
    )
  }
  // Marker-like squares that are no card: a black border round random cells.
  for (let i = 0; i < 6; i++) {
    const cellsHtml = Array.from({ length: 25 }, (_, k) =>
      rand() < 0.5 ? `<rect x="${(k % 5) + 1}" y="${Math.floor(k / 5) + 1}" width="1" height="1"/>` : ''
    ).join('')
    clutter.push(
      `<svg class="decoy" viewBox="-1 -1 9 9" style="left:${between(0, SCENE_WIDTH - 80)}px;top:${between(0, SCENE_HEIGHT - 80)}px;` +
        `width:${between(40, 80)}px;transform:rotate(${between(0, 90)}deg)"><rect x="-1" y="-1" width="9" height="9" fill="#fff"/>` +
        `<rect width="7" height="7"/><g fill="#fff">${cellsHtml}</g></svg>`
    )
  }

  const held = cards.map((card, i) => {
    const cell = cells[i]!
    const marker = between(markerPx[0], markerPx[1])
    const width = marker * 1.35
    const height = marker * 1.6
    const cx = ((cell % columns) + 0.5) * cellWidth + between(-12, 12)
    const cy = (Math.floor(cell / columns) + 0.5) * cellHeight + between(-6, 6)
    const turn = card.answer === null ? 45 : TURN[card.answer] + between(-12, 12)
    const transform = `perspective(700px) rotateX(${between(-22, 22)}deg) rotateY(${between(-22, 22)}deg) rotate(${turn}deg)`
    const filter = `blur(${between(0, 0.9).toFixed(2)}px) brightness(${between(0.75, 1.05).toFixed(2)})`
    return (
      `<div class="card" data-number="${card.number}" style="left:${cx - width / 2}px;top:${cy - height / 2}px;width:${width}px;height:${height}px;` +
      `transform:${transform};filter:${filter};font-size:${marker / 6}px">` +
      `<div class="marker" style="width:${marker}px;height:${marker}px">${markerSvg(card.number)}</div>` +
      CARD_ANSWERS.map((letter) => `<b class="side-${letter}">${letter}</b>`).join('') +
      '</div>'
    )
  })

  return `<!doctype html><html><head><style>
    html, body { margin: 0; width: ${SCENE_WIDTH}px; height: ${SCENE_HEIGHT}px; overflow: hidden;
      background: linear-gradient(160deg, #7d7468, #c9c1b0 45%, #5b6a74); font-family: sans-serif; }
    body > div, body > p, body > svg { position: absolute; margin: 0; }
    .card { background: #f4f2ec; box-shadow: 0 2px 6px rgba(0,0,0,.35); }
    .marker { position: absolute; left: 50%; top: 50%; transform: translate(-50%, -50%); }
    .marker svg { display: block; width: 100%; height: 100%; }
    .card b { position: absolute; font-weight: 800; color: #111; }
    .side-A { top: 1%; left: 50%; transform: translateX(-50%); }
    .side-B { right: 3%; top: 50%; transform: translateY(-50%) rotate(90deg); }
    .side-C { bottom: 1%; left: 50%; transform: translateX(-50%) rotate(180deg); }
    .side-D { left: 3%; top: 50%; transform: translateY(-50%) rotate(-90deg); }
  </style></head><body>${clutter.join('')}${held.join('')}</body></html>`
}

/** A Motion-JPEG file as Chromium's fake webcam plays it: JPEG frames one after another (it loops). */
export function motionJpeg(frames: Buffer[]): Buffer {
  return Buffer.concat(frames)
}
