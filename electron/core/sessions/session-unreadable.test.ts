import { promises as fs } from 'node:fs'
import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { bundledCoreOptions, sessionDetails } from '../../testing/bundled-core'
import { createAppCore } from '../app-core'
import type { DurableFs } from '../storage/durable-json-file'

const folders: string[] = []
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

/** Node's fs, except that while `refusing.on`, reading a session file fails as a full descriptor table does. */
function refusingSessionReads(refusing: { on: boolean }): DurableFs {
  const readFile = ((path: Parameters<typeof fs.readFile>[0], options: Parameters<typeof fs.readFile>[1]) =>
    refusing.on && /sessions[\\/][^\\/]+\.json/.test(String(path))
      ? Promise.reject(Object.assign(new Error('EMFILE: too many open files'), { code: 'EMFILE' }))
      : fs.readFile(path, options)) as typeof fs.readFile
  return { ...fs, readFile }
}

describe('a session file the system will not let us read for a while', () => {
  it('is reported as unreadable, never moved aside, and opens as soon as the system lets it', async () => {
    const options = await bundledCoreOptions('unreadable')
    folders.push(options.dataDir)
    const dataDir = options.dataDir
    const first = await createAppCore(options)
    const started = await first.handlers['session.start']({
      workshopId: 'conference-briefing',
      details: sessionDetails()
    })
    await first.handlers['session.command']({ id: started.id, command: { type: 'next' } })
    await first.close()

    const refusing = { on: true }
    const core = await createAppCore({ ...options, fs: refusingSessionReads(refusing) })
    await expect(core.handlers['session.get']({ id: started.id })).rejects.toMatchObject({
      reason: { key: 'error.file-unreadable', params: { code: 'EMFILE' } }
    })
    const files = await readdir(join(dataDir, 'sessions'))
    expect(files.filter((name) => name.includes('.corrupt-'))).toEqual([])
    expect((await core.handlers['session.list']({})).map((s) => s.id)).toContain(started.id)

    refusing.on = false
    const session = await core.handlers['session.get']({ id: started.id })
    expect(session.position.slide).toBe(1)
    await core.close()
  }, 30_000)
})
