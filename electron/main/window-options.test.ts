import type { BrowserWindowConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import {
  APP_TITLE,
  audienceUrl,
  audienceWindowOptions,
  createAudienceWindow,
  createMainWindow,
  mainWindowOptions,
  printWindowOptions,
  secureWebPreferences
} from './window-options'

// Electron's security checklist (electronjs.org/docs/latest/tutorial/security), the items that are
// window options, one assertion each, on the exact options the shell passes to BrowserWindow.

describe('web preferences of every app window (security checklist)', () => {
  const prefs = secureWebPreferences('/app/out/preload/index.cjs')

  it('2. no Node.js integration in the page, its workers or its frames', () => {
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInWorker).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
  })
  it('3. context isolation on', () => expect(prefs.contextIsolation).toBe(true))
  it('4. process sandbox on', () => expect(prefs.sandbox).toBe(true))
  it('6. webSecurity not disabled', () => expect(prefs.webSecurity).toBe(true))
  it('8. allowRunningInsecureContent off', () => expect(prefs.allowRunningInsecureContent).toBe(false))
  it('9. experimental features off', () => expect(prefs.experimentalFeatures).toBe(false))
  it('10. no Blink features enabled', () => expect(prefs.enableBlinkFeatures).toBe(''))
  it('11/12. the <webview> tag is off', () => expect(prefs.webviewTag).toBe(false))
  it('dropping a file does not navigate the window', () => expect(prefs.navigateOnDragDrop).toBe(false))
  it('the spellchecker (which downloads dictionaries) is off', () => expect(prefs.spellcheck).toBe(false))
  it('the preload given is the only script with Electron access', () =>
    expect(prefs.preload).toBe('/app/out/preload/index.cjs'))

  it('the main and audience windows both use exactly these preferences', () => {
    expect(mainWindowOptions('/p.cjs').webPreferences).toEqual(secureWebPreferences('/p.cjs'))
    expect(audienceWindowOptions('/p.cjs', null).webPreferences).toEqual(secureWebPreferences('/p.cjs'))
  })

  it('the print window has no preload and no JavaScript, and is just as isolated', () => {
    const print = printWindowOptions().webPreferences!
    expect(print.preload).toBeUndefined()
    expect(print.javascript).toBe(false)
    expect(print).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true })
    expect(printWindowOptions().show).toBe(false)
  })
})

describe('main window', () => {
  const options = mainWindowOptions('/p.cjs')

  it('has the app title, a laptop-sized frame and a minimum size the UI fits in', () => {
    expect(options.title).toBe('Bàn Tròn — Roundtable')
    expect(options).toMatchObject({ width: 1280, height: 800, minWidth: 960, minHeight: 600 })
  })
  it('starts hidden with the page colour, so no white flash before the first paint', () => {
    expect(options.show).toBe(false)
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i)
  })
})

/** A stand-in for BrowserWindow that records what the factory does with it. */
class FakeWindow {
  static created: FakeWindow[] = []
  readonly listeners = new Map<string, () => void>()
  shown = false
  loaded: string | null = null
  constructor(readonly options: BrowserWindowConstructorOptions) {
    FakeWindow.created.push(this)
  }
  once(event: 'ready-to-show', listener: () => void): this {
    this.listeners.set(event, listener)
    return this
  }
  show(): void {
    this.shown = true
  }
  loadURL(url: string): Promise<void> {
    this.loaded = url
    return Promise.resolve()
  }
}

describe('window factories', () => {
  it('createMainWindow builds the secure window, loads the app origin and shows it only when ready', () => {
    FakeWindow.created = []
    const window = createMainWindow(FakeWindow, '/p.cjs')
    expect(FakeWindow.created).toEqual([window])
    expect(window.options).toEqual(mainWindowOptions('/p.cjs'))
    expect(window.loaded).toBe('app://roundtable/index.html')
    expect(window.shown).toBe(false)
    window.listeners.get('ready-to-show')?.()
    expect(window.shown).toBe(true)
  })

  it('the audience window goes full screen on the second display and shows its session', () => {
    const window = createAudienceWindow(FakeWindow, '/p.cjs', 'abc-123456', { x: 1920, y: 0, width: 1280, height: 720 })
    expect(window.options).toMatchObject({ x: 1920, y: 0, width: 1280, height: 720, fullscreen: true, show: false })
    expect(window.loaded).toBe('app://roundtable/index.html#audience=abc-123456')
    expect(window.options.title).not.toBe(APP_TITLE)
  })

  it('without a second display the audience window is a plain window', () => {
    const options = audienceWindowOptions('/p.cjs', null)
    expect(options.fullscreen).toBeUndefined()
    expect(options).toMatchObject({ width: 1280, height: 720 })
  })

  it('the audience URL encodes the session id', () => {
    expect(audienceUrl('a&b=c')).toBe('app://roundtable/index.html#audience=a%26b%3Dc')
  })
})
