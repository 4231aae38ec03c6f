import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { captureConsole, clean, LOG_FILE, LogFile } from './log-file'

let dataDir = ''
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'roundtable-log-'))
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

const logPath = (suffix = ''): string => join(dataDir, 'logs', `${LOG_FILE}${suffix}`)
const linesOf = (suffix = ''): string[] => readFileSync(logPath(suffix), 'utf8').trimEnd().split('\n')

describe('the local log file', () => {
  it('writes one line per event in <data folder>/logs/roundtable.log, with time, level and fields', () => {
    const log = new LogFile({ dataDir, now: () => new Date('2026-12-03T08:00:00.000Z') })
    log.info('start', { host: 'electron', version: '1.2.3' })
    log.error('request-failed', { method: 'session.export', message: 'EIO: i/o error\n    at read (fs.js:1)' })
    expect(log.dir).toBe(join(dataDir, 'logs'))
    expect(linesOf()).toEqual([
      '2026-12-03T08:00:00.000Z INFO start host=electron version=1.2.3',
      '2026-12-03T08:00:00.000Z ERROR request-failed method=session.export message="EIO: i/o error at read (fs.js:1)"'
    ])
  })

  it('rotates at the size limit, keeping three files: roundtable.log, .1 and .2, the oldest dropped', () => {
    const log = new LogFile({ dataDir, maxBytes: 300 })
    for (let n = 0; n < 40; n++) log.info('line', { n })
    const files = readdirSync(join(dataDir, 'logs')).sort()
    expect(files).toEqual([LOG_FILE, `${LOG_FILE}.1`, `${LOG_FILE}.2`])
    for (const file of files) expect(statSync(join(dataDir, 'logs', file)).size).toBeLessThanOrEqual(300)
    // Oldest to newest across the files, without gaps: .2, then .1, then the current file.
    const numbers = [...linesOf('.2'), ...linesOf('.1'), ...linesOf()].map((line) => Number(/ n=(\d+)$/.exec(line)![1]))
    expect(numbers.at(-1)).toBe(39)
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i))
    expect(numbers[0]).toBeGreaterThan(0) // the first lines went with the oldest file
    expect(log.dropped).toBe(0)
  })

  it('carries on after a restart: the size already on disk counts toward the limit', () => {
    writeFileSync(join(dataDir, 'x'), '')
    const first = new LogFile({ dataDir, maxBytes: 200 })
    for (let n = 0; n < 3; n++) first.info('before', { n })
    const again = new LogFile({ dataDir, maxBytes: 200 })
    for (let n = 0; n < 3; n++) again.info('after', { n })
    expect(existsSync(logPath('.1'))).toBe(true)
    expect(statSync(logPath()).size).toBeLessThanOrEqual(200)
  })

  it('never throws when it cannot write (logs is a file, not a folder): lines are dropped and counted, then reported', () => {
    writeFileSync(join(dataDir, 'logs'), 'not a folder')
    const log = new LogFile({ dataDir })
    expect(() => {
      log.info('start')
      log.error('something', { code: 'EIO' })
    }).not.toThrow()
    expect(log.dropped).toBe(2)
    rmSync(join(dataDir, 'logs'))
    log.info('later')
    const lines = linesOf()
    expect(lines[0]).toMatch(/ INFO later$/)
    expect(lines[1]).toMatch(/ WARN log-lines-dropped count=2$/)
    expect(log.dropped).toBe(2)
  })

  it('keeps each event on one line and blanks access tokens', () => {
    expect(clean('first\nsecond\r\n\tthird \u001b[31mred\u001b[0m')).toBe('first second third [31mred [0m')
    expect(clean('open http://127.0.0.1:5000/#token=abcDEF123_-xyz now')).toBe(
      'open http://127.0.0.1:5000/#token=… now'
    )
    expect(clean('x'.repeat(5000))).toHaveLength(2001)
  })

  it('copies console.error and console.warn into the log, still printing them', () => {
    const printed: unknown[][] = []
    const fakeConsole = {
      error: (...args: unknown[]) => void printed.push(['error', ...args]),
      warn: (...args: unknown[]) => void printed.push(['warn', ...args])
    }
    const log = new LogFile({ dataDir })
    const restore = captureConsole(log, fakeConsole)
    fakeConsole.error('Roundtable: closing the core failed', new Error('EBUSY: resource busy'))
    fakeConsole.warn('Roundtable: blocked a request to %s', 'https://example.org/')
    restore()
    fakeConsole.warn('not logged')
    expect(printed.map((p) => p[0])).toEqual(['error', 'warn', 'warn'])
    const lines = linesOf()
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/ ERROR console text="Roundtable: closing the core failed Error: EBUSY: resource busy/)
    expect(lines[1]).toMatch(/ WARN console text="Roundtable: blocked a request to https:\/\/example.org\/"$/)
  })
})
