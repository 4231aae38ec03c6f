// Small helpers shared by the bench modules.
import { existsSync } from 'node:fs'

export const round = (n) => Math.round(n * 100) / 100
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
export const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Debian's Chromium when present (as the e2e tests use), else Playwright's own. */
export const launchOptions = {
  executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync'
  ]
}

export const sessionDetails = {
  venue: 'Bench',
  date: '2026-11-22',
  trainer: 'Bench',
  language: 'vi',
  plannedStart: '08:00'
}
