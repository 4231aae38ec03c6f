import type { App, Session, WebContents } from 'electron'

/** The renderer is served from this custom origin, never from file:// (see protocol.ts). */
export const APP_SCHEME = 'app'
export const APP_HOST = 'roundtable'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST
  } catch {
    return false
  }
}

/** IPC is answered only for frames showing the app itself (not a navigated-away or injected frame). */
export function isTrustedSender(frame: { url: string } | null | undefined): boolean {
  return frame !== null && frame !== undefined && isAppUrl(frame.url)
}

/** The app loads nothing from the network: only its own origin and in-memory data. */
export function isAllowedRequest(url: string): boolean {
  return isAppUrl(url) || url.startsWith('data:') || url.startsWith('blob:app://') || url.startsWith('devtools:')
}

export function onNavigate(event: { preventDefault(): void }, url: string): void {
  if (!isAppUrl(url)) event.preventDefault()
}

export function windowOpenHandler(): { action: 'deny' } {
  // Windows are created only by main (the audience window); content can open none.
  return { action: 'deny' }
}

export function permissionRequestHandler(
  _contents: WebContents,
  _permission: string,
  callback: (granted: boolean) => void
): void {
  callback(false)
}

export function permissionCheckHandler(): boolean {
  return false
}

/** Wires the decisions above into Electron: for every web contents and the default session. */
export function setupSecurity(app: App, session: Session): void {
  session.setPermissionRequestHandler(permissionRequestHandler)
  session.setPermissionCheckHandler(permissionCheckHandler)
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }))
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', onNavigate)
    contents.on('will-redirect', onNavigate)
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(windowOpenHandler)
  })
}
