import { promises as fs } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { expectDurableOrdering, recordingFs, type FsEvent } from '../../testing/recording-fs'
import { writeFileDurably } from './durable-write'

const folders: string[] = []
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})
async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'roundtable-durable-write-'))
  folders.push(dir)
  return dir
}

describe('writeFileDurably', () => {
  it('writes the temp, fsyncs it, renames it over the file, then fsyncs the folder', async () => {
    const path = join(await folder(), 'notes.txt')
    const events: FsEvent[] = []
    await writeFileDurably(recordingFs(events), path, 'first')
    events.push({ op: 'resolved', write: 1 })
    await writeFileDurably(recordingFs(events), path, 'second')
    events.push({ op: 'resolved', write: 2 })
    expectDurableOrdering(events, path, (content, write) => content === ['first', 'second'][write - 1])
    expect(await readFile(path, 'utf8')).toBe('second')
  })

  it('runs the before-replace step after the temp is durable and before the rename', async () => {
    const path = join(await folder(), 'data.json')
    const events: FsEvent[] = []
    const order: string[] = []
    await writeFileDurably(recordingFs(events), path, '{}', {
      beforeReplace: async () => void order.push(events.map((e) => e.op).join(' '))
    })
    expect(order).toEqual(['open writeFile sync close'])
  })

  it('leaves the old file and no temp behind when the rename fails', async () => {
    const dir = await folder()
    const path = join(dir, 'kept.txt')
    await writeFile(path, 'old')
    const failing = { ...fs, rename: async () => Promise.reject(Object.assign(new Error('full'), { code: 'ENOSPC' })) }
    await expect(writeFileDurably(failing, path, 'new')).rejects.toThrow('full')
    expect(await readFile(path, 'utf8')).toBe('old')
    expect(await readdir(dir)).toEqual(['kept.txt'])
  })
})

describe('writeFileDurably on a Windows laptop with antivirus', () => {
  /** Node's fs, except that the first `refusals` renames fail with `code`, as a file held by a scanner does. */
  function refusingRenames(code: string, refusals: number): typeof fs & { attempts: number } {
    const layer = {
      ...fs,
      attempts: 0,
      rename: async (from: Parameters<typeof fs.rename>[0], to: Parameters<typeof fs.rename>[1]) => {
        layer.attempts++
        if (layer.attempts <= refusals) throw Object.assign(new Error(`${code}: operation not permitted`), { code })
        return fs.rename(from, to)
      }
    }
    return layer
  }
  const quick = { renameRetryDelaysMs: [1, 1, 1, 1] }

  it.each(['EPERM', 'EBUSY', 'EACCES'])(
    'tries a refused rename (%s) again and saves, leaving no temp',
    async (code) => {
      const dir = await folder()
      const path = join(dir, 'data.json')
      await writeFile(path, 'old')
      const layer = refusingRenames(code, 3)
      await writeFileDurably(layer, path, 'new', quick)
      expect(layer.attempts).toBe(4)
      expect(await readFile(path, 'utf8')).toBe('new')
      expect(await readdir(dir)).toEqual(['data.json'])
    }
  )

  it('gives up after the last try: the old file stays, the temp goes, and the caller hears the reason', async () => {
    const dir = await folder()
    const path = join(dir, 'data.json')
    await writeFile(path, 'old')
    const layer = refusingRenames('EPERM', 100)
    await expect(writeFileDurably(layer, path, 'new', quick)).rejects.toMatchObject({ code: 'EPERM' })
    expect(layer.attempts).toBe(5)
    expect(await readFile(path, 'utf8')).toBe('old')
    expect(await readdir(dir)).toEqual(['data.json'])
  })

  it('does not retry what waiting cannot fix (a full disk)', async () => {
    const dir = await folder()
    const layer = refusingRenames('ENOSPC', 100)
    await expect(writeFileDurably(layer, join(dir, 'data.json'), 'new', quick)).rejects.toMatchObject({
      code: 'ENOSPC'
    })
    expect(layer.attempts).toBe(1)
  })
})
