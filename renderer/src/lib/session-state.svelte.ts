import type { SessionLive } from '../../../electron/core/api/contract'
import { audienceView, type JoinInfo } from '../../../electron/shared/sessions/audience'
import type { SessionCommand } from '../../../electron/shared/sessions/commands'
import { HeldPresses } from '../../../electron/shared/sessions/held-presses'
import {
  CommandsInFlight,
  isNavigation,
  navigateLocally,
  presenterChannelName,
  type PresenterMessage
} from '../../../electron/shared/sessions/local-navigation'
import type { Session, WorkshopSnapshot } from '../../../electron/shared/sessions/model'
import type { Block } from '../../../electron/shared/workshops/schema'
import type { Api } from './api/api.svelte'
import { slidesIn, textIn } from '../../../electron/shared/i18n/text-in'
import type { Bilingual } from '../../../electron/shared/i18n/language'

/**
 * The session the presenter is running. The workshop snapshot is loaded once; everything that
 * changes arrives as `session` events, so every open window follows the same state. Navigation is
 * shown at once, ahead of the core (see local-navigation.ts); the core's state wins when it answers.
 */
export class SessionState {
  snapshot = $state.raw<WorkshopSnapshot | null>(null)
  live = $state.raw<SessionLive | null>(null)
  /** Set when the core kept a change in memory but could not write it to disk yet. */
  unsaved = $state(false)
  /** The session could not be opened (files gone or damaged beyond repair): the app shows why. */
  failed = $state(false)
  /**
   * Whether the core can be reached: 'unreachable' after a command could not reach it (presses since are
   * held, not shown as done); 'back' once it answers again while presses are held, for the trainer to
   * replay or discard them.
   */
  link = $state<'ok' | 'unreachable' | 'back'>('ok')
  /** How many key presses are held. */
  heldCount = $state(0)
  private readonly held = new HeldPresses()
  private probe: ReturnType<typeof setInterval> | null = null
  /** The core's own state as last heard, to go back to when presses shown ahead did not reach it. */
  private confirmed: SessionLive | null = null
  private stop: (() => void) | null = null
  private readonly inFlight = new CommandsInFlight()
  /** Tells audience windows of this session in the same browser what to show before the core does. */
  private channel: BroadcastChannel | null = null
  /** The phones' join address as the core last showed it, so a view computed here shows it too. */
  private join: JoinInfo | null = null
  /** A view was sent to the audience windows ahead of the core since the core last settled. */
  private audienceAhead = false

  constructor(
    private readonly api: Api,
    /** How often to ask whether an unreachable core answers again. */
    private readonly probeMs = 1500
  ) {}

  readonly blocks = $derived<Block[]>(this.snapshot?.manifest.blocks ?? [])
  readonly block = $derived<Block | null>(this.live ? (this.blocks[this.live.position.block] ?? null) : null)
  readonly language = $derived(this.live?.details.language ?? 'vi')

  async load(id: string): Promise<void> {
    this.dispose()
    this.channel = new BroadcastChannel(presenterChannelName(id))
    this.stop = this.api.client.onEvent((event) => {
      if (event.type === 'session' && event.live.id === id) this.confirmed = event.live
      if (event.type === 'session' && event.live.id === id && this.inFlight.takesEvent(this.live, event.live))
        this.live = event.live
      const view = event.type === 'audience' && event.sessionId === id ? event.view : null
      if ((view?.kind === 'poll' || view?.kind === 'quiz') && view.status === 'open' && view.mode === 'phones')
        this.join = view.join
    })
    this.failed = false
    const session = await this.api.call('session.get', { id })
    if (session) this.take(session)
    else this.failed = true
  }

  async send(command: SessionCommand): Promise<void> {
    await this.apply(command)
  }

