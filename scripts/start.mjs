#!/usr/bin/env node
// `npm start`: build if the sources changed, then run the desktop app with Electron where its
// binary is installed, else browser mode (the same app served on 127.0.0.1) in a Chromium app window.
//   npm start                       Electron if possible, else browser mode
//   npm run start:browser -- --port 4780 --data-dir ./demo-data [--no-open]
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { findChromium } from './find-chromium.mjs'
import { hostArgs, readyUrl } from './host-process.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const { values } = parseArgs({
  options: {
    browser: { type: 'boolean', default: false },
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    'no-open': { type: 'boolean', default: false }
  }
})

ensureBuilt()

if (!values.browser) {
  const electron = findElectron()
  if (electron.path) {
    const args = ['.']
    if (values['data-dir']) args.push(`--roundtable-data-dir=${resolve(values['data-dir'])}`)
    const child = spawn(electron.path, args, { cwd: root, stdio: 'inherit' })
    child.on('exit', (code) => process.exit(code ?? 0))
    forwardSignals(child)
  } else {
    console.log(`Electron is not available (${electron.reason}); running in browser mode instead.`)
    runBrowserMode()
  }
} else {
  runBrowserMode()
}

function runBrowserMode() {
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : undefined
  const args = hostArgs({ port: values.port || undefined, dataDir })
  // Not `startHost`: this host runs until the trainer closes it, and prints to this terminal.
  const host = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
  forwardSignals(host)
  host.on('exit', (code) => process.exit(code ?? 0))

  let buffered = ''
  host.stdout.on('data', (chunk) => {
    process.stdout.write(chunk)
    buffered += chunk
    const url = readyUrl(buffered)
    if (url) {
      buffered = ''
      openWindow(url, host)
    }
  })
}

/** A Chromium "app" window (no tabs or address bar) with its own profile, or else just the address. */
function openWindow(url, host) {
  const chromium = values['no-open'] ? null : findChromium()
  const hasDisplay = process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY
  if (!chromium || !hasDisplay) {
    console.log(`Open this address in Chromium, Chrome or Edge on this computer: ${url}`)
    return
  }
  const profile = join(process.env.ROUNDTABLE_BROWSER_PROFILE ?? join(root, '.browser-profile'))
  mkdirSync(profile, { recursive: true })
  const args = [
    `--app=${url}`,
    `--user-data-dir=${profile}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--window-size=1280,800'
  ]
  if (process.getuid?.() === 0) args.push('--no-sandbox') // Chromium refuses to run as root otherwise
  const browser = spawn(chromium, args, { stdio: 'ignore' })
  console.log(`Opened a ${chromium} app window. Closing it stops Roundtable.`)
  // Closing the app window ends the session like closing the desktop app.
  browser.on('exit', () => host.kill('SIGTERM'))
}

function findElectron() {
  let path
  try {
    // The electron package exports the path of its binary; it throws when the binary was never downloaded.
    path = createRequire(import.meta.url)('electron')
  } catch {
    return { reason: 'its binary was not downloaded; run `npm run electron:install` on a machine with internet' }
  }
  if (typeof path !== 'string' || !existsSync(path)) return { reason: `its binary is missing at ${path}` }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no display (DISPLAY is not set)' }
  }
  return { path }
}

/** Rebuilds when any source file is newer than the last build. */
function ensureBuilt() {
  const stamp = join(root, 'out/.build-stamp')
  const outputs = ['out/main/index.js', 'out/main/browser-host.js', 'out/preload/index.cjs', 'out/renderer/index.html']
  const built = existsSync(stamp) && outputs.every((f) => existsSync(join(root, f)))
  if (built) {
    const builtAt = statSync(stamp).mtimeMs
    const sources = ['electron', 'renderer', 'resources', 'electron.vite.config.ts', 'package.json']
    if (!sources.some((s) => newestMtime(join(root, s)) > builtAt)) return
  }
  console.log('Building Roundtable…')
  const result = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit']
  })
  if (result.status !== 0) {
    console.error('The build failed; see the messages above.')
    process.exit(result.status ?? 1)
  }
  writeFileSync(stamp, new Date().toISOString())
}

function newestMtime(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

function forwardSignals(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
}
