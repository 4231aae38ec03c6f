import { z } from 'zod'
import { SessionStatusSchema } from '../../shared/sessions/ids'
import { LanguageSchema } from '../../shared/i18n/language'
import { versionedParser } from './versioned'

/** `library.json`: settings and the index of the user's own data. Sessions get one file each. */
export const LIBRARY_SCHEMA_VERSION = 1

export const SettingsSchema = z.object({
  language: LanguageSchema
})
export type Settings = z.infer<typeof SettingsSchema>

/** What the library screen lists for each session without opening its file. */
export const SessionIndexEntrySchema = z.object({
  id: z.string(),
  workshopId: z.string(),
  /** The workshop's title; a single-language workshop's has one side only. */
  title: z.object({ vi: z.string().optional(), en: z.string().optional() }),
  venue: z.string(),
  date: z.string(),
  status: SessionStatusSchema,
  updatedAt: z.string()
})
export type SessionIndexEntry = z.infer<typeof SessionIndexEntrySchema>

export const LibraryFileSchema = z.object({
  schemaVersion: z.literal(LIBRARY_SCHEMA_VERSION),
  settings: SettingsSchema,
  sessions: z.array(SessionIndexEntrySchema).default([])
})
export type LibraryFile = z.infer<typeof LibraryFileSchema>

export const parseLibraryFile = versionedParser(LibraryFileSchema, LIBRARY_SCHEMA_VERSION)

export function defaultLibraryFile(): LibraryFile {
  return { schemaVersion: LIBRARY_SCHEMA_VERSION, settings: { language: 'vi' }, sessions: [] }
}
