import { describe, expect, it } from 'vitest'
import type { ApiEvent } from '../api/contract'
import { ApiError, type ApiHandlers } from '../api/dispatch'
import { userMessage } from '../../shared/i18n/user-message'
import { coreEventLogger, logIncident, withErrorLog } from './core-log'
import type { AppLog, LogFields, LogLevel } from './log-file'

/** A log that keeps its lines in memory, as the level, the event and the fields. */
function memoryLog(): AppLog & { lines: [LogLevel, string, LogFields][] } {
  const lines: [LogLevel, string, LogFields][] = []
  return {
    lines,
    dir: '/data/logs',
    dropped: 0,
    info: (event, fields = {}) => void lines.push(['info', event, fields]),
    warn: (event, fields = {}) => void lines.push(['warn', event, fields]),
    error: (event, fields = {}) => void lines.push(['error', event, fields])
  }
}

describe('what the core logs', () => {
  it('a request that fails unexpectedly: method, error name and code; the message only for system errors', async () => {
    const log = memoryLog()
    const diskError = Object.assign(new Error("EIO: i/o error, open '/data/sessions/a.json'"), { code: 'EIO' })
    const handlers = withErrorLog(
      {
        'session.export': async () => {
          throw diskError
        },
        'session.get': async () => {
          throw new TypeError('cannot read "Con tôi bị bắt nạt" of undefined')
        },
        'session.command': async () => {
          throw new ApiError('failed', userMessage('error.print-invalid'))
        },
        'library.list': async () => []
      } as unknown as ApiHandlers,
      log
    )
    const call = (method: string): Promise<unknown> =>
      (handlers as unknown as Record<string, () => Promise<unknown>>)[method]!()
    await expect(call('session.export')).rejects.toBe(diskError)
    await expect(call('session.get')).rejects.toThrow(TypeError)
    await expect(call('session.command')).rejects.toThrow(ApiError)
    await expect(call('library.list')).resolves.toEqual([])
    expect(log.lines).toEqual([
      [
        'error',
        'request-failed',
        {
          method: 'session.export',
          error: 'Error',
          code: 'EIO',
          message: "EIO: i/o error, open '/data/sessions/a.json'"
        }
      ],
      ['error', 'request-failed', { method: 'session.get', error: 'TypeError', code: undefined, message: undefined }]
    ])
  })

  it('storage incidents by kind, file name and reason key', () => {
    const log = memoryLog()
    logIncident(log, {
      kind: 'save-failed',
      file: '/home/lan/.config/Roundtable/sessions/2026-12-03-abcd.json',
      reason: userMessage('reason.disk-full', { code: 'ENOSPC' })
    })
    logIncident(log, { kind: 'save-recovered', file: '/data/library.json' })
    expect(log.lines).toEqual([
      [
        'warn',
        'storage',
        { kind: 'save-failed', file: '2026-12-03-abcd.json', reason: 'reason.disk-full', code: 'ENOSPC' }
      ],
      ['info', 'storage', { kind: 'save-recovered', file: 'library.json', reason: undefined, code: undefined }]
    ])
  })

  it('session status changes once each, and phones on and off with the laptop address only (no code, no URL)', () => {
    const log = memoryLog()
    const listen = coreEventLogger(log)
    const session = (status: string): ApiEvent => ({ type: 'session', live: { id: 's-1', status } }) as never
    const phones = (running: boolean): ApiEvent =>
      ({
        type: 'participants',
        status: { running, address: running ? '192.168.1.20' : null, url: 'http://192.168.1.20:5000/', code: '4821' }
      }) as never
    for (const event of [
      session('running'),
      session('running'),
      phones(true),
      phones(true),
      session('paused'),
      phones(false)
    ])
      listen(event)
    expect(log.lines).toEqual([
      ['info', 'session', { id: 's-1', status: 'running' }],
      ['info', 'phones-on', { address: '192.168.1.20' }],
      ['info', 'session', { id: 's-1', status: 'paused' }],
      ['info', 'phones-off', { address: undefined }]
    ])
    expect(JSON.stringify(log.lines)).not.toContain('4821')
  })
})
