import type { AppCore } from '../core/app-core'
import { EVENT_CHANNEL } from '../shared/api/bridge'
import type { ApiEvent } from '../core/api/contract'
import { isAppUrl } from './security'

/** What forwarding needs of a window; Electron's BrowserWindow has all of it. */
export interface EventWindow {
  isDestroyed(): boolean
  webContents: { getURL(): string; send(channel: string, ...args: unknown[]): void }
}

/**
 * Sends a core event to every window that shows the app. The live state (session, audience view,
 * notices) goes only to app windows: not to the hidden print window, nor to a window that somehow
 * shows something else.
 */
export function forwardEvent(windows: readonly EventWindow[], event: ApiEvent): void {
  for (const window of windows) {
    if (!window.isDestroyed() && isAppUrl(window.webContents.getURL())) window.webContents.send(EVENT_CHANNEL, event)
  }
}

/** Subscribes to the core's events for the app's lifetime; returns the unsubscribe function. */
export function setupEventForwarding(
  core: Pick<AppCore, 'subscribe'>,
  allWindows: () => readonly EventWindow[]
): () => void {
  return core.subscribe((event) => forwardEvent(allWindows(), event))
}
