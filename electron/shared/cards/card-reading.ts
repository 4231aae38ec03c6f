import type { CardAnswer } from './card-questions'

/**
 * Answer cards read by the webcam: which side of a card is held up is the answer (A at the top as
 * printed, B on the right, C at the bottom, D on the left), the marker's id is the sign-in number.
 * Pure functions over what the detector found, so the rules are tested without a camera. Loaded
 * with the camera only (the questions side, card-questions.ts, is all the trainer UI needs before).
 */

export interface Point {
  x: number
  y: number
}

/** What the detector reports for one marker: its id and corners, the printed top-left first, clockwise. */
export interface DetectedMarker {
  id: number
  corners: Point[]
  /** Cells that had to be corrected to match the dictionary (0 for a clean read). */
  hammingDistance: number
}

export interface CardReading {
  participantNumber: number
  answer: CardAnswer
  corners: Point[]
}

/** A card tilted further than this from upright, sideways or upside down is not read (better missed than misread). */
export const MAX_TILT_DEGREES = 30
/** A marker read with more corrected cells than this is ignored: codes differ in ≥ 12 cells, so 3 leave a wide margin. */
export const MAX_CORRECTED_CELLS = 3

/**
 * The side held at the top, from the direction of the marker's printed top edge in the image
 * (the mean of its top and bottom edges, which perspective bends less than either one).
 * Image y grows downwards: an edge pointing right is upright (A); pointing down means the card was
 * turned a quarter clockwise, so its left side (D) is on top; pointing up, its right side (B).
 */
export function answerFromCorners(corners: readonly Point[]): CardAnswer | null {
  const [c0, c1, c2, c3] = corners
  if (!c0 || !c1 || !c2 || !c3) return null
  const dx = c1.x - c0.x + (c2.x - c3.x)
  const dy = c1.y - c0.y + (c2.y - c3.y)
  if (dx === 0 && dy === 0) return null
  const degrees = (Math.atan2(dy, dx) * 180) / Math.PI
  const quarter = Math.round(degrees / 90)
  if (Math.abs(degrees - quarter * 90) > MAX_TILT_DEGREES) return null
  const byQuarter: Record<number, CardAnswer> = { 0: 'A', 1: 'D', 2: 'C', [-2]: 'C', [-1]: 'B' }
  return byQuarter[quarter] ?? null
}

/**
 * The cards of one frame. A number seen twice in the same frame (two cards printed with one number,
 * or a reflection) is dropped altogether, as are numbers outside 1…maxNumber and doubtful reads.
 */
export function readCards(markers: readonly DetectedMarker[], maxNumber: number): CardReading[] {
  const readings = new Map<number, CardReading | null>()
  for (const marker of markers) {
    if (marker.id < 1 || marker.id > maxNumber || marker.hammingDistance > MAX_CORRECTED_CELLS) continue
    const answer = answerFromCorners(marker.corners)
    if (!answer) continue
    readings.set(
      marker.id,
      readings.has(marker.id) ? null : { participantNumber: marker.id, answer, corners: marker.corners }
    )
  }
  return [...readings.values()].filter((reading): reading is CardReading => reading !== null)
}

/**
 * Records a card only once the same answer was read in `framesNeeded` frames in a row: a card
 * caught half-turned, or lost for a frame, starts counting again. What it reports is what changed
 * since the last report for that number (a participant who turns their card is reported again).
 */
export class CardConfidence {
  private readonly streaks = new Map<number, { answer: CardAnswer; frames: number }>()
  private readonly reported = new Map<number, CardAnswer>()

  constructor(private readonly framesNeeded = 3) {}

  /** Takes one frame's readings; returns the readings that just became certain and are new. */
  update(readings: readonly CardReading[]): { participantNumber: number; answer: CardAnswer }[] {
    const seen = new Set<number>()
    const certain: { participantNumber: number; answer: CardAnswer }[] = []
    for (const { participantNumber, answer } of readings) {
      seen.add(participantNumber)
      const streak = this.streaks.get(participantNumber)
      const frames = streak?.answer === answer ? streak.frames + 1 : 1
      this.streaks.set(participantNumber, { answer, frames })
      if (frames >= this.framesNeeded && this.reported.get(participantNumber) !== answer) {
        this.reported.set(participantNumber, answer)
        certain.push({ participantNumber, answer })
      }
    }
    for (const number of this.streaks.keys()) if (!seen.has(number)) this.streaks.delete(number)
    return certain
  }

  /** Forgets a report that could not be saved, so the card is reported again when next certain. */
  forget(participantNumber: number): void {
    this.reported.delete(participantNumber)
  }
}
