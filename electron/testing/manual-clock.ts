import type { Clock } from '../core/programme/sync'

/** Timers that fire only when a test says so (`fire` runs the one set last); `delays` lists every timer set. */
export function manualClock(): Clock & { delays: number[]; fire(): void } {
  let pending: (() => void) | null = null
  const delays: number[] = []
  return {
    delays,
    now: () => new Date(),
    setTimer(run, ms) {
      delays.push(ms)
      pending = run
      return run
    },
    clearTimer(handle) {
      if (pending === handle) pending = null
    },
    fire() {
      const run = pending
      pending = null
      run?.()
    }
  }
}
