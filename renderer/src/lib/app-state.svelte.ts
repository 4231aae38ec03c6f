import { createContext } from 'svelte'
import type { AppInfo, Notice, WorkshopSummary } from '../../../electron/core/api/contract'
import type { OpenedFile } from '../../../electron/shared/api/bridge'
import type { Language } from '../../../electron/shared/i18n/language'
import type { SessionIndexEntry } from '../../../electron/core/storage/library-file'
import { Api } from './api/api.svelte'
import type { ApiClient } from './api/client'
import { i18n } from './i18n.svelte'

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

/**
 * What the trainer's window shows, kept in one place; components only read it and call its methods.
 * The client is given to it (main.ts picks the transport; tests give an in-process core).
 */
export class AppState {
  readonly api: Api
  status = $state<'loading' | 'ready' | 'no-token' | 'error'>('loading')
  info = $state<AppInfo | null>(null)
  notices = $state.raw<Notice[]>([])
  workshops = $state.raw<WorkshopSummary[]>([])
  sessions = $state.raw<SessionIndexEntry[]>([])
  /** Set when this window is a session's audience screen (`#audience=<id>`). */
  audienceOf = $state<string | null>(null)
  view = $state<View>({ name: 'library' })
  /** A file the system asked the app to open (a double-clicked .roundtable), until the library's import takes it. */
  openedFile = $state.raw<OpenedFile | null>(null)

  /** `null`: browser mode was opened without its access token, so nothing can be asked. */
  constructor(client: ApiClient | null) {
    this.api = new Api(client ?? refusingClient)
    if (!client) this.status = 'no-token'
  }

  /** The last failed call's message, shown at the top of the window. */
  get error() {
    return this.api.error
  }

  async start(address = ''): Promise<void> {
    this.audienceOf = /(?:^#|&)audience=([a-z0-9-]+)/.exec(address)?.[1] ?? null
    if (this.status === 'no-token') return
    const client = this.api.client
    client.onEvent((event) => {
      if (event.type === 'notices') this.notices = event.notices
      if (event.type === 'settings') i18n.set(event.settings.language)
    })
    try {
      // Asked together: the workshops take longest (checked at start), the rest need not wait in line.
      const [info, workshops, sessions] = await Promise.all([
        client.call('app.info'),
        client.call('library.list'),
        client.call('session.list')
      ])
      this.info = info
      this.notices = info.notices
      i18n.set(info.settings.language)
      this.workshops = workshops
      this.sessions = sessions
      this.status = 'ready'
      // The trainer's window only: the audience window never takes a file from the trainer.
      if (!this.audienceOf) client.onOpenedFile((file) => this.fileOpened(file))
    } catch (error) {
      this.status = 'error'
      this.api.fail(error)
    }
  }

  async refreshLibrary(): Promise<void> {
    const workshops = await this.api.call('library.list')
    if (workshops) this.workshops = workshops
    const sessions = await this.api.call('session.list')
    if (sessions) this.sessions = sessions
  }

  async setLanguage(language: Language): Promise<void> {
    i18n.set(language)
    await this.api.call('settings.setLanguage', { language })
  }

  async dismissNotice(id: string): Promise<void> {
    const notices = await this.api.call('notices.dismiss', { id })
    if (notices) this.notices = notices
  }

  /**
   * A double-clicked workshop file: the library shows its import preview. During a session (presenter,
   * paper answers) the screen stays; the file waits until the trainer goes back to the library.
   */
  fileOpened(file: OpenedFile): void {
    this.openedFile = file
    if (this.view.name !== 'presenter' && this.view.name !== 'paper') this.open({ name: 'library' })
  }

  open(view: View): void {
    this.view = view
    globalThis.scrollTo?.(0, 0)
  }
}

/** Stands in when there is no token: every call is refused (the window only explains why). */
const refusingClient: ApiClient = {
  call: () => Promise.reject(new Error('no access token')),
  onEvent: () => () => undefined,
  openAudience: () => undefined,
  printDocument: () => Promise.resolve(),
  setCameraScanning: () => Promise.resolve(),
  onOpenedFile: () => () => undefined
}

/** The app's state for every component below App.svelte, which creates it once. */
export const [useApp, provideApp] = createContext<AppState>()
