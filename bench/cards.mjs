// Answer cards: how long the webcam reader takes per frame at 1280×720 with 30 cards in view, and
// how many cards it reads and records (and how many it gets wrong) on the generated scenes of the
// e2e test. The detector and the reading rules run in Chromium, as in the trainer's window.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'rolldown'
import { root } from './host.mjs'
import { median, percentile } from './stats.mjs'

const SCENES = 20
const TIMED_RUNS = 3
/** The presenter records a card after this many frames in a row agree (renderer/src/lib/cards/card-camera.ts). */
const FRAMES_NEEDED = 3

/** The app's own TypeScript, bundled for the bench: the scene generator (Node) and the reading rules (browser). */
async function bundles() {
  const outDir = join(root, 'out/bench')
  mkdirSync(outDir, { recursive: true })
  const scenesFile = join(outDir, 'card-scenes.mjs')
  await build({
    input: join(root, 'e2e/card-scenes.ts'),
    external: ['js-aruco2'],
    logLevel: 'silent',
    output: { file: scenesFile, format: 'esm' }
  })
  const reading = await build({
    input: join(root, 'electron/shared/cards/card-reading.ts'),
    logLevel: 'silent',
    write: false,
    output: { format: 'iife', name: 'CardReading' }
  })
  return { scenes: await import(pathToFileURL(scenesFile).href), readingScript: reading.output[0].code }
}

/** Reads SCENES generated frames with markers of `markerPx` pixels; timings, reads per frame, what gets recorded. */
async function readScenes(browser, scenes, readingScript, markerPx) {
  const room = scenes.roomOfCards(30)
  const viewport = { width: scenes.SCENE_WIDTH, height: scenes.SCENE_HEIGHT }

  // Camera frames: JPEG pictures of the room, as the webcam delivers them.
  const painter = await browser.newPage({ viewport })
  const frames = []
  for (let seed = 1; seed <= SCENES; seed++) {
    await painter.setContent(scenes.sceneHtml(room.cards, 1000 + seed, markerPx))
    frames.push((await painter.screenshot({ type: 'jpeg', quality: 85 })).toString('base64'))
  }
  await painter.close()

  // The reader: js-aruco2 as the library ships it for browsers, and the app's reading rules.
  const reader = await browser.newPage()
  await reader.addScriptTag({ path: join(root, 'node_modules/js-aruco2/src/cv.js') })
  await reader.addScriptTag({ path: join(root, 'node_modules/js-aruco2/src/aruco.js') })
  await reader.addScriptTag({ content: readingScript })
  await reader.evaluate((needed) => {
    window.cardBench = {
      detector: new window.AR.Detector({ dictionaryName: 'ARUCO_MIP_36h12', maxHammingDistance: 4 }),
      confidence: new window.CardReading.CardConfidence(needed),
      recorded: {}
    }
    // One untimed read first, so the timings are of compiled code, as in a camera running for a while.
    window.cardBench.detector.detect(new ImageData(1280, 720))
  }, FRAMES_NEEDED)

  const times = []
  let read = 0
  let wrongReads = 0
  for (const jpeg of frames) {
    const result = await reader.evaluate(
      async ({ jpeg, runs, needed }) => {
        const bytes = Uint8Array.from(atob(jpeg), (c) => c.charCodeAt(0))
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }))
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
        const context = canvas.getContext('2d', { willReadFrequently: true })
        context.drawImage(bitmap, 0, 0)
        const { cardBench } = window
        const times = []
        let readings = []
        for (let i = 0; i < runs; i++) {
          // Timed as the presenter does it: read the canvas, find markers, turn them into readings.
          const started = performance.now()
          const image = context.getImageData(0, 0, canvas.width, canvas.height)
          readings = window.CardReading.readCards(cardBench.detector.detect(image), 200)
          times.push(performance.now() - started)
        }
        // A still camera shows this picture for a few frames in a row.
        for (let i = 0; i < needed; i++) {
          for (const { participantNumber, answer } of cardBench.confidence.update(readings))
            cardBench.recorded[participantNumber] = answer
        }
        return { times, readings: readings.map((r) => [r.participantNumber, r.answer]) }
      },
      { jpeg, runs: TIMED_RUNS, needed: FRAMES_NEEDED }
    )
    times.push(...result.times)
    for (const [number, answer] of result.readings) {
      if (room.expected.get(number) === answer) read++
      else wrongReads++
    }
  }
  const recorded = await reader.evaluate(() => window.cardBench.recorded)
  await reader.close()
  const recordedRight = [...room.expected].filter(([number, answer]) => recorded[number] === answer).length
  const recordedWrong = Object.entries(recorded).filter(
    ([number, answer]) => room.expected.get(Number(number)) !== answer
  ).length

  return { times, read, wrongReads, recordedRight, recordedWrong, expected: room.expected.size }
}

export async function measureCards(browser, record) {
  const { scenes, readingScript } = await bundles()
  const { times, read, wrongReads, recordedRight, recordedWrong, expected } = await readScenes(
    browser,
    scenes,
    readingScript,
    [50, 78]
  )
  const note = `${SCENES} generated scenes of 30 cards (50–78 px markers, ±12° tilt, ±22° perspective, blur ≤ 0.9 px, clutter and decoys)`
  record(
    'cards_frame_ms_median',
    median(times),
    'ms',
    { max: 150 },
    { note: '1280×720, 30 cards in view: canvas read + detection + reading' }
  )
  record('cards_frame_ms_p95', percentile(times, 95), 'ms', { max: 250 })
  record('cards_read_per_frame_pct', (read / (SCENES * expected)) * 100, '%', { min: 90 }, { note })
  record('cards_wrong_reads', wrongReads, 'count', { max: 0 })
  record('cards_recorded_pct', (recordedRight / expected) * 100, '%', { min: 99 })
  record('cards_wrong_recorded', recordedWrong, 'count', { max: 0 })

  // Farther away: a 160 mm marker is about 146 / distance(m) pixels wide with a 70° 720p webcam, so
  // 24–34 px is a room of 4.5–6 m; 16–22 px, 7–9 m.
  for (const [name, px] of [
    ['far', [24, 34]],
    ['farthest', [16, 22]]
  ]) {
    const far = await readScenes(browser, scenes, readingScript, px)
    record(
      `cards_${name}_read_per_frame_pct`,
      (far.read / (SCENES * far.expected)) * 100,
      '%',
      { min: name === 'far' ? 80 : 25 },
      { note: `markers of ${px[0]}–${px[1]} px` }
    )
    record(`cards_${name}_recorded_pct`, (far.recordedRight / far.expected) * 100, '%', {
      min: name === 'far' ? 99 : 90
    })
    record(`cards_${name}_wrong_recorded`, far.recordedWrong + far.wrongReads, 'count', { max: 0 })
  }
}
