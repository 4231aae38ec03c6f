#!/usr/bin/env node
// `npm run bench [-- --json] [-- --only sizes,slides,...]`: measures the app against its budgets on this
// machine and writes bench/results.json. Each figure is the median of several runs (or a percentile
// over many samples); baselines are measured in the same run.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from '@playwright/test'
import { root, rssMb, startHost } from './host.mjs'
import { measureSlides } from './slides.mjs'
import { launchOptions, median, percentile, round } from './stats.mjs'

const asJson = process.argv.includes('--json')
const onlyArg = process.argv.find((a) => a.startsWith('--only'))
/** Groups to run (all by default); `--only=slides,history` while working on one of them. */
const only = onlyArg ? new Set((onlyArg.split('=')[1] ?? process.argv[process.argv.indexOf(onlyArg) + 1]).split(',')) : null
const runs = (group) => !only || only.has(group)
const log = (...args) => (asJson ? process.stderr : process.stdout).write(`${args.join(' ')}\n`)
const metrics = []
const within = (value, budget) => (budget.max !== undefined ? value <= budget.max : value >= budget.min)
const describe = (budget) => `${budget.max !== undefined ? '≤' : '≥'} ${budget.max ?? budget.min}`
/** One figure against its budget; `ratioBudget` (against the baseline) must hold too. */
const record = (name, value, unit, budget, { ratioBudget, note, ...extra } = {}) => {
  const pass = within(value, budget) && (!ratioBudget || within(extra.ratio, ratioBudget))
  const rounded = Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, round(v)]))
  metrics.push({ name, value: round(value), unit, budget: budget.max ?? budget.min, pass, ...rounded, ...(note ? { note } : {}) })
  const against = extra.baseline !== undefined ? `  (baseline ${round(extra.baseline)}, ratio ${round(extra.ratio)}${ratioBudget ? ` ${describe(ratioBudget)}` : ''})` : ''
  log(`${pass ? 'PASS' : 'MISS'}  ${name.padEnd(30)} ${String(round(value)).padStart(9)} ${unit.padEnd(6)} budget ${describe(budget)}${against}`)
  if (note) log(`      ${note}`)
}

if (!existsSync(join(root, 'out/main/browser-host.js'))) {
  spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' })
}

// --- Sizes -------------------------------------------------------------------------------------
if (runs('sizes')) {
  const html = readFileSync(join(root, 'out/renderer/index.html'), 'utf8')
  const assets = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1])
  const bytes = [html, ...assets.map((a) => readFileSync(join(root, 'out/renderer', a)))].reduce((sum, content) => sum + gzipSync(content).length, 0)
  record('renderer_initial_gzip_kb', bytes / 1024, 'KB', { max: 200 })
}

const browser = await chromium.launch(launchOptions)

// --- Cold start: host process start to the library interactive in Chromium ------------------------
if (runs('cold')) {
  const runs = []
  for (let i = 0; i < 3; i++) {
    const page = await browser.newPage()
    const host = await startHost()
    await page.goto(host.url)
    await page.getByRole('heading', { name: 'Thư viện hội thảo' }).waitFor()
    await page.locator('.card button').first().waitFor()
    runs.push(performance.now() - host.started)
    await page.close()
    await host.stop()
  }
  record('cold_start_ms', median(runs), 'ms', { max: 1500 })
}