  /** Sends a command; true once the core has applied it (a refusal is kept in `api.error`). */
  async apply(command: SessionCommand): Promise<boolean> {
    if (!this.live) return false
    const id = this.live.id
    const stamp = this.held.stamp()
    // The core cannot be reached: the press is held, not shown as if done.
    if (this.link !== 'ok') return this.holdPress(stamp, command, id)
    if (isNavigation(command)) this.showAhead(command)
    this.inFlight.sent()
    const reply = await this.api.call('session.command', { id, command })
    const last = this.inFlight.answered()
    if (!reply && this.api.error?.key === 'app.error.connection') return this.holdPress(stamp, command, id)
    if (reply) {
      this.unsaved = !reply.saved
      this.confirmed = reply.live
      if (last) this.live = reply.live
    } else if (last) {
      // Refused (its error stays on screen): what this window showed ahead may be wrong, so take the
      // core's state again. If even that fails, the next command or event brings it.
      await this.api.client.call('session.get', { id }).then(
        (session) => this.take(session),
        () => undefined
      )
    }
    // Checked again: a press while the core was re-read is in flight and must not be overtaken.
    if (!this.inFlight.pending && this.audienceAhead) {
      this.audienceAhead = false
      this.post({ type: 'settled' })
    }
    return reply !== undefined
  }

  /** Sends the held presses again, in the order they were pressed (once the core can be reached again). */
  async replay(): Promise<void> {
    const commands = this.held.take()
    this.heldCount = 0
    this.link = 'ok'
    for (const command of commands) await this.apply(command)
  }

  /** Forgets the held presses: the core's state stays as it is. */
  discard(): void {
    this.held.take()
    this.heldCount = 0
    this.link = 'ok'
    if (this.confirmed && !this.inFlight.pending) this.live = this.confirmed
  }

  /** The whole session (live state with its snapshot), null while it loads. */
  session(): Session | null {
    return this.live && this.snapshot ? ({ ...this.live, snapshot: this.snapshot } as Session) : null
  }

  slidesOf(blockId: string): { html: string; notesHtml: string }[] {
    return slidesIn(this.snapshot?.slides[blockId], this.language, this.snapshot?.manifest.languages)
  }

  /** A workshop text in the session's language (or the workshop's first language): see `textIn`. */
  pick = (text: Bilingual | null | undefined): string => textIn(text, this.language, this.snapshot?.manifest.languages)

  dispose(): void {
    this.stopProbe()
    this.stop?.()
    this.stop = null
    this.channel?.close()
    this.channel = null
  }

  /** Takes the core's whole session (its snapshot has the slide images put back), unless commands sent since are still in flight. */
  private take(session: Session): void {
    const { snapshot, ...live } = session
    this.confirmed = live
    if (this.inFlight.pending) return
    this.snapshot = snapshot
    this.live = live
  }

  /**
   * A press that did not reach the core: kept, in pressing order, and the window goes back to the core's
   * last state (with the audience windows) once nothing else is in flight. Asks the core until it answers.
   */
  private holdPress(stamp: number, command: SessionCommand, id: string): false {
    this.held.hold(stamp, command)
    this.heldCount = this.held.count
    this.link = 'unreachable'
    if (!this.inFlight.pending) {
      if (this.confirmed) this.live = this.confirmed
      if (this.audienceAhead) {
        this.audienceAhead = false
        this.post({ type: 'settled' })
      }
    }
    this.probe ??= setInterval(() => void this.probeCore(id), this.probeMs)
    return false
  }

  private async probeCore(id: string): Promise<void> {
    const session = await this.api.client.call('session.get', { id }).catch(() => undefined)
    if (!session || this.link !== 'unreachable') return
    this.stopProbe()
    this.take(session)
    this.link = this.held.count > 0 ? 'back' : 'ok'
  }

  private stopProbe(): void {
    if (this.probe) clearInterval(this.probe)
    this.probe = null
  }

  /** Shows the command's result in this window and on the audience windows before the core answers. */
  private showAhead(command: Parameters<typeof navigateLocally>[2]): void {
    if (!this.live || !this.snapshot) return
    const next = navigateLocally(this.live, this.snapshot, command)
    if (!next) return
    this.live = next
    // The core's own projection: the room sees exactly what the core would show, nothing more.
    this.post({ type: 'view', view: audienceView({ ...next, snapshot: this.snapshot }, this.join) })
    this.audienceAhead = true
  }

  private post(message: PresenterMessage): void {
    this.channel?.postMessage(message)
  }
}
