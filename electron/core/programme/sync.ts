import { userMessage, type UserMessage } from '../../shared/i18n/user-message'
import type { SessionStatus } from '../../shared/sessions/ids'
import type { DataFile } from '../storage/data-file'
import type { SessionSummary } from '../summaries/schema'
import type { SecretStore } from './secret-store'
import { databaseUrl, settingsProblem, type ProgrammeSettings } from './settings'
import { bodyHash, summaryDoc, summaryDocBody, withLatest, type SummaryDoc } from './summary-docs'
import type { ProgrammeFile } from './sync-state'

/** The sessions a laptop holds, and a session's summary as it stands (the same each time until it changes). */
export interface SummarySource {
  list(): { id: string; status: SessionStatus }[]
  /** What changes whenever the session's file changes (cheap: no summary built), or null if unknown. */
  fingerprint(id: string): Promise<string | null>
  summary(id: string, language: ProgrammeSettings['language']): Promise<SessionSummary>
}

/** Time and timers, injected so tests can run the back-off without waiting. */
export interface Clock {
  now(): Date
  setTimer(run: () => void, ms: number): unknown
  clearTimer(handle: unknown): void
}

export const systemClock: Clock = {
  now: () => new Date(),
  setTimer: (run, ms) => setTimeout(run, ms).unref(),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
}

/** Every 15 minutes while it works; after a failure 30 s, 1 min, 2 min … up to 30 min. */
export const SYNC_PERIOD_MS = 15 * 60_000
export const FIRST_RETRY_MS = 30_000
export const MAX_RETRY_MS = 30 * 60_000

export interface SyncStatus {
  configured: boolean
  running: boolean
  lastSyncAt: string | null
  lastAttemptAt: string | null
  /** Summaries the server does not hold yet (as of the last look). */
  pending: number
  lastError: UserMessage | null
  nextAttemptAt: string | null
}

export interface ProgrammeSyncOptions {
  file: DataFile<ProgrammeFile>
  secrets: SecretStore
  source: SummarySource
  clock?: Clock
}

/**
 * The trainer's side: finished (and, if chosen, paused) session summaries go to the programme server on
 * start, when a session finishes, and on a timer that backs off while the server cannot be reached.
 */
export class ProgrammeSync {
  private readonly clock: Clock
  private running: Promise<SyncStatus> | null = null
  private timer: unknown = null
  private nextAt: Date | null = null
  private failuresInARow = 0
  private pending = 0
  private counted: Promise<void> | null = null

  constructor(private readonly options: ProgrammeSyncOptions) {
    this.clock = options.clock ?? systemClock
  }

  /** Syncs soon (on start, and when a session finishes); nothing when no server is set. */
  request(delayMs = 0): void {
    if (!this.options.file.data.settings) return
    this.schedule(delayMs)
  }

  stop(): void {
    if (this.timer !== null) this.clock.clearTimer(this.timer)
    this.timer = null
    this.nextAt = null
  }

  status(): SyncStatus {
    const data = this.options.file.data
    return {
      configured: data.settings !== null,
      running: this.running !== null,
      lastSyncAt: data.lastSyncAt,
      lastAttemptAt: data.lastAttemptAt,
      pending: this.pending,
      lastError: data.lastError,
      nextAttemptAt: this.nextAt?.toISOString() ?? null
    }
  }

  /**
   * Counts the summaries the server lacks before the first sync, from the session files' fingerprints
   * (no summary is built), so the status line is right from its first paint. Once; a sync counts anew.
   */
  countPending(): Promise<void> {
    this.counted ??= this.countNow().catch(() => undefined)
    return this.counted
  }

  private async countNow(): Promise<void> {
    const settings = this.options.file.data.settings
    if (!settings || this.running) return
    let pending = 0
    for (const { id } of this.wanted(settings)) if (!(await this.unchanged(id, settings))) pending++
    if (!this.running) this.pending = pending
  }

  /** One sync now (a second call while one runs waits for it). Never throws: the status says what failed. */
  syncNow(): Promise<SyncStatus> {
    this.running ??= this.run().finally(() => (this.running = null))
    return this.running
  }

  private schedule(delayMs: number): void {
    this.stop()
    this.nextAt = new Date(this.clock.now().getTime() + delayMs)
    this.timer = this.clock.setTimer(() => {
      this.timer = null
      this.nextAt = null
      void this.syncNow()
    }, delayMs)
  }

