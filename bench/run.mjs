#!/usr/bin/env node
// `npm run bench [-- --json] [-- --only sizes,slides,...]`: measures the app against its budgets on this
// machine and writes bench/results.json. Each figure is the median of several runs (or a percentile
// over many samples); baselines are measured in the same run.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from '@playwright/test'
import { root, startHost } from './host.mjs'
import { measureSlides } from './slides.mjs'
import { measureVotes } from './votes.mjs'
import { measureHall } from './hall.mjs'
import { measureHistory } from './history.mjs'
import { measureExports } from './exports.mjs'
import { measureCards } from './cards.mjs'
import { measureProgramme } from './programme.mjs'
import { launchOptions, median, round } from './stats.mjs'

const asJson = process.argv.includes('--json')
const onlyArg = process.argv.find((a) => a.startsWith('--only'))
/** Groups to run (all by default); `--only=slides,history` while working on one of them. */
const only = onlyArg
  ? new Set((onlyArg.split('=')[1] ?? process.argv[process.argv.indexOf(onlyArg) + 1]).split(','))
  : null
const runs = (group) => !only || only.has(group)
const log = (...args) => (asJson ? process.stderr : process.stdout).write(`${args.join(' ')}\n`)
const metrics = []
const within = (value, budget) => (budget.max !== undefined ? value <= budget.max : value >= budget.min)
const describe = (budget) => `${budget.max !== undefined ? '≤' : '≥'} ${budget.max ?? budget.min}`
/** One figure against its budget; `ratioBudget` (against the baseline) must hold too. */
const record = (name, value, unit, budget, { ratioBudget, note, ...extra } = {}) => {
  const pass = within(value, budget) && (!ratioBudget || within(extra.ratio, ratioBudget))
  const rounded = Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, round(v)]))
  metrics.push({
    name,
    value: round(value),
    unit,
    budget: budget.max ?? budget.min,
    pass,
    ...rounded,
    ...(note ? { note } : {})
  })
  const against =
    extra.baseline !== undefined
      ? `  (baseline ${round(extra.baseline)}, ratio ${round(extra.ratio)}${ratioBudget ? ` ${describe(ratioBudget)}` : ''})`
      : ''
  log(
    `${pass ? 'PASS' : 'MISS'}  ${name.padEnd(30)} ${String(round(value)).padStart(9)} ${unit.padEnd(6)} budget ${describe(budget)}${against}`
  )
  if (note) log(`      ${note}`)
}

if (!existsSync(join(root, 'out/main/browser-host.js'))) {
  spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: 'inherit'
  })
}

// --- Sizes -------------------------------------------------------------------------------------
if (runs('sizes')) {
  const html = readFileSync(join(root, 'out/renderer/index.html'), 'utf8')
  const assets = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1])
  const bytes = [html, ...assets.map((a) => readFileSync(join(root, 'out/renderer', a)))].reduce(
    (sum, content) => sum + gzipSync(content).length,
    0
  )
  // The library's first paint: every other screen loads when opened (App.svelte). 120 KB leaves room for
  // the library to grow while catching a screen that slips back into the first load (~100 KB each).
  record('renderer_initial_gzip_kb', bytes / 1024, 'KB', { max: 120 })
}

const browser = await chromium.launch(launchOptions)

// --- Cold start: host process start to the library interactive in Chromium ------------------------
if (runs('cold')) {
  const times = []
  for (let i = 0; i < 3; i++) {
    const page = await browser.newPage()
    const host = await startHost()
    await page.goto(host.url)
    await page.getByRole('heading', { name: 'Thư viện hội thảo' }).waitFor()
    await page.locator('.card button').first().waitFor()
    times.push(performance.now() - host.started)
    await page.close()
    await host.stop()
  }
  record('cold_start_ms', median(times), 'ms', { max: 1500 })
}

if (runs('votes')) await measureVotes(browser, record)
// A conference hall: 1,000 phones in a closed loop, and the ratio to bare node:http at 200 (hall.mjs).
if (runs('hall')) await measureHall(record)
if (runs('slides')) await measureSlides(browser, record)
if (runs('history')) await measureHistory(browser, record)
if (runs('exports')) await measureExports(browser, record)

// --- Answer cards: the webcam reader per frame, and its accuracy on generated scenes -------------------
if (runs('cards')) await measureCards(browser, record)

// --- The programme server: replicate 1,000 summaries; pull 10,000 and build the report ----------------
if (runs('programme')) await measureProgramme(record)

await browser.close()

const result = {
  metrics,
  ...(only ? { only: [...only] } : {}),
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  at: new Date().toISOString()
}
writeFileSync(join(root, 'bench/results.json'), `${JSON.stringify(result, null, 2)}\n`)
if (asJson) process.stdout.write(`${JSON.stringify({ metrics })}\n`)
