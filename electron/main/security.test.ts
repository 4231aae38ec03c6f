import { EventEmitter } from 'node:events'
import type { App, Session } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { cameraRequest, setupCamera } from './camera'
import {
  CameraScanning,
  isAllowedRequest,
  isAppUrl,
  isTrustedSender,
  onNavigate,
  permissionCheckHandler,
  permissionRequestHandler,
  setupSecurity,
  windowOpenHandler
} from './security'

// Electron's security checklist, the items that are decisions of main; then the same items through
// setupSecurity, to prove the decisions are actually wired into Electron's events and session.

const FOREIGN_URLS = [
  'https://example.org/',
  'http://127.0.0.1:8080/',
  'http://192.168.1.5/join',
  'file:///etc/passwd',
  'app://evil/index.html',
  'app://roundtable.evil/index.html',
  'javascript:alert(1)',
  'about:blank',
  'not a url'
]

describe('the app origin', () => {
  it('is app://roundtable, exactly', () => {
    expect(isAppUrl('app://roundtable/index.html')).toBe(true)
    expect(isAppUrl('app://roundtable/index.html#audience=abc')).toBe(true)
    for (const url of FOREIGN_URLS) expect(isAppUrl(url), url).toBe(false)
  })

  it('17. a sender is trusted only while its frame shows the app', () => {
    expect(isTrustedSender({ url: 'app://roundtable/index.html' })).toBe(true)
    for (const url of FOREIGN_URLS) expect(isTrustedSender({ url }), url).toBe(false)
    expect(isTrustedSender(null)).toBe(false) // the frame navigated away or was destroyed
    expect(isTrustedSender(undefined)).toBe(false)
  })
})

describe('security checklist: decisions', () => {
  it('13. navigation is allowed within the app origin only', () => {
    const inside = { preventDefault: vi.fn() }
    onNavigate(inside, 'app://roundtable/index.html#audience=x')
    expect(inside.preventDefault).not.toHaveBeenCalled()
    for (const url of FOREIGN_URLS) {
      const outside = { preventDefault: vi.fn() }
      onNavigate(outside, url)
      expect(outside.preventDefault, url).toHaveBeenCalledOnce()
    }
  })

  it('14. content can open no window at all', () => {
    expect(windowOpenHandler()).toEqual({ action: 'deny' })
  })

  it('5. every permission request is denied, and every permission check says no', () => {
    const callback = vi.fn()
    const permissions = [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'fullscreen',
      'openExternal',
      'midi'
    ]
    for (const permission of permissions) permissionRequestHandler(null, permission, callback)
    expect(callback).toHaveBeenCalledTimes(permissions.length)
    expect(callback.mock.calls.every(([granted]) => granted === false)).toBe(true)
    expect(permissionCheckHandler()).toBe(false)
  })

  it('5. the camera is granted only for video, to the app page of a window scanning answer cards', () => {
    const scanning = new CameraScanning()
    scanning.set(3, true)
    const decide = (contents: { id: number } | null, permission: string, details: object): boolean => {
      let granted: boolean | undefined
      permissionRequestHandler(contents, permission, (g) => (granted = g), details, scanning)
      return granted!
    }
    const app = 'app://roundtable/index.html'
    expect(decide({ id: 3 }, 'media', { mediaTypes: ['video'], requestingUrl: app })).toBe(true)
    // The microphone, with or without the camera, never.
    expect(decide({ id: 3 }, 'media', { mediaTypes: ['video', 'audio'], requestingUrl: app })).toBe(false)
    expect(decide({ id: 3 }, 'media', { mediaTypes: ['audio'], requestingUrl: app })).toBe(false)
    expect(decide({ id: 3 }, 'media', { requestingUrl: app })).toBe(false)
    // Another window, a window that is not scanning, a page that is not the app's.
    expect(decide({ id: 4 }, 'media', { mediaTypes: ['video'], requestingUrl: app })).toBe(false)
    expect(decide(null, 'media', { mediaTypes: ['video'], requestingUrl: app })).toBe(false)
    for (const url of FOREIGN_URLS)
      expect(decide({ id: 3 }, 'media', { mediaTypes: ['video'], requestingUrl: url }), url).toBe(false)
    // Nothing else, even while scanning.
    for (const permission of ['geolocation', 'notifications', 'display-capture', 'clipboard-read']) {
      expect(decide({ id: 3 }, permission, { mediaTypes: ['video'], requestingUrl: app }), permission).toBe(false)
    }
    scanning.set(3, false)
    expect(decide({ id: 3 }, 'media', { mediaTypes: ['video'], requestingUrl: app })).toBe(false)
    expect(permissionCheckHandler()).toBe(false)
  })

  it('17. the camera is switched on and off only by the app page, with a boolean', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const app = { senderFrame: { url: 'app://roundtable/index.html' } }
    expect(cameraRequest(app, true)).toBe(true)
    expect(cameraRequest(app, false)).toBe(false)
    expect(cameraRequest(app, 'true')).toBeNull()
    expect(cameraRequest(app, 1)).toBeNull()
    for (const url of FOREIGN_URLS) expect(cameraRequest({ senderFrame: { url } }, true), url).toBeNull()
    expect(cameraRequest({ senderFrame: null }, true)).toBeNull()
  })

  it('the camera channel marks the asking window as scanning, and forgets it when it stops or closes', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const scanning = new CameraScanning()
    let handler: ((event: unknown, on: unknown) => unknown) | undefined
    setupCamera({
      ipcMain: {
        handle: (channel: string, listener: never) =>
          void (handler = channel === 'roundtable:camera-scanning' ? listener : undefined)
      } as never,
      scanning
    })
    const window = Object.assign(new EventEmitter(), { id: 7 })
    const ask = (on: unknown, url = 'app://roundtable/index.html'): unknown =>
      handler?.({ senderFrame: { url }, sender: window }, on)
    expect(ask(true, 'https://example.org/')).toBe(false)
    expect(scanning.has(7)).toBe(false)
    expect(ask(true)).toBe(true)
    expect(scanning.has(7)).toBe(true)
    expect(ask(false)).toBe(false)
    expect(scanning.has(7)).toBe(false)
    ask(true)
    window.emit('destroyed')
    expect(scanning.has(7)).toBe(false)
  })

  it('1. no remote content: http, https, ws and file requests are cancelled', () => {
    for (const url of [
      'https://fonts.googleapis.com/css2?family=Be+Vietnam+Pro',
      'http://example.org/tracker.gif',
      'http://192.168.1.5:8080/',
      'ws://127.0.0.1:5173/',
      'wss://example.org/',
      'file:///etc/hosts',
      'ftp://example.org/x',
      'blob:https://example.org/0b5e'
    ]) {
      expect(isAllowedRequest(url), url).toBe(false)
    }
  })

  it('the app itself, inline data, its own blobs and the developer tools still load', () => {
    for (const url of [
      'app://roundtable/assets/index.js',
      'data:image/svg+xml;base64,AAAA',
      'blob:app://roundtable/0b5e9c2a',
      'devtools://devtools/bundled/devtools_app.html',
      'chrome-extension://abc/page.html'
    ]) {
      expect(isAllowedRequest(url), url).toBe(true)
    }
  })
})

