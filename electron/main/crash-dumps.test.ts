import { existsSync, statSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CrashReporterStartOptions } from 'electron'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LogFields } from '../core/logging/log-file'
import { setupCrashDumps } from './crash-dumps'

let dataDir = ''
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'roundtable-crash-'))
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

/** Electron's app and crashReporter as far as the setup uses them; setPath throws for a missing folder, as Electron's does. */
function fakes() {
  const calls: string[] = []
  const started: CrashReporterStartOptions[] = []
  const logged: [string, string, LogFields | undefined][] = []
  const app = {
    setPath(name: string, path: string) {
      if (!existsSync(path) || !statSync(path).isDirectory()) throw new Error(`no folder ${path}`)
      calls.push(`setPath ${name} ${path}`)
    },
    getVersion: () => '1.4.0'
  }
  const crashReporter = {
    start(options: CrashReporterStartOptions) {
      calls.push('start')
      started.push(options)
    }
  }
  const log = {
    info: (event: string, fields?: LogFields) => void logged.push(['info', event, fields]),
    warn: (event: string, fields?: LogFields) => void logged.push(['warn', event, fields])
  }
  return { app, crashReporter, log, calls, started, logged }
}

describe('local crash dumps', () => {
  it('go to <data folder>/crashes, made first, and are never uploaded', () => {
    const { app, crashReporter, log, calls, started, logged } = fakes()
    expect(setupCrashDumps(app, crashReporter, dataDir, log)).toBe(join(dataDir, 'crashes'))
    // The folder is set before the reporter starts, so the first dump already lands there.
    expect(calls).toEqual([`setPath crashDumps ${join(dataDir, 'crashes')}`, 'start'])
    expect(started[0]).toMatchObject({ uploadToServer: false, productName: 'Roundtable' })
    expect(started[0]!.globalExtra).toEqual({ roundtableVersion: '1.4.0' })
    expect(logged).toEqual([['info', 'crash-dumps', { folder: 'crashes' }]])
  })

  it('a crash folder that cannot be made leaves crash dumps off and the app starting, and says so in the log', () => {
    writeFileSync(join(dataDir, 'crashes'), 'a file where the folder should be')
    const { app, crashReporter, log, calls, logged } = fakes()
    expect(setupCrashDumps(app, crashReporter, dataDir, log)).toBeNull()
    expect(calls).toEqual([])
    expect(logged).toEqual([['warn', 'crash-dumps-off', { code: 'EEXIST' }]])
  })
})
