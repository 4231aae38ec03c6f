import type { SessionLive } from '../../../electron/core/api/contract'
import type { SessionCommand } from '../../../electron/core/sessions/commands'
import type { Session, WorkshopSnapshot } from '../../../electron/core/sessions/model'
import type { Block } from '../../../electron/core/workshops/schema'
import { app } from './app-state.svelte'

/**
 * The session the presenter is running. The workshop snapshot is loaded once; everything that
 * changes arrives as `session` events, so every open window follows the same state.
 */
export class SessionState {
  snapshot = $state.raw<WorkshopSnapshot | null>(null)
  live = $state.raw<SessionLive | null>(null)
  /** Set when the core kept a change in memory but could not write it to disk yet. */
  unsaved = $state(false)
  /** The session could not be opened (files gone or damaged beyond repair): the app shows why. */
  failed = $state(false)
  private stop: (() => void) | null = null

  readonly blocks = $derived<Block[]>(this.snapshot?.manifest.blocks ?? [])
  readonly block = $derived<Block | null>(this.live ? (this.blocks[this.live.position.block] ?? null) : null)
  readonly language = $derived(this.live?.details.language ?? 'vi')

  async load(id: string): Promise<void> {
    this.stop?.()
    this.stop = app.api!.onEvent((event) => {
      if (event.type === 'session' && event.live.id === id) this.live = event.live
    })
    this.failed = false
    const session: Session | undefined = await app.run(() => app.api!.call('session.get', { id }))
    if (!session) {
      this.failed = true
      return
    }
    const { snapshot, ...live } = session
    this.snapshot = snapshot
    this.live = live
  }

  async send(command: SessionCommand): Promise<void> {
    if (!this.live) return
    const id = this.live.id
    const reply = await app.run(() => app.api!.call('session.command', { id, command }))
    if (reply) {
      this.live = reply.live
      this.unsaved = !reply.saved
    }
  }

  slidesOf(blockId: string): { html: string; notesHtml: string }[] {
    return this.snapshot?.slides[blockId]?.[this.language] ?? []
  }

  dispose(): void {
    this.stop?.()
    this.stop = null
  }
}