/** Fakes of exactly what setupSecurity touches on Electron's app, session and web contents. */
function fakeElectron(scanning = new CameraScanning()) {
  const app = new EventEmitter()
  const handlers: {
    request?: (
      contents: { id: number } | null,
      permission: string,
      callback: (granted: boolean) => void,
      details?: object
    ) => void
    check?: () => boolean
    beforeRequest?: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void
  } = {}
  const session = {
    setPermissionRequestHandler: (handler: typeof handlers.request) => (handlers.request = handler),
    setPermissionCheckHandler: (handler: typeof handlers.check) => (handlers.check = handler),
    webRequest: { onBeforeRequest: (listener: typeof handlers.beforeRequest) => (handlers.beforeRequest = listener) }
  }
  setupSecurity(app as unknown as App, session as unknown as Session, scanning)
  const contents = Object.assign(new EventEmitter(), {
    openHandler: null as null | ((details: { url: string }) => { action: string }),
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.openHandler = handler
    }
  })
  app.emit('web-contents-created', {}, contents)
  return { handlers, contents }
}

describe('security checklist: setupSecurity wires the decisions into Electron', () => {
  const scanning = new CameraScanning()
  const { handlers, contents } = fakeElectron(scanning)

  it('13. will-navigate and will-redirect to a foreign URL are prevented; app URLs pass', () => {
    for (const name of ['will-navigate', 'will-redirect']) {
      const foreign = { preventDefault: vi.fn() }
      contents.emit(name, foreign, 'https://example.org/')
      expect(foreign.preventDefault, name).toHaveBeenCalled()
      const own = { preventDefault: vi.fn() }
      contents.emit(name, own, 'app://roundtable/index.html')
      expect(own.preventDefault, name).not.toHaveBeenCalled()
    }
  })

  it('11/12. a <webview> is never attached', () => {
    const event = { preventDefault: vi.fn() }
    contents.emit('will-attach-webview', event, {}, {})
    expect(event.preventDefault).toHaveBeenCalled()
  })

  it('14. window.open is denied for every URL, external links included', () => {
    expect(contents.openHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' })
    expect(contents.openHandler?.({ url: 'app://roundtable/index.html' })).toEqual({ action: 'deny' })
  })

  it('5. the session denies permission requests and checks', () => {
    const callback = vi.fn()
    handlers.request?.(null, 'media', callback)
    expect(callback).toHaveBeenCalledWith(false)
    expect(handlers.check?.()).toBe(false)
  })

  it('5. the session grants the camera to a window only while it scans answer cards', () => {
    const answers: boolean[] = []
    const ask = (): void =>
      handlers.request?.({ id: 9 }, 'media', (granted) => answers.push(granted), {
        mediaTypes: ['video'],
        requestingUrl: 'app://roundtable/index.html'
      })
    ask()
    scanning.set(9, true)
    ask()
    scanning.set(9, false)
    ask()
    expect(answers).toEqual([false, true, false])
  })

  it('1. the session cancels requests to the network and lets the app load', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const decide = (url: string): boolean | undefined => {
      let cancel: boolean | undefined
      handlers.beforeRequest?.({ url }, (response) => (cancel = response.cancel))
      return cancel
    }
    expect(decide('https://example.org/')).toBe(true)
    expect(decide('http://10.0.0.1/')).toBe(true)
    expect(decide('app://roundtable/index.html')).toBe(false)
  })
})
