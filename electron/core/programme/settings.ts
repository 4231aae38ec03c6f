import { z } from 'zod'
import { LanguageSchema } from '../../shared/i18n/language'
import { userMessage, type UserMessage } from '../../shared/i18n/user-message'

/**
 * Settings → Programme server: where this laptop sends its session summaries (a CouchDB 3 database, or any
 * server speaking its replication protocol) and as whom. The password is not here: a secret store keeps it.
 */
export const ProgrammeSettingsSchema = z.object({
  url: z.string().max(500),
  database: z.string().max(200),
  user: z.string().max(200),
  /** Paused sessions' summaries are sent too (finished ones always are). */
  includePaused: z.boolean().default(false),
  /** The language the summaries are written in for the programme. */
  language: LanguageSchema.default('vi')
})
export type ProgrammeSettings = z.infer<typeof ProgrammeSettingsSchema>

export const EMPTY_PROGRAMME_SETTINGS: ProgrammeSettings = {
  url: '',
  database: '',
  user: '',
  includePaused: false,
  language: 'vi'
}

/** CouchDB's rule for database names. */
const DATABASE_NAME = /^[a-z][a-z0-9_$()+/-]*$/
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** Why these settings cannot be used, or null. HTTPS is required except on this computer (127.0.0.1). */
export function settingsProblem(settings: ProgrammeSettings): UserMessage | null {
  let url: URL
  try {
    url = new URL(settings.url)
  } catch {
    return userMessage('programme.problem.url')
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    return userMessage('programme.problem.https')
  }
  if (url.username || url.password) return userMessage('programme.problem.url') // credentials go in their own fields
  if (!DATABASE_NAME.test(settings.database)) return userMessage('programme.problem.database')
  if (settings.user.trim() === '') return userMessage('programme.problem.user')
  return null
}

/** The database's address: the server's URL (with or without a trailing slash) and the encoded name. */
export function databaseUrl(settings: Pick<ProgrammeSettings, 'url' | 'database'>): string {
  return `${settings.url.replace(/\/+$/, '')}/${encodeURIComponent(settings.database)}`
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`
}
