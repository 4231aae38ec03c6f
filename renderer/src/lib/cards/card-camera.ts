import { AR } from '../../../../electron/shared/cards/aruco'
import { MAX_CARD_COUNT } from '../../../../electron/shared/cards/card-count'
import { CardConfidence, readCards, type CardReading } from '../../../../electron/shared/cards/card-reading'
import type { CardAnswer } from '../../../../electron/shared/cards/card-questions'
import { CARD_DICTIONARY } from '../../../../electron/shared/cards/marker'

/**
 * The webcam side of answer cards (loaded only when the trainer turns the cards camera on): frames
 * from getUserMedia drawn to a canvas, markers found by js-aruco2, turned into card readings, and
 * a reading passed on only once it is certain (CardConfidence).
 */

export interface CameraFrame {
  width: number
  height: number
  readings: CardReading[]
}

export interface CardCameraEvents {
  /** Every processed frame, for the live outlines. */
  frame(frame: CameraFrame): void
  /** A card read the same way in enough frames in a row. */
  certain(reading: { participantNumber: number; answer: CardAnswer }): void
}

/** Frames in a row that must agree before a card is recorded. */
export const FRAMES_NEEDED = 3

export class CardCamera {
  private stream: MediaStream | null = null
  private running = false
  private stopped = false
  private timer: ReturnType<typeof setTimeout> | null = null
  private readonly canvas = document.createElement('canvas')
  // Corrects up to 3 cells (codes differ in ≥ 12), not the library's default of 11: a card misread as another number is worse than a missed one.
  private readonly detector = new AR.Detector({ dictionaryName: CARD_DICTIONARY, maxHammingDistance: 4 })
  private confidence = new CardConfidence(FRAMES_NEEDED)

  constructor(private readonly events: CardCameraEvents) {}

  /** Asks for the camera (video only) and starts reading frames into `video`. */
  async start(video: HTMLVideoElement): Promise<void> {
    const stream = await navigator.mediaDevices.getUserMedia({
      video: { width: { ideal: 1280 }, height: { ideal: 720 } },
      audio: false
    })
    this.stream = stream
    // Turned off while the camera was being asked for: give it straight back.
    if (this.stopped) return this.stop()
    video.srcObject = stream
    await video.play()
    this.running = true
    this.loop(video)
  }

  /** Stops the camera (the light goes off) and the reading loop. Safe to call twice. */
  stop(): void {
    this.stopped = true
    this.running = false
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    for (const track of this.stream?.getTracks() ?? []) track.stop()
    this.stream = null
  }

  /** A new question: every card has to be read afresh. */
  restart(): void {
    this.confidence = new CardConfidence(FRAMES_NEEDED)
  }

  private loop(video: HTMLVideoElement): void {
    if (!this.running) return
    this.readFrame(video)
    // One frame after another, leaving the page a moment to paint and take clicks in between.
    this.timer = setTimeout(() => this.loop(video), 40)
  }

  private readFrame(video: HTMLVideoElement): void {
    const width = video.videoWidth
    const height = video.videoHeight
    if (width === 0 || height === 0) return
    if (this.canvas.width !== width || this.canvas.height !== height) Object.assign(this.canvas, { width, height })
    const context = this.canvas.getContext('2d', { willReadFrequently: true })
    if (!context) return
    context.drawImage(video, 0, 0, width, height)
    const readings = readCards(this.detector.detect(context.getImageData(0, 0, width, height)), MAX_CARD_COUNT)
    this.events.frame({ width, height, readings })
    for (const reading of this.confidence.update(readings)) this.events.certain(reading)
  }
}
