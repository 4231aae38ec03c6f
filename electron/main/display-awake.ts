import type { PowerSaveBlocker } from 'electron'
import type { AppCore } from '../core/app-core'
import { anyKeepsDisplayAwake } from '../shared/sessions/display-awake'
import type { SessionStatus } from '../shared/sessions/ids'

/**
 * Keeps the display awake while a session runs (Electron's power-save blocker, 'prevent-display-sleep'),
 * driven by the core's session events: running → on; paused or finished → off. Quitting ends it anyway.
 * Returns the unsubscribe function (which also lets the display sleep again).
 */
export function setupDisplayAwake(
  core: Pick<AppCore, 'subscribe'>,
  blocker: Pick<PowerSaveBlocker, 'start' | 'stop'>
): () => void {
  const statuses = new Map<string, SessionStatus>()
  let blockerId: number | null = null
  const update = (awake: boolean): void => {
    if (awake && blockerId === null) blockerId = blocker.start('prevent-display-sleep')
    else if (!awake && blockerId !== null) {
      blocker.stop(blockerId)
      blockerId = null
    }
  }
  const unsubscribe = core.subscribe((event) => {
    if (event.type !== 'session') return
    statuses.set(event.live.id, event.live.status)
    update(anyKeepsDisplayAwake(statuses.values()))
  })
  return () => {
    unsubscribe()
    update(false)
  }
}
