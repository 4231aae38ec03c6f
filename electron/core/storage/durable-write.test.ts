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
