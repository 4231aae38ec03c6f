import type { ApiEvent, ApiMethod } from './api/contract'
import { ApiError, type ApiHandlers } from './api/dispatch'
import type { WorkshopLibrary } from './library/workshop-library'
import type { NoticeBoard } from './notice-board'
import type { PhonesControl } from './phones/phones-control'
import type { RemoteControl } from './phones/remote-control'
import { CommandError } from '../shared/sessions/commands'
import type { ParticipantNetwork } from './sessions/participant-network'
import type { SessionService } from './sessions/session-service'
import type { DataFile } from './storage/data-file'
import type { DurableFs } from './storage/durable-json-file'
import type { LibraryFile } from './storage/library-file'
import type { AppLog } from './logging/log-file'
import type { ImportedSummaries } from './summaries/imported-summaries'
import type { Clock, ProgrammeFeature, StringEncryption } from './programme'

export interface AppCoreOptions {
  /** Where this user's data lives (Electron: userData; browser mode: the same folder, or --data-dir). */
  dataDir: string
  /** The bundled, read-only workshop packages. */
  workshopsDir: string
  /** The app's font files (resources/fonts), embedded in exported HTML; without it, documents use system fonts. */
  fontsDir?: string
  host: 'electron' | 'browser'
  version: string
  fs?: DurableFs
  /** The participants' network (electron/server/participants); without it, polls run by show of hands only. */
  participants?: ParticipantNetwork
  /** The local log (logging/log-file.ts); without it, nothing is logged. */
  log?: AppLog
  /** Electron's `safeStorage` for the programme server's password; browser mode keeps it in an owner-only file. */
  secretEncryption?: StringEncryption
  /** The programme sync's timers (tests pass their own). */
  programmeClock?: Clock
}

/** What every feature's handlers share: made once by createAppCore (app-core.ts) and closed with it. */
export interface AppContext {
  options: AppCoreOptions
  /** `library.json`: the settings (language) and the index of sessions. */
  library: DataFile<LibraryFile>
  workshops: WorkshopLibrary
  sessions: SessionService
  phones: PhonesControl
  /** The trainer's phone remote: pairing and unpairing (phones/remote-control.ts). */
  remote: RemoteControl
  importedSummaries: ImportedSummaries
  /** The programme server: settings, password and the trainer's sync (programme/). */
  programme: ProgrammeFeature
  notices: NoticeBoard
  /** Sends a live event to every open window. */
  emit(event: ApiEvent): void
}

/** The handlers of one feature: a part of `ApiHandlers`, so each keeps the contract's types. */
export type FeatureHandlers<M extends ApiMethod> = Pick<ApiHandlers, M>

/** Session errors a trainer can cause (wrong state, unknown id) are reported, not crashes. */
export async function withCommandErrors<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (error instanceof CommandError) throw new ApiError('failed', error.reason)
    throw error
  }
}
