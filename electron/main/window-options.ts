import type { BrowserWindowConstructorOptions, Rectangle, WebPreferences } from 'electron'
import { APP_ORIGIN } from './security'

/**
 * The app's windows: their options (pure, tested item by item against Electron's security
 * checklist) and small factories that take the BrowserWindow class as an argument, so the same code
 * runs in Electron and, with a fake class, in the unit tests.
 */

export const APP_TITLE = 'Bàn Tròn — Roundtable'
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`

/**
 * DevTools are for whoever runs the app from the source tree, never in the packaged app (issue 16):
 * there, Ctrl+Shift+I would hand anyone at the laptop the session data and the app's API. Closed
 * unless index.ts says otherwise, once, before the first window: `allowDevTools(!app.isPackaged)`.
 */
let devToolsAllowed = false
export function allowDevTools(allowed: boolean): void {
  devToolsAllowed = allowed
}

/**
 * Every app window gets these web preferences: the renderer is isolated and sandboxed, has no
 * Node.js, and reaches the core only through the preload bridge. Most are Electron's defaults;
 * they are spelled out so a test fails if anyone changes one.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    // Dropping a file on the window must not navigate to it (the library imports through its own input).
    navigateOnDragDrop: false,
    // The spellchecker downloads dictionaries from Google: offline app, Vietnamese text, so off.
    spellcheck: false,
    // A page that opens alert() in a loop cannot lock the trainer out.
    safeDialogs: true,
    devTools: devToolsAllowed
  }
}

/** `icon`: the window's icon where the system takes it from the window (Linux; see paths.ts). */
export function mainWindowOptions(preloadPath: string, icon?: string): BrowserWindowConstructorOptions {
  return {
    title: APP_TITLE,
    ...(icon ? { icon } : {}),
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false, // shown on ready-to-show, so the trainer never sees a blank white window
    backgroundColor: '#fbfaf7', // the renderer's page colour, for the moment before first paint
    autoHideMenuBar: false, // the menu's Help ("Phones can't connect?", the log folder) stays in sight
    webPreferences: secureWebPreferences(preloadPath)
  }
}

/** The projector window: full screen on the given display (the second one) or a plain window without one. */
export function audienceWindowOptions(preloadPath: string, display: Rectangle | null): BrowserWindowConstructorOptions {
  return {
    title: 'Bàn Tròn — Màn hình khán giả / Audience',
    ...(display
      ? { x: display.x, y: display.y, width: display.width, height: display.height, fullscreen: true }
      : { width: 1280, height: 720 }),
    show: false,
    backgroundColor: '#0b1324',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath)
  }
}

/**
 * The hidden window that renders a printable document to PDF: no preload (it needs no API) and no
 * JavaScript at all (the documents are static HTML), on top of the usual isolation.
 */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  const { preload: _preload, ...isolated } = secureWebPreferences('')
  return { show: false, webPreferences: { ...isolated, javascript: false } }
}

/** What the factories need of a window; Electron's BrowserWindow has all of it. */
export interface ShowableWindow {
  once(event: 'ready-to-show', listener: () => void): unknown
  show(): void
  loadURL(url: string): Promise<void>
}
export type WindowClass<W extends ShowableWindow> = new (options: BrowserWindowConstructorOptions) => W

/** Creates a window hidden, shows it once its first frame is painted, and loads the given app URL. */
function openWindow<W extends ShowableWindow>(
  BrowserWindowClass: WindowClass<W>,
  options: BrowserWindowConstructorOptions,
  url: string
): W {
  const window = new BrowserWindowClass(options)
  window.once('ready-to-show', () => window.show())
  window.loadURL(url).catch((error: unknown) => console.error(`Roundtable: could not load ${url}`, error))
  return window
}

/** The trainer's window, showing the library. */
export function createMainWindow<W extends ShowableWindow>(
  BrowserWindowClass: WindowClass<W>,
  preloadPath: string,
  icon?: string
): W {
  return openWindow(BrowserWindowClass, mainWindowOptions(preloadPath, icon), APP_INDEX_URL)
}

/** URL of a session's audience screen: the same renderer, told by its hash which session to show. */
export function audienceUrl(sessionId: string): string {
  return `${APP_INDEX_URL}#audience=${encodeURIComponent(sessionId)}`
}

export function createAudienceWindow<W extends ShowableWindow>(
  BrowserWindowClass: WindowClass<W>,
  preloadPath: string,
  sessionId: string,
  display: Rectangle | null
): W {
  return openWindow(BrowserWindowClass, audienceWindowOptions(preloadPath, display), audienceUrl(sessionId))
}
