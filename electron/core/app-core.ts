import { join } from 'node:path'
import type { ApiEvent } from './api/contract'
import { dispatch, type ApiHandlers } from './api/dispatch'
import type { AppContext, AppCoreOptions } from './app-context'
import type { StorageIncident } from './storage/incidents'
import { appHandlers } from './app-handlers'
import { editingHandlers } from './library/editing-handlers'
import { WorkshopLibrary } from './library/workshop-library'
import { NoticeBoard } from './notice-board'
import { coreEventLogger, logIncident, withErrorLog } from './logging/core-log'
import { noLog, type AppLog } from './logging/log-file'
import { participantHandlers } from './phones/participant-handlers'
import { PhoneIdentities } from './phones/phone-identity'
import { PhonesControl } from './phones/phones-control'
import { RemoteControl } from './phones/remote-control'
import { remoteHandlers } from './phones/remote-handlers'
import { reportHandlers } from './reports/report-handlers'
import { sessionHandlers } from './sessions/session-handlers'
import { SessionService } from './sessions/session-service'
import { DataFile } from './storage/data-file'
import { lockDataFolder } from './storage/data-folder-lock'
import { reasonOf } from '../shared/i18n/user-message'
import { removeLeftoverTempFiles } from './storage/durable-json-file'
import { defaultLibraryFile, parseLibraryFile, type LibraryFile } from './storage/library-file'
import { ImportedSummaries } from './summaries/imported-summaries'
import { summaryHandlers } from './summaries/summary-handlers'
import { workshopHandlers } from './workshops/workshop-handlers'
import { openProgramme } from './programme'
import { programmeHandlers } from './programme/programme-handlers'

export type { AppCoreOptions } from './app-context'

export interface AppCore {
  handlers: ApiHandlers
  /** Live events for every open window; returns the unsubscribe function. */
  subscribe(listener: (event: ApiEvent) => void): () => void
  close(): Promise<void>
}

/**
 * Everything the app does, independent of Electron, HTTP and the DOM; both hosts wrap this. It opens
 * the data folder, builds the context the features share, and joins each feature's handlers into
 * the one `ApiHandlers` map (a method without a handler is a type error here).
 */
export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  const listeners = new Set<(event: ApiEvent) => void>()
  const emit = (event: ApiEvent): void => listeners.forEach((listener) => listener(event))
  const notices = new NoticeBoard(emit)
  const { log, onIncident } = startLog(options, notices, listeners)

  const lock = await openDataFolder(options.dataDir, onIncident)

  const library = new DataFile<LibraryFile>({
    path: join(options.dataDir, 'library.json'),
    parse: parseLibraryFile,
    defaults: defaultLibraryFile,
    onIncident,
    fs: options.fs
  })
  await library.open()

  const workshops = new WorkshopLibrary({ bundled: options.workshopsDir, user: join(options.dataDir, 'workshops') })
  // Start checking the workshop packages now, while the window loads, rather than on its first request.
  void workshops.list()

  const programme = await openProgramme(options, () => sessions, onIncident)
  const sessions = new SessionService({
    dataDir: options.dataDir,
    library,
    onIncident,
    fs: options.fs,
    events: {
      changed(live, view) {
        emit({ type: 'session', live })
        emit({ type: 'audience', sessionId: live.id, view })
        if (live.status === 'finished') programme.sync.request(2_000) // send its summary soon
      }
    }
  })
  await sessions.indexMissingSessions()
  await sessions.checkUnfinished()

  const { phones, remote } = phoneFeatures(options, sessions, onIncident, emit, () => handlers)
  const importedSummaries = new ImportedSummaries(join(options.dataDir, 'summaries'))

  const shared = { options, library, workshops, sessions, phones, remote, importedSummaries, notices, emit }
  const ctx: AppContext = { ...shared, programme }
  const handlers: ApiHandlers = withErrorLog(
    {
      ...appHandlers(ctx),
      ...workshopHandlers(ctx),
      ...editingHandlers(ctx),
      ...sessionHandlers(ctx),
      ...participantHandlers(ctx),
      ...remoteHandlers(ctx),
      ...summaryHandlers(ctx),
      ...reportHandlers(ctx),
      ...programmeHandlers(ctx)
    },
    log
  )

  return {
    handlers,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async close() {
      await phones.close()
      programme.close()
      sessions.close()
      library.close()
      await lock.release()
      listeners.clear()
      log.info('stop', { dropped: log.dropped || undefined })
    }
  }
}

/** Locks the data folder and clears what a crashed run left half-written. */
async function openDataFolder(
  dataDir: string,
  onIncident: (incident: StorageIncident) => void
): Promise<Awaited<ReturnType<typeof lockDataFolder>>> {
  const lock = await lockDataFolder(dataDir)
  if (lock.notHeldBecause === 'ENOSPC' || lock.notHeldBecause === 'EDQUOT') {
    // A full disk: start anyway (sessions can be seen and exported elsewhere) and say now why saving fails.
    // (A read-only folder is reported by the first save it refuses, naming the file.)
    onIncident({ kind: 'save-failed', file: dataDir, reason: reasonOf({ code: lock.notHeldBecause }) })
  }
  if (lock.held) {
    // Half-written temp files of a crashed run; no other process can be writing them now.
    for (const folder of [dataDir, join(dataDir, 'sessions')]) await removeLeftoverTempFiles(folder)
  }
  return lock
}

/** The log's first line, and the core's events and storage incidents in it (logging/core-log.ts). */
function startLog(
  options: AppCoreOptions,
  notices: NoticeBoard,
  listeners: Set<(event: ApiEvent) => void>
): { log: AppLog; onIncident: (incident: StorageIncident) => void } {
  const log = options.log ?? noLog
  log.info('start', { host: options.host, version: options.version, platform: process.platform, node: process.version })
  listeners.add(coreEventLogger(log))
  const onIncident = (incident: StorageIncident): void => {
    logIncident(log, incident)
    notices.record(incident)
  }
  return { log, onIncident }
}

/**
 * Phones and the trainer's phone remote, which share each session's phone identity. The remote's commands
 * take the presenter's path: validated by the contract, then the session handler.
 */
function phoneFeatures(
  options: AppCoreOptions,
  sessions: SessionService,
  onIncident: (incident: StorageIncident) => void,
  emit: (event: ApiEvent) => void,
  handlers: () => ApiHandlers
): { phones: PhonesControl; remote: RemoteControl } {
  const identities = new PhoneIdentities({ dataDir: options.dataDir, onIncident, fs: options.fs })
  const remote: RemoteControl = new RemoteControl({
    sessions,
    identities,
    phones: () => phones.status(),
    qrSvg: options.participants?.qrSvg,
    command: (id, command) => dispatch(handlers(), 'session.command', { id, command }),
    emit
  })
  const phones: PhonesControl = new PhonesControl({
    network: options.participants,
    sessions,
    identities,
    remote: (sessionId) => remote.gateway(sessionId),
    emit
  })
  return { phones, remote }
}