  private async run(): Promise<SyncStatus> {
    const { file } = this.options
    const settings = file.data.settings
    if (!settings) return this.status()
    const error = await this.attempt(settings).catch((caught: unknown) => syncErrorMessage(caught))
    const at = this.clock.now().toISOString()
    await file.update((data) => {
      data.lastAttemptAt = at
      data.lastError = error
      if (!error) data.lastSyncAt = at
    })
    this.failuresInARow = error ? this.failuresInARow + 1 : 0
    this.schedule(error ? Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (this.failuresInARow - 1)) : SYNC_PERIOD_MS)
    return this.status()
  }

  /** Sends what the server lacks; returns the error to show, or null. */
  private async attempt(settings: ProgrammeSettings): Promise<UserMessage | null> {
    const problem = settingsProblem(settings)
    if (problem) return problem
    const password = (await this.options.secrets.load()) ?? ''
    const docs = await this.pendingDocs(settings)
    this.pending = docs.length
    if (docs.length === 0) return null
    // PouchDB loads on the first sync with something to send, not with the app (about 0.4 MB of bundle).
    const { replicateSummaries } = await import('./replicate')
    const outcome = await replicateSummaries(settings, password, docs, (written) => this.markSent(written))
    if (outcome.failures > 0) return userMessage('programme.sync.refused', { count: outcome.failures })
    await this.markSent(docs) // the ones the server already had were not written, but it holds them
    return null
  }

  private wanted(settings: ProgrammeSettings): { id: string }[] {
    return this.options.source
      .list()
      .filter((s) => s.status === 'finished' || (settings.includePaused && s.status === 'paused'))
  }

  /**
   * Whether the server holds this session's summary as it stands: its latest revision was sent to this
   * server and user, and was built from the session file as it is now (same fingerprint, same language).
   */
  private async unchanged(id: string, settings: ProgrammeSettings, key?: string | null): Promise<boolean> {
    const data = this.options.file.data
    const history = data.revisions[id] ?? []
    if (data.sentTo !== targetOf(settings) || history.length === 0) return false
    if (data.sent[id] !== `${history.length}-${history.at(-1)}`) return false
    const current = key === undefined ? await this.builtFromKey(id, settings) : key
    return current !== null && data.builtFrom[id] === current
  }

  private async builtFromKey(id: string, settings: ProgrammeSettings): Promise<string | null> {
    const fingerprint = await this.options.source.fingerprint(id).catch(() => null)
    return fingerprint === null ? null : `${settings.language} ${settings.user} ${fingerprint}`
  }

  /**
   * The summaries whose current revision the server is not known to hold; new revisions are named here.
   * A session whose file has not changed since the revision the server holds is skipped without building.
   */
  private async pendingDocs(settings: ProgrammeSettings): Promise<SummaryDoc[]> {
    const { file, source } = this.options
    const target = targetOf(settings)
    const docs: SummaryDoc[] = []
    const revisions: Record<string, string[]> = {}
    const builtFrom: Record<string, string> = {}
    for (const { id } of this.wanted(settings)) {
      const key = await this.builtFromKey(id, settings)
      if (await this.unchanged(id, settings, key)) continue
      const body = summaryDocBody(await source.summary(id, settings.language), settings.user)
      const history = withLatest(file.data.revisions[id] ?? [], bodyHash(body))
      revisions[id] = history
      if (key !== null) builtFrom[id] = key
      const doc = summaryDoc(body, history)
      if (file.data.sentTo !== target || file.data.sent[id] !== doc._rev) docs.push(doc)
    }
    await file.update((data) => {
      if (data.sentTo !== target) data.sent = {}
      data.sentTo = target
      Object.assign(data.revisions, revisions)
      Object.assign(data.builtFrom, builtFrom)
    })
    return docs
  }

  private async markSent(docs: { _id: string; _rev: string }[]): Promise<void> {
    if (docs.length === 0) return
    await this.options.file.update((data) => {
      for (const doc of docs) data.sent[doc._id.slice('summary:'.length)] = doc._rev
    })
    this.pending = Math.max(0, this.pending - docs.length)
  }
}

/** The server and user the `sent` revisions are known to be held by. */
function targetOf(settings: ProgrammeSettings): string {
  return `${databaseUrl(settings)} ${settings.user}`
}

/** What PouchDB's error means to the trainer. */
export function syncErrorMessage(error: unknown): UserMessage {
  const status = (error as { status?: unknown } | null)?.status
  if (status === 401) return userMessage('programme.test.wrong-credentials')
  if (status === 403) return userMessage('programme.test.forbidden')
  if (status === 404) return userMessage('programme.test.no-database')
  if (typeof status === 'number' && status >= 500) return userMessage('programme.test.server-error', { status })
  return userMessage('programme.sync.unreachable')
}
