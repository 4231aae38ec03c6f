import { z } from 'zod'
import { UserMessageSchema } from '../../shared/i18n/user-message-schema'
import { ProgrammeSettingsSchema } from './settings'

/** The API's shapes for Settings → Programme server and the coordinator's pull (see api/contract.ts). */
export const SyncStatusSchema = z.object({
  configured: z.boolean(),
  running: z.boolean(),
  lastSyncAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  pending: z.number().int().min(0),
  lastError: UserMessageSchema.nullable(),
  nextAttemptAt: z.string().nullable()
})

export const ProgrammeViewSchema = z.object({
  settings: ProgrammeSettingsSchema.nullable(),
  hasPassword: z.boolean(),
  /** Where the password is kept, so the screen can say it. */
  secretStore: z.enum(['system-keychain', 'owner-only-file']),
  status: SyncStatusSchema
})

const SettingsArgs = ProgrammeSettingsSchema.extend({
  url: z.string().max(500),
  database: z.string().max(200),
  user: z.string().max(200)
})

export const programmeMethods = {
  'programme.get': { args: z.strictObject({}), result: ProgrammeViewSchema },
  /** Saves the settings; a password given replaces the one kept, an empty one keeps it. */
  'programme.save': {
    args: z.strictObject({ settings: SettingsArgs, password: z.string().max(500).optional() }),
    result: ProgrammeViewSchema
  },
  /** Tries these settings (the kept password when none is given) without saving them. */
  'programme.test': {
    args: z.strictObject({ settings: SettingsArgs, password: z.string().max(500).optional() }),
    result: z.union([
      z.object({ ok: z.literal(true), server: z.string() }),
      z.object({ ok: z.literal(false), problem: z.string(), reason: UserMessageSchema })
    ])
  },
  'programme.sync': { args: z.strictObject({}), result: SyncStatusSchema },
  /** The coordinator's pull: every summary on the server into the imported summaries. */
  'programme.pull': {
    args: z.strictObject({}),
    result: z.object({
      read: z.number(),
      outcomes: z.object({ imported: z.number(), updated: z.number(), already: z.number(), 'newer-held': z.number() }),
      refused: z.array(z.object({ id: z.string(), reason: UserMessageSchema }))
    })
  }
} as const
