// Slide advance (key press → next slide painted, presenter and audience) against reveal.js on the same
// slides in the same Chromium, and the trainer window's heap growth over 500 advances.
import { readFile } from 'node:fs/promises'
import http from 'node:http'
import { extname, join, normalize } from 'node:path'
import { root, startHost } from './host.mjs'
import { percentile, sessionDetails, sleep } from './stats.mjs'

const MEASURED_ADVANCES = Number(process.env.BENCH_ADVANCES ?? 200)
const HEAP_ADVANCES = MEASURED_ADVANCES + 300
/**
 * Presses are paced: reveal's speaker view follows its main window through a 200 ms debounce, so
 * faster presses would measure that debounce instead of rendering. Both products get the same pace.
 */
const PACE_MS = 250

/**
 * Runs in every frame of the bench's browser context. Records when a key went down and when a frame
 * showing a different slide was painted: a MutationObserver sees the change, requestAnimationFrame
 * runs just before that frame is painted, and a message posted from there arrives just after it.
 * Times are `timeOrigin + now`, comparable across pages and frames.
 */
function instrumentFrame() {
  const now = () => performance.timeOrigin + performance.now()
  window.__keys = []
  window.__paints = []
  addEventListener('keydown', (event) => window.__keys.push(performance.timeOrigin + event.timeStamp), true)
  const signature = () => {
    const deck = document.querySelector('.reveal .slides')
    if (deck) {
      const present = deck.querySelector(':scope > section.present')
      return present ? String([...deck.children].indexOf(present)) : null
    }
    const audience = document.querySelector('[data-testid=audience]')
    if (audience) return audience.innerHTML
    // Presenter: block title and slide number ("… · 3/7") name the position.
    return document.querySelector('.stage-label')?.textContent ?? null
  }
  const start = () => {
    let last = signature()
    new MutationObserver(() => {
      const current = signature()
      if (current === null || current === last) return
      const fresh = last !== null
      last = current
      if (!fresh) return
      requestAnimationFrame(() => {
        const channel = new MessageChannel()
        channel.port1.onmessage = () => window.__paints.push(now())
        channel.port2.postMessage(0)
      })
    }).observe(document.documentElement, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['class']
    })
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start)
  else start()
}

/** The trainer's window; the projector window opens from it (see below), as in the app. */
async function instrumentedPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } })
  await context.addInitScript(instrumentFrame)
  return context.newPage()
}

const paints = (frame) => frame.evaluate(() => window.__paints.length)

/**
 * Presses → `count` times in `pressOn` (← once the deck's end is reached, and back), and returns for each
 * press the time until every frame in `views` painted the new slide, and each view's own p95.
 */
async function advance(pressOn, views, count, cursor, pace = PACE_MS) {
  const delays = []
  const perView = views.map(() => [])
  for (let i = 0; i < count; i++) {
    if (cursor.position + cursor.direction < 0 || cursor.position + cursor.direction >= cursor.positions)
      cursor.direction *= -1
    const before = await Promise.all(views.map(paints))
    const keysBefore = await pressOn.evaluate(() => window.__keys.length)
    await pressOn.keyboard.press(cursor.direction > 0 ? 'ArrowRight' : 'ArrowLeft')
    cursor.position += cursor.direction
    const painted = await Promise.all(
      views.map(async (frame, v) => {
        await frame
          .waitForFunction((n) => window.__paints.length > n, before[v], { polling: 'raf', timeout: 5000 })
          .catch((error) => {
            throw new Error(`view ${v} did not change at press ${i} (position ${cursor.position}): ${error.message}`)
          })
        return frame.evaluate((n) => window.__paints[n], before[v])
      })
    )
    const pressed = await pressOn.evaluate((n) => window.__keys[n], keysBefore)
    delays.push(Math.max(...painted) - pressed)
    painted.forEach((t, v) => perView[v].push(t - pressed))
    if (process.env.BENCH_DEBUG)
      console.error(i, cursor.position, painted.map((t) => Math.round(t - pressed)).join(' '))
    if (pace) await sleep(pace)
  }
  return { delays, perView: perView.map((d) => percentile(d, 95)) }
}

