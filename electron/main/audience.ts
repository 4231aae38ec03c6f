import type { BrowserWindow, Display, IpcMain, IpcMainEvent, Rectangle, Screen } from 'electron'
import { OPEN_AUDIENCE_CHANNEL } from '../shared/api/bridge'
import { SESSION_ID_PATTERN } from '../shared/sessions/ids'
import { isTrustedSender } from './security'
import { createAudienceWindow } from './window-options'

/**
 * The audience (projector) window: the renderer asks for it over OPEN_AUDIENCE_CHANNEL with a
 * session id; main opens it on a display other than the trainer's when one is connected, or focuses
 * the one already open for that session.
 */

/** The session id of a request that comes from an app frame and is well formed; null otherwise. */
export function audienceRequest(event: Pick<IpcMainEvent, 'senderFrame'>, sessionId: unknown): string | null {
  if (!isTrustedSender(event.senderFrame)) {
    console.warn(
      `Roundtable: refused an audience window for ${event.senderFrame?.url.slice(0, 200) ?? 'a frame that is gone'}`
    )
    return null
  }
  return typeof sessionId === 'string' && SESSION_ID_PATTERN.test(sessionId) ? sessionId : null
}

/** The bounds of the first display that is not the primary one (where the trainer's window is), or null. */
export function audienceDisplay(
  displays: readonly Pick<Display, 'id' | 'bounds'>[],
  primaryId: number
): Rectangle | null {
  return displays.find((display) => display.id !== primaryId)?.bounds ?? null
}

export function setupAudience(deps: {
  ipcMain: Pick<IpcMain, 'on'>
  BrowserWindow: typeof BrowserWindow
  screen: Pick<Screen, 'getPrimaryDisplay' | 'getAllDisplays'>
  preloadPath: string
}): void {
  const open = new Map<string, BrowserWindow>()
  deps.ipcMain.on(OPEN_AUDIENCE_CHANNEL, (event, rawSessionId: unknown) => {
    const sessionId = audienceRequest(event, rawSessionId)
    if (!sessionId) return
    const existing = open.get(sessionId)
    if (existing && !existing.isDestroyed()) return existing.focus()
    const display = audienceDisplay(deps.screen.getAllDisplays(), deps.screen.getPrimaryDisplay().id)
    const window = createAudienceWindow(deps.BrowserWindow, deps.preloadPath, sessionId, display)
    window.on('closed', () => open.delete(sessionId))
    open.set(sessionId, window)
  })
}
