import { beforeAll, describe, expect, it } from 'vitest'
import { applyCommand } from './commands'
import { createSession } from '../../core/sessions/create-session'
import { AudienceFollow, CommandsInFlight, isNavigation, navigateLocally } from './local-navigation'
import type { Session, WorkshopSnapshot } from './model'
import { bundledSnapshot } from '../../testing/bundled-snapshot'

let snapshot: WorkshopSnapshot

beforeAll(async () => {
  snapshot = await bundledSnapshot()
})

const start = new Date('2026-11-22T08:00:00Z')
const later = (minutes: number): Date => new Date(start.getTime() + minutes * 60_000)

function newSession(): Session {
  return createSession({
    id: 'test-session-1',
    now: start,
    snapshot,
    details: { venue: 'Hội trường', date: '2026-11-22', trainer: 'Lan', language: 'vi', plannedStart: '08:00' }
  })
}

function liveOf(session: Session): Omit<Session, 'snapshot'> {
  const { snapshot: _snapshot, ...live } = session
  return live
}

describe('navigateLocally', () => {
  it('gives the same state as the core for every navigation command, and leaves the shown state unchanged', () => {
    const core = newSession()
    let shown = liveOf(structuredClone(core))
    const commands = [
      { type: 'next' },
      { type: 'blank', mode: 'black' },
      { type: 'blank', mode: null },
      { type: 'goto', block: snapshot.manifest.blocks.length - 1, slide: 0 },
      { type: 'previous' },
      { type: 'goto', block: 0, slide: 99 }
    ] as const
    commands.forEach((command, i) => {
      const before = JSON.stringify(shown)
      const next = navigateLocally(shown, snapshot, command, later(i + 1))
      expect(JSON.stringify(shown)).toBe(before)
      applyCommand(core, command, later(i + 1))
      expect(next).toEqual(liveOf(core))
      shown = next!
    })
    // Moving between blocks closed the earlier timeline entries and opened new ones, as the core does.
    expect(shown.timeline.length).toBeGreaterThan(2)
  })

  it('returns null where the core would refuse (a part beyond the end)', () => {
    const live = liveOf(newSession())
    expect(navigateLocally(live, snapshot, { type: 'goto', block: 999, slide: 0 }, later(1))).toBeNull()
  })

  it('treats only moving and blanking as navigation', () => {
    expect(isNavigation({ type: 'next' })).toBe(true)
    expect(isNavigation({ type: 'blank', mode: 'white' })).toBe(true)
    expect(isNavigation({ type: 'timer', action: 'start' })).toBe(false)
    expect(isNavigation({ type: 'status', status: 'finished' })).toBe(false)
  })
})

describe('CommandsInFlight', () => {
  it('takes the core state only when the last of several quick commands is answered', () => {
    const inFlight = new CommandsInFlight()
    const shown = liveOf(newSession())
    const published = { ...shown, updatedAt: later(1).toISOString() }
    inFlight.sent()
    inFlight.sent()
    inFlight.sent()
    expect(inFlight.takesEvent(shown, published)).toBe(false)
    expect(inFlight.answered()).toBe(false)
    expect(inFlight.answered()).toBe(false)
    expect(inFlight.takesEvent(shown, published)).toBe(false)
    expect(inFlight.answered()).toBe(true)
    expect(inFlight.pending).toBe(false)
    expect(inFlight.takesEvent(shown, published)).toBe(true)
  })

  it('never takes a published state older than the shown one', () => {
    const inFlight = new CommandsInFlight()
    const shown = { ...liveOf(newSession()), updatedAt: later(2).toISOString() }
    expect(inFlight.takesEvent(shown, { ...shown, updatedAt: later(1).toISOString() })).toBe(false)
    expect(inFlight.takesEvent(shown, { ...shown })).toBe(true)
    expect(inFlight.takesEvent(null, shown)).toBe(true)
  })

  it('does not count below zero', () => {
    const inFlight = new CommandsInFlight()
    expect(inFlight.answered()).toBe(true)
    inFlight.sent()
    expect(inFlight.pending).toBe(true)
  })
})

describe('AudienceFollow', () => {
  it('holds the core back after a view from the presenter until it settles, or until the hold runs out', () => {
    const follow = new AudienceFollow(2000)
    expect(follow.takesCore(0)).toBe(true)
    follow.shownAhead(1000)
    expect(follow.takesCore(1500)).toBe(false)
    follow.settled()
    expect(follow.takesCore(1500)).toBe(true)
    follow.shownAhead(5000)
    expect(follow.takesCore(6999)).toBe(false)
    expect(follow.takesCore(7000)).toBe(true)
  })
})