/** JS heap of a page after a full garbage collection, in MB. */
async function heapMb(page) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  await cdp.detach()
  return usedSize / 1024 / 1024
}

async function roundtable(browser) {
  const host = await startHost()
  try {
    const workshops = await host.call('library.list')
    // The longest bundled workshop: the most positions to move through.
    let best = null
    for (const w of workshops) {
      const session = await host.call('session.start', { workshopId: w.id, details: sessionDetails })
      // A quiz is one position per question (the slide keys page through them, before its results exist).
      const blocks = session.snapshot.manifest.blocks
      const questions = (b) => (b.questions ?? blocks.find((q) => q.id === b.questionsFrom)?.questions ?? [1]).length
      const positions = blocks.reduce(
        (n, b) =>
          n + (b.kind === 'slides' ? session.snapshot.slides[b.id].vi.length : b.kind === 'quiz' ? questions(b) : 1),
        0
      )
      if (!best || positions > best.positions) best = { session, positions }
    }
    const { session, positions } = best
    // The one the trainer works in last is the one that stays active.
    await host.call('session.command', { id: session.id, command: { type: 'goto', block: 0, slide: 0 } })

    const presenter = await instrumentedPage(browser)
    await presenter.goto(host.url)
    await presenter
      .locator('.session-list li', { hasText: session.snapshot.manifest.title.vi })
      .first()
      .getByRole('button')
      .click()
    await presenter.getByTestId('presenter').waitFor()
    // The projector window as the trainer opens it: the presenter's button (window.open in browser
    // mode; Electron's second window shares the origin the same way), so both run in one browser.
    const [audience] = await Promise.all([
      presenter.context().waitForEvent('page'),
      presenter.getByRole('button', { name: 'Mở màn hình khán giả' }).click()
    ])
    await audience.setViewportSize({ width: 1280, height: 720 })
    // A popup keeps the window of its first, blank document, where the instrumentation started
    // watching; reloaded once, it watches the app (the token stays in the popup's sessionStorage).
    await audience.reload()
    await audience.getByTestId('audience').locator('.audience-slide').waitFor()

    const cursor = { position: 0, direction: 1, positions }
    await advance(presenter, [presenter, audience], 10, cursor, 0)
    const heapAfter10 = [await heapMb(presenter), await heapMb(audience)]
    const { delays, perView } = await advance(presenter, [presenter, audience], MEASURED_ADVANCES, cursor)
    // The rest of the 500 unpaced: the heap question is about what stays behind, not about speed.
    await advance(presenter, [presenter, audience], HEAP_ADVANCES - 10 - MEASURED_ADVANCES, cursor, 0)
    const heapAfter500 = [await heapMb(presenter), await heapMb(audience)]
    await presenter.context().close()
    return {
      delays,
      perView,
      positions,
      workshopId: session.workshop.id,
      slides: session.snapshot,
      heapGrowth: { presenter: heapAfter500[0] - heapAfter10[0], audience: heapAfter500[1] - heapAfter10[1] }
    }
  } finally {
    await host.stop()
  }
}

/** The same slides (the core's rendered HTML, speaker notes included) as one reveal.js deck. */
function revealDeck(snapshot) {
  const sections = []
  for (const block of snapshot.manifest.blocks) {
    if (block.kind !== 'slides') continue
    for (const slide of snapshot.slides[block.id].vi) {
      sections.push(`<section>${slide.html}<aside class="notes">${slide.notesHtml}</aside></section>`)
    }
  }
  return {
    count: sections.length,
    html: `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>reveal.js baseline</title>
<link rel="stylesheet" href="/dist/reveal.css"><link rel="stylesheet" href="/dist/theme/white.css"></head>
<body><div class="reveal"><div class="slides">${sections.join('\n')}</div></div>
<script type="module">
import Reveal from '/dist/reveal.mjs'
import RevealNotes from '/dist/plugin/notes.mjs'
// No transitions: the app has none, and the speaker view turns them off too.
window.Reveal = Reveal
Reveal.initialize({ hash: false, transition: 'none', backgroundTransition: 'none', plugins: [RevealNotes] })
</script></body></html>`
  }
}