if (runs('phones')) {
// --- A live session with phones -------------------------------------------------------------------
const host = await startHost()
const session = await host.call('session.start', {
  workshopId: 'conference-briefing',
  details: { venue: 'Bench', date: '2026-11-22', trainer: 'Bench', language: 'vi', plannedStart: '08:00' }
})
const blocks = session.snapshot.manifest.blocks
const pollIndex = blocks.findIndex((b) => b.kind === 'poll' && b.type === 'single')
const poll = blocks[pollIndex]
await host.call('session.command', { id: session.id, command: { type: 'goto', block: pollIndex, slide: 0 } })
await host.call('session.command', { id: session.id, command: { type: 'pollOpen', blockId: poll.id, mode: 'phones' } })
const participants = await host.call('participants.start', { address: '127.0.0.1', port: 0 })
const phoneUrl = new URL(participants.url)

/** One simulated phone: its own loopback source address (as phones have their own on Wi-Fi) and cookie. */
async function joinPhone(index) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: `127.0.${1 + Math.floor(index / 250)}.${1 + (index % 250)}` })
  const join = await request(agent, 'GET', `/j/${participants.code}`)
  const cookie = /rt_device=([^;]+)/.exec(join.headers['set-cookie']?.join(';') ?? '')?.[1]
  if (!cookie) throw new Error(`phone ${index} could not join (${join.status})`)
  return { agent, cookie, deviceKey: decodeURIComponent(cookie).split('.')[0], acknowledged: null }
}

function request(agent, method, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: phoneUrl.hostname, port: phoneUrl.port, method, path, headers: { Host: phoneUrl.host, ...headers } },
      (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }))
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}

// --- Participant page size --------------------------------------------------------------------------
{
  const phone = await joinPhone(0)
  const page = await request(phone.agent, 'GET', '/q', undefined, { Cookie: `rt_device=${phone.cookie}` })
  const script = await request(phone.agent, 'GET', '/p.js', undefined, { Cookie: `rt_device=${phone.cookie}` })
  record('participant_page_gzip_kb', (gzipSync(page.body).length + gzipSync(script.body).length) / 1024, 'KB', { max: 25 })
  phone.agent.destroy()
}

/** Drives `phones` with answers for `seconds`; returns answers/s and latencies. */
async function load(phones, send, seconds) {
  const latencies = []
  let ok = 0
  const until = performance.now() + seconds * 1000
  await Promise.all(
    phones.map(async (phone, i) => {
      let n = i
      while (performance.now() < until) {
        const option = poll.options[n++ % poll.options.length].id
        const started = performance.now()
        const reply = await send(phone, option)
        latencies.push(performance.now() - started)
        if (reply.status === 200) {
          ok++
          phone.acknowledged = option
        }
        // Each phone stays within its rate limit (10 answers/s).
        const wait = 100 - (performance.now() - started)
        if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      }
    })
  )
  return { perSecond: ok / seconds, latencies }
}

const form = (option) => new URLSearchParams({ block: poll.id, [poll.id]: option }).toString()
const postHeaders = (phone, body) => ({
  Cookie: `rt_device=${phone.cookie}`,
  'Content-Type': 'application/x-www-form-urlencoded',
  'Content-Length': Buffer.byteLength(body),
  Accept: 'application/json',
  Origin: phoneUrl.origin
})

