import type { SessionStatus } from './ids'

/**
 * Whether the display is kept awake: while a session runs, so the projector never dims in the middle of a
 * talk; never while it is paused or finished, or when no session is open (null). Electron's main process
 * (power-save blocker) and browser mode (Screen Wake Lock) both decide here.
 */
export function keepsDisplayAwake(status: SessionStatus | null): boolean {
  return status === 'running'
}

/** Over every session the app has reported: awake while any of them runs. */
export function anyKeepsDisplayAwake(statuses: Iterable<SessionStatus>): boolean {
  for (const status of statuses) if (keepsDisplayAwake(status)) return true
  return false
}