/** reveal.js from node_modules on 127.0.0.1: main window (the projector) plus its speaker view. */
async function revealBaseline(browser, snapshot) {
  const deck = revealDeck(snapshot)
  const dist = join(root, 'node_modules/reveal.js/dist')
  const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css' }
  const server = http.createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname
    if (path === '/') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(deck.html)
    const file = normalize(join(dist, path.replace(/^\/dist\//, '')))
    if (!file.startsWith(dist)) return res.writeHead(404).end()
    const content = await readFile(file).catch(() => null)
    if (!content) return res.writeHead(404).end()
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(content)
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } })
    await context.addInitScript(instrumentFrame)
    const main = await context.newPage()
    if (process.env.BENCH_DEBUG) context.on('console', (m) => console.error('reveal console:', m.text()))
    await main.goto(`http://127.0.0.1:${server.address().port}/`)
    await main.waitForFunction(() => window.Reveal?.isReady())
    // S opens reveal's speaker view (current slide, next slide, notes), as a presenter would.
    const [speaker] = await Promise.all([context.waitForEvent('page'), main.keyboard.press('s')])
    const current = async () => speaker.frames().find((f) => f.url().includes('postMessageEvents=true'))
    let currentFrame = null
    for (let i = 0; i < 100 && !currentFrame; i++) {
      currentFrame = await current()
      if (!currentFrame) await sleep(50)
    }
    if (!currentFrame) throw new Error('reveal.js speaker view did not open')
    await currentFrame.waitForFunction(() => window.Reveal?.isReady())
    await sleep(500)
    await main.bringToFront()
    const cursor = { position: 0, direction: 1, positions: deck.count }
    await advance(main, [main, currentFrame], 10, cursor)
    const { delays, perView } = await advance(main, [main, currentFrame], MEASURED_ADVANCES, cursor)
    await context.close()
    return { delays, slides: deck.count, perView }
  } finally {
    server.close()
  }
}

export async function measureSlides(browser, record) {
  const ours = await roundtable(browser)
  const reveal = await revealBaseline(browser, ours.slides)
  const p95 = percentile(ours.delays, 95)
  const baseline = percentile(reveal.delays, 95)
  record(
    'slide_advance_p95_ms',
    p95,
    'ms',
    { max: 16 },
    {
      baseline,
      ratio: p95 / baseline,
      ratioBudget: { max: 1 },
      note:
        `${MEASURED_ADVANCES} presses every ${PACE_MS} ms over ${ours.positions} positions of ${ours.workshopId}, until both presenter and audience painted ` +
        `(p95 presenter ${ours.perView[0].toFixed(1)}, audience ${ours.perView[1].toFixed(1)} ms); reveal.js, ${reveal.slides} slides, main window + speaker view ` +
        `(p95 main ${reveal.perView[0].toFixed(1)}, speaker view ${reveal.perView[1].toFixed(1)} ms). ` +
        '16 ms is one 60 Hz frame: p95 ≤ 16 asks for every change painted in the frame right after the key, in two windows'
    }
  )
  const growth = Math.max(ours.heapGrowth.presenter, ours.heapGrowth.audience)
  record(
    'renderer_heap_growth_mb',
    growth,
    'MB',
    { max: 5 },
    {
      note: `presenter ${ours.heapGrowth.presenter.toFixed(2)} MB, audience ${ours.heapGrowth.audience.toFixed(2)} MB (after GC, 500 vs 10 advances)`
    }
  )
}
