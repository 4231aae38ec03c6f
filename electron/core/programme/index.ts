import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Language } from '../../shared/i18n/language'
import { SESSION_ID_PATTERN } from '../../shared/sessions/ids'
import type { SessionService } from '../sessions/session-service'
import { DataFile } from '../storage/data-file'
import type { DurableFs } from '../storage/durable-json-file'
import type { StorageIncident } from '../storage/incidents'
import { buildSummary } from '../summaries/summary'
import { secretStoreFor, type SecretStore, type StringEncryption } from './secret-store'
import { ProgrammeSync, type Clock, type SummarySource } from './sync'
import { defaultProgrammeFile, parseProgrammeFile, type ProgrammeFile } from './sync-state'

export type { Clock } from './sync'
export type { StringEncryption } from './secret-store'

/** The programme server feature: its file, the password's store and the trainer's sync. */
export interface ProgrammeFeature {
  file: DataFile<ProgrammeFile>
  secrets: SecretStore
  sync: ProgrammeSync
  close(): void
}

/** The first sync waits a little after start, so it does not compete with the window loading. */
export const START_DELAY_MS = 5_000

/** A session's summary as of its last change, so the same session gives the same document every time. */
export function sessionSummarySource(sessions: () => SessionService, dataDir: string): SummarySource {
  return {
    list: () => sessions().list(),
    // Every save replaces the file (a new file renamed over it): its inode, time and size change.
    async fingerprint(id: string) {
      if (!SESSION_ID_PATTERN.test(id)) return null
      const info = await stat(join(dataDir, 'sessions', `${id}.json`), { bigint: true })
      return `${info.ino}-${info.mtimeNs}-${info.size}`
    },
    async summary(id: string, language: Language) {
      const session = await sessions().read(id)
      return buildSummary(session, language, new Date(session.updatedAt))
    }
  }
}

/** What the programme feature needs of the core's options (see AppCoreOptions). */
export interface ProgrammeOptions {
  dataDir: string
  fs?: DurableFs
  /** Electron's `safeStorage`; browser mode has none, and keeps the password in an owner-only file. */
  secretEncryption?: StringEncryption
  programmeClock?: Clock
}

/**
 * Opens `programme.json` and the password's store, and asks for a first sync soon after start (nothing
 * happens while no server is set).
 */
export async function openProgramme(
  options: ProgrammeOptions,
  sessions: () => SessionService,
  onIncident: (incident: StorageIncident) => void
): Promise<ProgrammeFeature> {
  const file = new DataFile<ProgrammeFile>({
    path: join(options.dataDir, 'programme.json'),
    parse: parseProgrammeFile,
    defaults: defaultProgrammeFile,
    onIncident,
    fs: options.fs
  })
  await file.open()
  const secrets = secretStoreFor(join(options.dataDir, 'programme-password'), options.secretEncryption)
  const sync = new ProgrammeSync({
    file,
    secrets,
    source: sessionSummarySource(sessions, options.dataDir),
    clock: options.programmeClock
  })
  sync.request(START_DELAY_MS)
  const close = () => {
    sync.stop()
    file.close()
  }
  return { file, secrets, sync, close }
}
