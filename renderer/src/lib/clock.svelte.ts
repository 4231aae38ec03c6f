/** A ticking "now" for clocks and countdowns; one timer for the whole window. */
class Clock {
  now = $state(Date.now())

  constructor() {
    setInterval(() => (this.now = Date.now()), 250)
  }
}

export const clock = new Clock()

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  const mm = String(minutes).padStart(hours > 0 ? 2 : 1, '0')
  return `${hours > 0 ? `${hours}:` : ''}${mm}:${String(seconds).padStart(2, '0')}`
}

/** Time left on a countdown (negative once it has run out). */
export function remainingMs(
  timer: { durationMs: number; elapsedMs: number; runningSince: number | null },
  now: number
): number {
  return timer.durationMs - timer.elapsedMs - (timer.runningSince !== null ? now - timer.runningSince : 0)
}
