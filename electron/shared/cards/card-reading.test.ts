import { AR } from './aruco'
import { describe, expect, it } from 'vitest'
import {
  answerFromCorners,
  CardConfidence,
  readCards,
  type CardReading,
  type DetectedMarker,
  type Point
} from './card-reading'
import type { CardAnswer } from './card-questions'
import { CARD_DICTIONARY, markerCells, MAX_MARKER_ID } from './marker'

/** The corners of an upright square of side 100 around (cx, cy), turned `degrees` clockwise on screen. */
function square(degrees: number, cx = 300, cy = 200): Point[] {
  const t = (degrees * Math.PI) / 180
  return [
    [-50, -50],
    [50, -50],
    [50, 50],
    [-50, 50]
  ].map(([x, y]) => ({ x: cx + x! * Math.cos(t) - y! * Math.sin(t), y: cy + x! * Math.sin(t) + y! * Math.cos(t) }))
}

/**
 * Paints a card (marker, black border, one cell of white paper round it) on a grey image, centred
 * at (cx, cy), `size` pixels across its 10 cells, turned `degrees` clockwise: what a camera sees.
 */
function paintCard(
  image: Uint8ClampedArray,
  width: number,
  card: { id: number; cx: number; cy: number; size: number; degrees: number }
): void {
  const cells = markerCells(card.id)
  const t = (card.degrees * Math.PI) / 180
  const cell = card.size / 10
  const height = image.length / 4 / width
  const reach = card.size * 0.75
  for (let y = Math.max(0, Math.floor(card.cy - reach)); y < Math.min(height, card.cy + reach); y++) {
    for (let x = Math.max(0, Math.floor(card.cx - reach)); x < Math.min(width, card.cx + reach); x++) {
      // Back into the card's own (unturned) cells: 0…10 across, paper at 0 and 9, border at 1 and 8.
      const dx = x + 0.5 - card.cx
      const dy = y + 0.5 - card.cy
      const u = (dx * Math.cos(t) + dy * Math.sin(t)) / cell + 5
      const v = (-dx * Math.sin(t) + dy * Math.cos(t)) / cell + 5
      if (u < 0 || v < 0 || u >= 10 || v >= 10) continue
      const column = Math.floor(u) - 2
      const row = Math.floor(v) - 2
      const inside = u >= 1 && u < 9 && v >= 1 && v < 9
      const white = !inside || (column >= 0 && column < 6 && row >= 0 && row < 6 && cells[row]![column]!)
      const shade = white ? 235 : 20
      image.set([shade, shade, shade, 255], (y * width + x) * 4)
    }
  }
}

function detect(cards: { id: number; cx: number; cy: number; size: number; degrees: number }[]): DetectedMarker[] {
  const width = 800
  const height = 600
  const data = new Uint8ClampedArray(width * height * 4).fill(128)
  for (const card of cards) paintCard(data, width, card)
  return new AR.Detector({ dictionaryName: CARD_DICTIONARY, maxHammingDistance: 4 }).detect({ width, height, data })
}

