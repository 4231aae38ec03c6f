import { describe, expect, it } from 'vitest'
import type { ApiEvent } from '../core/api/contract'
import { anyKeepsDisplayAwake, keepsDisplayAwake } from '../shared/sessions/display-awake'
import type { SessionStatus } from '../shared/sessions/ids'
import { setupDisplayAwake } from './display-awake'

describe('display kept awake while a session runs', () => {
  it('running keeps the display awake; paused, finished and no session let it sleep', () => {
    expect(keepsDisplayAwake('running')).toBe(true)
    expect(keepsDisplayAwake('paused')).toBe(false)
    expect(keepsDisplayAwake('finished')).toBe(false)
    expect(keepsDisplayAwake(null)).toBe(false)
    expect(anyKeepsDisplayAwake(['finished', 'running'])).toBe(true)
    expect(anyKeepsDisplayAwake([])).toBe(false)
  })

  it("the main process starts Electron's display blocker on running and stops it on pause and finish", () => {
    let listener: ((event: ApiEvent) => void) | null = null
    const core = {
      subscribe: (fn: (event: ApiEvent) => void) => {
        listener = fn
        return () => (listener = null)
      }
    }
    const calls: string[] = []
    let next = 1
    const blocker = {
      start: (type: 'prevent-app-suspension' | 'prevent-display-sleep') => {
        calls.push(`start ${type}`)
        return next++
      },
      stop: (id: number) => {
        calls.push(`stop ${id}`)
        return true
      }
    }
    const stop = setupDisplayAwake(core, blocker)
    const session = (id: string, status: SessionStatus): void =>
      listener!({ type: 'session', live: { id, status } as Extract<ApiEvent, { type: 'session' }>['live'] })
    session('a', 'running')
    session('a', 'running') // one blocker, however many events
    session('a', 'paused')
    session('a', 'running')
    session('b', 'finished') // another session finishing does not end the running one's
    session('a', 'finished')
    session('a', 'running')
    stop()
    expect(calls).toEqual([
      'start prevent-display-sleep',
      'stop 1',
      'start prevent-display-sleep',
      'stop 2',
      'start prevent-display-sleep',
      'stop 3'
    ])
    expect(listener).toBeNull()
  })
})
