import type { AppInfo, Notice, WorkshopSummary } from '../../../electron/core/api/contract'
import type { Language } from '../../../electron/core/i18n/language'
import type { SessionIndexEntry } from '../../../electron/core/storage/library-file'
import { ApiCallError, connect, type ApiClient } from './api/client'
import { reasonOf } from '../../../electron/core/i18n/user-message'
import { i18n, type ShownMessage } from './i18n.svelte'

export type View =
  | { name: 'library' }
  | { name: 'workshop'; id: string }
  | { name: 'presenter'; id: string }
  | { name: 'editor'; id: string }
  | { name: 'summary'; id: string }
  | { name: 'imported-summary'; id: string }
  | { name: 'report' }
  /** Typing paper answer sheets in for a session; `back` is where the trainer came from. */
  | { name: 'paper'; id: string; blockId: string | null; back: View }

/** What the trainer's window shows, kept in one place; components only read it and call its methods. */
class AppState {
  api: ApiClient | null = null
  status = $state<'loading' | 'ready' | 'no-token' | 'error'>('loading')
  /** Kept as a message, not text, so it follows a language switch. */
  error = $state.raw<ShownMessage | null>(null)
  info = $state<AppInfo | null>(null)
  notices = $state.raw<Notice[]>([])
  workshops = $state.raw<WorkshopSummary[]>([])
  sessions = $state.raw<SessionIndexEntry[]>([])
  /** Set when this window is a session's audience screen (`#audience=<id>`). */
  audienceOf = $state<string | null>(null)
  view = $state<View>({ name: 'library' })

  async start(): Promise<void> {
    const api = connect()
    this.audienceOf = /(?:^#|&)audience=([a-z0-9-]+)/.exec(location.hash)?.[1] ?? null
    if (api === 'no-token') {
      this.status = 'no-token'
      return
    }
    this.api = api
    api.onEvent((event) => {
      if (event.type === 'notices') this.notices = event.notices
      if (event.type === 'settings') i18n.set(event.settings.language)
    })
    try {
      // Asked together: the workshops take longest (checked at start), the rest need not wait in line.
      const [info, workshops, sessions] = await Promise.all([
        api.call('app.info'),
        api.call('library.list'),
        api.call('session.list')
      ])
      this.info = info
      this.notices = info.notices
      i18n.set(info.settings.language)
      this.workshops = workshops
      this.sessions = sessions
      this.status = 'ready'
    } catch (error) {
      this.fail(error)
    }
  }

  async refreshLibrary(): Promise<void> {
    const workshops = await this.run(() => this.api!.call('library.list'))
    if (workshops) this.workshops = workshops
    const sessions = await this.run(() => this.api!.call('session.list'))
    if (sessions) this.sessions = sessions
  }

  async setLanguage(language: Language): Promise<void> {
    i18n.set(language)
    await this.run(() => this.api!.call('settings.setLanguage', { language }))
  }

  async dismissNotice(id: string): Promise<void> {
    const notices = await this.run(() => this.api!.call('notices.dismiss', { id }))
    if (notices) this.notices = notices
  }

  open(view: View): void {
    this.view = view
    window.scrollTo(0, 0)
  }

  /** Runs an API call; a failure is shown to the trainer instead of being lost. */
  async run<T>(call: () => Promise<T>): Promise<T | undefined> {
    try {
      this.error = null
      return await call()
    } catch (error) {
      this.fail(error)
      return undefined
    }
  }

  private fail(error: unknown): void {
    if (this.status === 'loading') this.status = 'error'
    if (error instanceof ApiCallError && error.message === 'connection') this.error = { key: 'app.error.connection', params: {} }
    else this.error = { key: 'app.error.api', params: { message: error instanceof ApiCallError ? error.reason : reasonOf(error) } }
  }
}

export const app = new AppState()
