import { basename } from 'node:path'
import type { ApiEvent } from '../api/contract'
import type { ApiHandlers } from '../api/dispatch'
import { ApiError } from '../api/dispatch'
import type { StorageIncident } from '../storage/incidents'
import type { AppLog } from './log-file'

/**
 * What the core writes to the log: storage incidents, session status changes, the phones' server
 * going on and off, and requests that failed unexpectedly. Only ids, kinds, codes, file names and the
 * laptop's own address: never an answer, a name, a device key, a join code or a token.
 */

export function logIncident(log: AppLog, incident: StorageIncident): void {
  const level = incident.kind === 'save-recovered' || incident.kind === 'index-rebuilt' ? 'info' : 'warn'
  log[level]('storage', {
    kind: incident.kind,
    file: basename(incident.file),
    reason: incident.reason?.key,
    code: typeof incident.reason?.params?.code === 'string' ? incident.reason.params.code : undefined
  })
}

/** Follows the core's events; returns a listener for `subscribe`. */
export function coreEventLogger(log: AppLog): (event: ApiEvent) => void {
  const statuses = new Map<string, string>()
  let phonesRunning = false
  return (event) => {
    if (event.type === 'session' && statuses.get(event.live.id) !== event.live.status) {
      statuses.set(event.live.id, event.live.status)
      log.info('session', { id: event.live.id, status: event.live.status })
    } else if (event.type === 'participants' && event.status.running !== phonesRunning) {
      phonesRunning = event.status.running
      log.info(phonesRunning ? 'phones-on' : 'phones-off', { address: event.status.address ?? undefined })
    }
  }
}

/**
 * Every handler, logging what it throws unexpectedly (a bug, a disk error) by method, error name and
 * code; the message only for system errors (their text names a file, never what a person wrote).
 * Refusals the trainer is meant to see (ApiError) are not errors of the app and are not logged.
 */
export function withErrorLog(handlers: ApiHandlers, log: AppLog): ApiHandlers {
  const wrapped: Record<string, (args: never) => Promise<unknown>> = {}
  for (const [method, handler] of Object.entries(handlers) as [string, (args: never) => Promise<unknown>][]) {
    wrapped[method] = async (args) => {
      try {
        return await handler(args)
      } catch (error) {
        if (!(error instanceof ApiError)) {
          const code = (error as NodeJS.ErrnoException | undefined)?.code
          log.error('request-failed', {
            method,
            error: error instanceof Error ? error.name : typeof error,
            code: typeof code === 'string' ? code : undefined,
            message: typeof code === 'string' && error instanceof Error ? error.message : undefined
          })
        }
        throw error
      }
    }
  }
  return wrapped as unknown as ApiHandlers
}
