import type { App, Session, WebContents } from 'electron'

/**
 * The security decisions of the shell (Electron's security checklist), as pure functions, and
 * `setupSecurity` that wires them into Electron. The decisions are tested under plain Node.
 */

/** The renderer is served from this custom origin, never from file:// (see protocol.ts). */
export const APP_SCHEME = 'app'
export const APP_HOST = 'roundtable'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/** True only for URLs of the app's own origin, `app://roundtable/...` (not `app://roundtable.evil/`). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST
  } catch {
    return false
  }
}

/**
 * IPC is answered only for frames showing the app itself. A frame that navigated away (or was
 * injected, or is already gone: Electron then gives null) gets nothing, even from our own window.
 */
export function isTrustedSender(frame: { url: string } | null | undefined): boolean {
  return frame !== null && frame !== undefined && isAppUrl(frame.url)
}

/**
 * The app is offline by design and loads nothing from the network, so every request that is not
 * one of these is cancelled. That keeps a slide, a workshop package or a summary that contains a
 * remote image, font or tracker from ever reaching the internet (or a LAN host), whatever the CSP.
 * - app:            the renderer itself (protocol.ts)
 * - data:           inline images (QR codes, SVG charts) and the hidden window that prints PDFs
 * - blob:app://     files the renderer saves (exports) as in-memory blobs of its own origin
 * - devtools:, chrome-extension:  the developer tools, when a developer opens them
 */
export function isAllowedRequest(url: string): boolean {
  return (
    isAppUrl(url) ||
    url.startsWith('data:') ||
    url.startsWith(`blob:${APP_ORIGIN}/`) ||
    url.startsWith('devtools:') ||
    url.startsWith('chrome-extension:')
  )
}

/** will-navigate / will-redirect: a window may only ever show the app (no link, drop or redirect leaves it). */
export function onNavigate(event: { preventDefault(): void }, url: string): void {
  if (!isAppUrl(url)) event.preventDefault()
}

/**
 * window.open and target=_blank: always denied. Only main creates windows (the audience window);
 * and this is an offline app, so an external link is not opened in a browser either.
 */
export function windowOpenHandler(): { action: 'deny' } {
  return { action: 'deny' }
}

/**
 * The windows (by web contents id) scanning answer cards right now. The camera is theirs only
 * meanwhile: main adds a window when its presenter turns the cards camera on, removes it when the
 * camera stops or the window goes away (camera.ts).
 */
export class CameraScanning {
  private readonly windows = new Set<number>()
  set(contentsId: number, on: boolean): void {
    if (on) this.windows.add(contentsId)
    else this.windows.delete(contentsId)
  }
  has(contentsId: number): boolean {
    return this.windows.has(contentsId)
  }
}

/** What Electron tells about a permission request that the decision below reads. */
export interface PermissionDetails {
  requestingUrl?: string
  mediaTypes?: string[]
}

/**
 * Microphone, geolocation, notifications, clipboard, …: the app needs none, so all are refused. The
 * one exception is the camera for answer cards: video only (never the microphone), asked by the app's
 * own page, from a window that is scanning cards at that moment.
 */
export function permissionRequestHandler(
  contents: Pick<WebContents, 'id'> | null,
  permission: string,
  callback: (granted: boolean) => void,
  details?: PermissionDetails,
  scanning?: CameraScanning
): void {
  callback(
    permission === 'media' &&
      contents !== null &&
      scanning?.has(contents.id) === true &&
      details?.mediaTypes?.length === 1 &&
      details.mediaTypes[0] === 'video' &&
      isAppUrl(details.requestingUrl ?? '')
  )
}

/** Synchronous permission checks (e.g. navigator.permissions.query): always no (getUserMedia asks the handler above). */
export function permissionCheckHandler(): boolean {
  return false
}

/** Wires the decisions above into Electron, for the default session and every web contents ever created. */
export function setupSecurity(app: App, session: Session, scanning = new CameraScanning()): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) =>
    permissionRequestHandler(contents, permission, callback, details as PermissionDetails, scanning)
  )
  session.setPermissionCheckHandler(permissionCheckHandler)
  session.webRequest.onBeforeRequest((details, callback) => {
    const cancel = !isAllowedRequest(details.url)
    if (cancel) console.warn(`Roundtable: blocked a request to ${details.url.slice(0, 200)}`)
    callback({ cancel })
  })
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', onNavigate)
    contents.on('will-redirect', onNavigate)
    // No <webview> is used (webviewTag is off too); refuse one even if something tried to attach it.
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(windowOpenHandler)
  })
}
