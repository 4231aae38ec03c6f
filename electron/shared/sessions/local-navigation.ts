import type { AudienceView } from './audience'
import { applyCommand, CommandError, type SessionCommand } from './commands'
import type { Session, SessionLive, WorkshopSnapshot } from './model'

/**
 * Moving through the slides without waiting for the core. The core saves every command durably
 * before it answers (a disk round trip); the windows show the next slide at once, computed with the
 * core's own `applyCommand` and `audienceView`, and then take the core's state, which always wins.
 * Pure TS: the renderer imports it, so it must not pull anything Node-only.
 */

export type NavigationCommand = Extract<SessionCommand, { type: 'next' | 'previous' | 'goto' | 'blank' }>

export function isNavigation(command: SessionCommand): command is NavigationCommand {
  return command.type === 'next' || command.type === 'previous' || command.type === 'goto' || command.type === 'blank'
}

/**
 * The session as the core will have it after `command`, or null if the core would refuse it (then
 * nothing is shown ahead and the core's answer decides). `live` itself is left unchanged.
 */
export function navigateLocally(
  live: SessionLive,
  snapshot: WorkshopSnapshot,
  command: NavigationCommand,
  now = new Date()
): SessionLive | null {
  // Navigation replaces position, blank and timer, and changes the timeline in place: copying the
  // timeline entries is enough (a full copy would clone every poll answer on every key press).
  const session: Session = { ...live, snapshot, timeline: live.timeline.map((entry) => ({ ...entry })) }
  try {
    applyCommand(session, command, now)
  } catch (error) {
    if (error instanceof CommandError) return null
    throw error
  }
  const { snapshot: _snapshot, ...next } = session
  return next
}

/**
 * Counts the presenter's commands the core has not answered yet. While any is in flight, the
 * window's own state is ahead of anything the core says; the core's state is taken again when the
 * last one is answered, so quick presses never jump back to an earlier slide.
 */
export class CommandsInFlight {
  private count = 0

  get pending(): boolean {
    return this.count > 0
  }

  sent(): void {
    this.count++
  }

  /** One command answered (or refused); true when it was the last one in flight. */
  answered(): boolean {
    this.count = Math.max(0, this.count - 1)
    return this.count === 0
  }

  /** Whether a state the core published should replace the shown one (never an older one). */
  takesEvent(shown: SessionLive | null, published: SessionLive): boolean {
    return this.count === 0 && (shown === null || published.updatedAt >= shown.updatedAt)
  }
}

/** What the presenter tells the audience windows of the same session in this browser. */
export type PresenterMessage =
  /** The view after a key press, shown ahead of the core. */
  | { type: 'view'; view: AudienceView }
  /** The core answered the last command: its state is the one to show. */
  | { type: 'settled' }

export function presenterChannelName(sessionId: string): string {
  return `roundtable-presenter-${sessionId}`
}

/**
 * The audience window's side: after a view from the presenter, the core's (older) events are held
 * back until the presenter says the core answered. If the presenter goes quiet (window closed
 * mid-command), the core's events are taken again after `holdMs`.
 */
export class AudienceFollow {
  private heldUntil = 0

  constructor(private readonly holdMs = 2000) {}

  /** A view from the presenter arrived at `now` (ms). */
  shownAhead(now: number): void {
    this.heldUntil = now + this.holdMs
  }

  settled(): void {
    this.heldUntil = 0
  }

  /** Whether the core's view (an event or a fetched one) may be shown at `now`. */
  takesCore(now: number): boolean {
    return now >= this.heldUntil
  }
}