describe('the side held up', () => {
  it('is the answer: A upright, D turned a quarter clockwise, C upside down, B a quarter anticlockwise', () => {
    expect(answerFromCorners(square(0))).toBe('A')
    expect(answerFromCorners(square(90))).toBe('D')
    expect(answerFromCorners(square(180))).toBe('C')
    expect(answerFromCorners(square(-90))).toBe('B')
    expect(answerFromCorners(square(270))).toBe('B')
  })

  it('allows a tilt of up to 30 degrees and refuses a card held nearer a diagonal', () => {
    expect(answerFromCorners(square(25))).toBe('A')
    expect(answerFromCorners(square(-25))).toBe('A')
    expect(answerFromCorners(square(115))).toBe('D')
    expect(answerFromCorners(square(35))).toBeNull()
    expect(answerFromCorners(square(45))).toBeNull()
    expect(answerFromCorners(square(-140))).toBeNull()
  })

  it('is not read from fewer than four corners or from a collapsed marker', () => {
    expect(answerFromCorners(square(0).slice(0, 3))).toBeNull()
    expect(answerFromCorners([0, 1, 2, 3].map(() => ({ x: 5, y: 5 })))).toBeNull()
  })

  it('is what the real detector reports for painted cards turned to each side', () => {
    const turns: [number, CardAnswer][] = [
      [0, 'A'],
      [90, 'D'],
      [180, 'C'],
      [270, 'B'],
      [12, 'A'],
      [160, 'C']
    ]
    for (const [index, [degrees, answer]] of turns.entries()) {
      const id = 7 + index * 31
      const markers = detect([{ id, cx: 400, cy: 300, size: 260, degrees }])
      expect(
        markers.map((m) => m.id),
        `card ${id} at ${degrees}°`
      ).toEqual([id])
      expect(
        readCards(markers, 200).map((r) => r.answer),
        `card ${id} at ${degrees}°`
      ).toEqual([answer])
    }
  })

  it('reads several cards of one frame, each with its own number and side', () => {
    const cards = [
      { id: 1, cx: 150, cy: 150, size: 200, degrees: 0 },
      { id: 40, cx: 450, cy: 150, size: 180, degrees: 90 },
      { id: 200, cx: 150, cy: 430, size: 190, degrees: 180 },
      { id: 249, cx: 600, cy: 420, size: 200, degrees: 270 }
    ]
    const byNumber = Object.fromEntries(
      readCards(detect(cards), MAX_MARKER_ID).map((r) => [r.participantNumber, r.answer])
    )
    expect(byNumber).toEqual({ 1: 'A', 40: 'D', 200: 'C', 249: 'B' })
  })
})

describe('the cards of a frame', () => {
  const marker = (id: number, degrees: number, hammingDistance = 0): DetectedMarker => ({
    id,
    corners: square(degrees),
    hammingDistance
  })

  it('keep numbers 1 to the highest card printed only', () => {
    expect(
      readCards([marker(0, 0), marker(1, 0), marker(40, 0), marker(41, 0)], 40).map((r) => r.participantNumber)
    ).toEqual([1, 40])
  })

  it('drop a number seen twice in one frame, and doubtful or diagonal reads', () => {
    const readings = readCards([marker(5, 0), marker(5, 90), marker(6, 0, 4), marker(7, 45), marker(8, 180, 3)], 40)
    expect(readings.map((r) => [r.participantNumber, r.answer])).toEqual([[8, 'C']])
  })
})

describe('confidence', () => {
  const frame = (...cards: [number, CardAnswer][]): CardReading[] =>
    cards.map(([participantNumber, answer]) => ({ participantNumber, answer, corners: square(0) }))

  it('records a card only after the same answer in three frames in a row', () => {
    const confidence = new CardConfidence(3)
    expect(confidence.update(frame([3, 'B']))).toEqual([])
    expect(confidence.update(frame([3, 'B']))).toEqual([])
    expect(confidence.update(frame([3, 'B']))).toEqual([{ participantNumber: 3, answer: 'B' }])
    // Still held up: nothing new to record.
    expect(confidence.update(frame([3, 'B']))).toEqual([])
  })

  it('starts counting again when the answer changes or the card is missed for a frame', () => {
    const confidence = new CardConfidence(3)
    confidence.update(frame([3, 'B']))
    confidence.update(frame([3, 'B']))
    expect(confidence.update(frame([3, 'C']))).toEqual([])
    confidence.update(frame([4, 'A']))
    expect(confidence.update(frame([3, 'C']))).toEqual([])
    confidence.update(frame([3, 'C']))
    expect(confidence.update(frame([3, 'C']))).toEqual([{ participantNumber: 3, answer: 'C' }])
  })

  it('reports a card again when its holder turns it to another answer (the latest wins)', () => {
    const confidence = new CardConfidence(2)
    confidence.update(frame([9, 'A']))
    expect(confidence.update(frame([9, 'A']))).toEqual([{ participantNumber: 9, answer: 'A' }])
    confidence.update(frame([9, 'D']))
    expect(confidence.update(frame([9, 'D']))).toEqual([{ participantNumber: 9, answer: 'D' }])
  })

  it('reports a card again after a failed save is forgotten', () => {
    const confidence = new CardConfidence(1)
    expect(confidence.update(frame([2, 'A']))).toEqual([{ participantNumber: 2, answer: 'A' }])
    confidence.forget(2)
    expect(confidence.update(frame([2, 'A']))).toEqual([{ participantNumber: 2, answer: 'A' }])
  })
})
