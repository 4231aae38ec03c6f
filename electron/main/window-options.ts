import type { BrowserWindowConstructorOptions, Rectangle, WebPreferences } from 'electron'

/**
 * Every window of the app gets these web preferences (Electron's security checklist): the renderer
 * is isolated and sandboxed, has no Node.js, and can reach the core only through the preload bridge.
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
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true
  }
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Bàn Tròn — Roundtable',
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false, // shown on ready-to-show, so the trainer never sees a blank window
    backgroundColor: '#fbfaf7',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath)
  }
}

/** The projector window: full screen on the second display when there is one. */
export function audienceWindowOptions(preloadPath: string, display: Rectangle | null): BrowserWindowConstructorOptions {
  return {
    title: 'Bàn Tròn — Audience',
    ...(display
      ? { x: display.x, y: display.y, width: display.width, height: display.height, fullscreen: true }
      : { width: 1280, height: 720 }),
    show: false,
    backgroundColor: '#0b1324',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath)
  }
}
