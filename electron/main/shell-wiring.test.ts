import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { parse as parseYaml } from 'yaml'
import type { ApiEvent } from '../core/api/contract'
import { audienceDisplay, audienceRequest } from './audience'
import { forwardEvent, setupEventForwarding, type EventWindow } from './events'
import { bundledFontsDir, bundledWorkshopsDir, dataDirFromArgs, shellPaths } from './paths'
import { MAX_PRINT_BYTES, pdfFileName, printRequest } from './print'

// The small decisions of the other shell modules: where files are, which windows hear core events,
// and which audience and print requests are accepted.

const appFrame = { senderFrame: { url: 'app://roundtable/index.html' } } as never
const foreignFrame = { senderFrame: { url: 'https://evil.example/' } } as never

describe('paths', () => {
  it('--roundtable-data-dir= names the data folder, made absolute', () => {
    expect(dataDirFromArgs(['/usr/bin/electron', '.', '--roundtable-data-dir=/tmp/rt'])).toBe('/tmp/rt')
    expect(dataDirFromArgs(['electron', '--roundtable-data-dir=demo'], '/home/t')).toBe('/home/t/demo')
    expect(dataDirFromArgs(['electron', '.'])).toBeNull()
    expect(dataDirFromArgs(['electron', '--roundtable-data-dir='])).toBeNull()
  })

  it('renderer and preload are the siblings of the built main', () => {
    expect(shellPaths('/repo/out/main')).toEqual({
      rendererDir: '/repo/out/renderer',
      preloadPath: '/repo/out/preload/index.cjs'
    })
  })

  it('bundled workshops: <repo>/workshops in development, resources/workshops when packaged', () => {
    const appPath = '/repo'
    expect(bundledWorkshopsDir({ isPackaged: false, getAppPath: () => appPath }, '/unused')).toBe(
      join(appPath, 'workshops')
    )
    expect(
      bundledWorkshopsDir({ isPackaged: true, getAppPath: () => '/x/app.asar' }, '/opt/Roundtable/resources')
    ).toBe(resolve('/opt/Roundtable/resources/workshops'))
  })

  it('the packaged app ships the folders these paths name, as extraResources', () => {
    const config = parseYaml(readFileSync(join(__dirname, '../../electron-builder.yml'), 'utf8')) as {
      extraResources: { from: string; to: string }[]
    }
    const shipped = config.extraResources.map(({ from, to }) => [from, to])
    expect(shipped).toContainEqual(['workshops', 'workshops'])
    expect(shipped).toContainEqual(['resources/fonts', 'fonts'])
  })

  it('document fonts: <repo>/resources/fonts in development, resources/fonts when packaged', () => {
    expect(bundledFontsDir({ isPackaged: false, getAppPath: () => '/repo' }, '/unused')).toBe(
      join('/repo', 'resources', 'fonts')
    )
    expect(bundledFontsDir({ isPackaged: true, getAppPath: () => '/x/app.asar' }, '/opt/Roundtable/resources')).toBe(
      resolve('/opt/Roundtable/resources/fonts')
    )
  })
})

/** A window that records what it was sent. */
function fakeWindow(url: string, destroyed = false): EventWindow & { sent: unknown[][] } {
  const sent: unknown[][] = []
  return {
    sent,
    isDestroyed: () => destroyed,
    webContents: { getURL: () => url, send: (...args) => void sent.push(args) }
  }
}

describe('core events', () => {
  const event: ApiEvent = { type: 'settings', settings: { language: 'en' } }

  it('go to every window that shows the app, on the event channel', () => {
    const main = fakeWindow('app://roundtable/index.html')
    const audience = fakeWindow('app://roundtable/index.html#audience=abc-123456')
    forwardEvent([main, audience], event)
    expect(main.sent).toEqual([['roundtable:event', event]])
    expect(audience.sent).toEqual([['roundtable:event', event]])
  })

  it('never to the print window, a foreign page or a destroyed window', () => {
    const windows = [
      fakeWindow('data:text/html;base64,PGgxPg=='),
      fakeWindow('https://example.org/'),
      fakeWindow('app://roundtable/index.html', true)
    ]
    forwardEvent(windows, event)
    expect(windows.map((w) => w.sent.length)).toEqual([0, 0, 0])
  })

  it('setupEventForwarding follows the core until unsubscribed', () => {
    let listener: ((e: ApiEvent) => void) | null = null
    const unsubscribe = vi.fn()
    const core = { subscribe: (l: (e: ApiEvent) => void) => ((listener = l), unsubscribe) }
    const main = fakeWindow('app://roundtable/index.html')
    expect(setupEventForwarding(core, () => [main])).toBe(unsubscribe)
    listener!(event)
    expect(main.sent).toHaveLength(1)
  })
})

describe('audience window requests', () => {
  it('are accepted from the app with a well-formed session id only', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    expect(audienceRequest(appFrame, 'k3x9-2024-abcd')).toBe('k3x9-2024-abcd')
    expect(audienceRequest(foreignFrame, 'k3x9-2024-abcd')).toBeNull()
    for (const id of ['', 'abc', '../../etc', 'ABCDEFGH', 42, null, 'a'.repeat(65)]) {
      expect(audienceRequest(appFrame, id), String(id)).toBeNull()
    }
  })

  it('open on the first display that is not the primary one', () => {
    const primary = { id: 1, bounds: { x: 0, y: 0, width: 1366, height: 768 } }
    const projector = { id: 2, bounds: { x: 1366, y: 0, width: 1024, height: 768 } }
    expect(audienceDisplay([primary, projector], 1)).toEqual(projector.bounds)
    expect(audienceDisplay([projector, primary], 1)).toEqual(projector.bounds)
    expect(audienceDisplay([primary], 1)).toBeNull()
  })
})

describe('print requests', () => {
  it('are accepted from the app with a string document and a plain file name', () => {
    expect(printRequest(appFrame, '<h1>Hi</h1>', 'guide-vi.html')).toEqual({
      ok: true,
      html: '<h1>Hi</h1>',
      fileName: 'guide-vi.html'
    })
  })

  it('are refused from other frames, with odd names, non-strings or oversized documents', () => {
    expect(printRequest(foreignFrame, '<h1>Hi</h1>', 'a.html')).toEqual({ ok: false, reason: 'untrusted sender' })
    expect(printRequest(appFrame, '<h1>Hi</h1>', '../../.bashrc').ok).toBe(false)
    expect(printRequest(appFrame, '<h1>Hi</h1>', 'C:\\Windows\\x.html').ok).toBe(false)
    expect(printRequest(appFrame, { html: 1 }, 'a.html').ok).toBe(false)
    expect(printRequest(appFrame, 'x'.repeat(MAX_PRINT_BYTES + 1), 'a.html').ok).toBe(false)
  })

  it('save as .pdf', () => {
    expect(pdfFileName('2024-05-01-parents-vi.html')).toBe('2024-05-01-parents-vi.pdf')
    expect(pdfFileName('sign-in')).toBe('sign-in.pdf')
  })
})