// --- Vote ingest: Roundtable against a bare node:http server answering the same POST ---------------
{
  const phones = []
  for (let i = 0; i < 300; i++) phones.push(await joinPhone(i))
  let peakRss = 0
  const sampler = setInterval(async () => (peakRss = Math.max(peakRss, (await rssMb(host.child.pid)) ?? 0)), 200)
  const runs = []
  for (let r = 0; r < 3; r++) {
    runs.push(await load(phones, (phone, option) => { const body = form(option); return request(phone.agent, 'POST', '/answer', body, postHeaders(phone, body)) }, 5))
  }
  clearInterval(sampler)

  const baselineServer = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      new URLSearchParams(Buffer.concat(chunks).toString())
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
    })
  })
  await new Promise((r) => baselineServer.listen(0, '127.0.0.1', r))
  const baselinePort = baselineServer.address().port
  const baselineAgentPhones = phones.map((p, i) => ({ ...p, agent: new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}` }) }))
  const baselineRuns = []
  for (let r = 0; r < 3; r++) {
    baselineRuns.push(
      await load(baselineAgentPhones, (phone, option) => {
        const body = form(option)
        return new Promise((resolve, reject) => {
          const req = http.request({ agent: phone.agent, host: '127.0.0.1', port: baselinePort, method: 'POST', path: '/answer', headers: postHeaders(phone, body) }, (res) => {
            res.resume()
            res.on('end', () => resolve({ status: res.statusCode }))
          })
          req.on('error', reject)
          req.end(body)
        })
      }, 5)
    )
  }
  baselineServer.close()
  baselineAgentPhones.forEach((p) => p.agent.destroy())

  const rate = median(runs.map((r) => r.perSecond))
  const baseline = median(baselineRuns.map((r) => r.perSecond))
  record('vote_ingest_per_s', rate, '/s', { min: 3000 }, { baseline, ratio: rate / baseline })
  record('vote_p99_ms', median(runs.map((r) => percentile(r.latencies, 99))), 'ms', { max: 50 })
  record('host_rss_mb_300_phones', peakRss, 'MB', { max: 150 })

  // Every acknowledged answer must be in the session file on disk, as last acknowledged.
  await host.stop()
  const onDisk = JSON.parse(readFileSync(join(host.dataDir, 'sessions', `${session.id}.json`), 'utf8')).session.polls[poll.id].answers
  const lost = phones.filter((p) => p.acknowledged && onDisk[p.deviceKey]?.values[poll.id]?.[0] !== p.acknowledged).length
  record('votes_lost', lost, 'votes', { max: 0 })
  phones.forEach((p) => p.agent.destroy())
}

// --- Vote to projector: a phone's acknowledged answer until the audience view shows it ------------------
{
  const live = await startHost()
  const s = await live.call('session.start', {
    workshopId: 'conference-briefing',
    details: { venue: 'Bench', date: '2026-11-22', trainer: 'Bench', language: 'vi', plannedStart: '08:00' }
  })
  await live.call('session.command', { id: s.id, command: { type: 'goto', block: pollIndex, slide: 0 } })
  await live.call('session.command', { id: s.id, command: { type: 'pollOpen', blockId: poll.id, mode: 'phones' } })
  const p = await live.call('participants.start', { address: '127.0.0.1', port: 0 })
  phoneUrl.host = new URL(p.url).host
  participants.code = p.code
  const audience = await browser.newPage({ viewport: { width: 1280, height: 720 } })
  await audience.goto(`${live.url}&audience=${s.id}`)
  await audience.getByTestId('option-count').first().waitFor()
  const delays = []
  for (let i = 0; i < 20; i++) {
    const phone = await joinPhone(i)
    const before = await audience.evaluate(() => [...document.querySelectorAll('[data-testid=option-count]')].map((e) => e.textContent).join())
    const body = form(poll.options[i % poll.options.length].id)
    const reply = await request(phone.agent, 'POST', '/answer', body, postHeaders(phone, body))
    const acknowledged = performance.now()
    if (reply.status !== 200) throw new Error(`answer refused: ${reply.status}`)
    await audience.waitForFunction((prev) => [...document.querySelectorAll('[data-testid=option-count]')].map((e) => e.textContent).join() !== prev, before, { polling: 'raf' })
    delays.push(performance.now() - acknowledged)
    phone.agent.destroy()
  }
  record('vote_to_projector_p95_ms', percentile(delays, 95), 'ms', { max: 250 })
  await audience.close()
  await live.stop()
}

}

if (runs('slides')) await measureSlides(browser, record)

await browser.close()

const notMeasured = ['slide_advance_p95_ms', 'save_p95_ms_1000_sessions', 'library_open_ms_1000_sessions', 'export_html_ms', 'export_pdf_ms', 'renderer_heap_growth_mb']
log(`not measured yet: ${notMeasured.join(', ')}`)
const result = { metrics, notMeasured, machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, at: new Date().toISOString() }
writeFileSync(join(root, 'bench/results.json'), `${JSON.stringify(result, null, 2)}\n`)
if (asJson) process.stdout.write(`${JSON.stringify({ metrics })}\n`)
