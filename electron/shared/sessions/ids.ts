import { z } from 'zod'

/**
 * A session's id and status, defined once for the session files, the library index, the API, the
 * summaries and the reports. A leaf module (zod only), so anything can import it without a cycle.
 */

/** Also the session's file name (`sessions/<id>.json`), so it may hold nothing but [a-z0-9-]. */
export const SESSION_ID_PATTERN = /^[a-z0-9-]{6,64}$/
export const SessionIdSchema = z.string().regex(SESSION_ID_PATTERN)

export const SESSION_STATUSES = ['running', 'paused', 'finished'] as const
export const SessionStatusSchema = z.enum(SESSION_STATUSES)
export type SessionStatus = z.infer<typeof SessionStatusSchema>
