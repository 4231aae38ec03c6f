import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { AppCoreOptions } from '../core/app-context'
import type { ApiReply } from '../core/api/contract'
import { dispatch, type ApiHandlers } from '../core/api/dispatch'
import type { SessionDetails } from '../shared/sessions/model'

/** The bundled workshop packages, as the app ships them. */
export const BUNDLED_WORKSHOPS = resolve(__dirname, '../../workshops')
/** The app's font files (resources/fonts), embedded in exported HTML. */
export const BUNDLED_FONTS = resolve(__dirname, '../../resources/fonts')

/** Options of a real core over the bundled workshops and a fresh temp data folder (`prefix` names the folder). */
export async function bundledCoreOptions(prefix: string): Promise<AppCoreOptions> {
  const dataDir = await mkdtemp(join(tmpdir(), `roundtable-${prefix}-`))
  return { dataDir, workshopsDir: BUNDLED_WORKSHOPS, fontsDir: BUNDLED_FONTS, host: 'browser', version: '0.0.0-test' }
}

/** A session's details as the start form sends them; tests change what they care about. */
export function sessionDetails(changes: Partial<SessionDetails> = {}): SessionDetails {
  return { venue: 'Hội trường', date: '2026-12-03', trainer: 'Lan', language: 'vi', plannedStart: '08:00', ...changes }
}

/** Calls the core's API as a host does (through `dispatch`), returning the result or throwing its message. */
export function coreCaller(handlers: ApiHandlers) {
  return async <T>(method: string, args: unknown): Promise<T> => {
    const reply: ApiReply = await dispatch(handlers, method, args)
    if (!reply.ok) throw new Error(reply.error.message)
    return reply.result as T
  }
}
