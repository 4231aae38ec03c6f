import { z } from 'zod'
import { UserMessageSchema } from '../../shared/i18n/user-message-schema'
import { versionedParser } from '../storage/versioned'
import { ProgrammeSettingsSchema } from './settings'

/**
 * `programme.json` in the data folder: the programme server's settings and what this laptop has sent it.
 * `revisions` names each session's summary revisions (hashes, oldest first) so they are the same after a
 * restart; `sent` is the revision the server is known to hold, per session, for the server in `sentTo`
 * (changing server or user starts again). `builtFrom` names, per session, the session file's fingerprint
 * (with the language and user) the latest revision was built from, so a sync skips sessions whose file has
 * not changed without building their summaries. Replication resumes from here after weeks offline.
 */
export const PROGRAMME_SCHEMA_VERSION = 1

export const ProgrammeFileSchema = z.object({
  schemaVersion: z.literal(PROGRAMME_SCHEMA_VERSION),
  settings: ProgrammeSettingsSchema.nullable().default(null),
  revisions: z.record(z.string(), z.array(z.string())).default({}),
  sentTo: z.string().default(''),
  sent: z.record(z.string(), z.string()).default({}),
  builtFrom: z.record(z.string(), z.string()).default({}),
  lastSyncAt: z.string().nullable().default(null),
  lastAttemptAt: z.string().nullable().default(null),
  lastError: UserMessageSchema.nullable().default(null)
})
export type ProgrammeFile = z.infer<typeof ProgrammeFileSchema>

export const parseProgrammeFile = versionedParser(ProgrammeFileSchema, PROGRAMME_SCHEMA_VERSION)

export function defaultProgrammeFile(): ProgrammeFile {
  return {
    schemaVersion: PROGRAMME_SCHEMA_VERSION,
    settings: null,
    revisions: {},
    sentTo: '',
    sent: {},
    builtFrom: {},
    lastSyncAt: null,
    lastAttemptAt: null,
    lastError: null
  }
}
