import { promises as fs } from 'node:fs'
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { DataFile } from './data-file'
import { DurableJsonFile, type DurableFs } from './durable-json-file'
import type { StorageIncident } from './incidents'
import { versionedParser } from './versioned'

const Schema = z.object({ schemaVersion: z.literal(2), items: z.array(z.number()), name: z.string() })
type Doc = z.infer<typeof Schema>
const parse = versionedParser(Schema, 2, { 1: (old) => ({ ...old, name: String(old.title ?? 'untitled') }) })

async function folder(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'roundtable-store-'))
}

function adapter(path: string, incidents: StorageIncident[] = [], fsLayer?: DurableFs) {
  return new DurableJsonFile<Doc>({ path, parse, onIncident: (i) => incidents.push(i), fs: fsLayer })
}

const good = (n: number): Doc => ({ schemaVersion: 2, items: [n], name: `v${n}` })

/** Records the order of durability-relevant calls made through the real file system. */
function tracingFs(trace: string[]): DurableFs {
  return {
    ...fs,
    open: (async (path: string, flags: string) => {
      const handle = await fs.open(path, flags)
      const sync = handle.sync.bind(handle)
      handle.sync = async () => {
        trace.push(`sync ${path.endsWith('.tmp') ? 'temp' : 'folder'}`)
        return sync()
      }
      return handle
    }) as DurableFs['open'],
    rename: (async (from: string, to: string) => {
      trace.push(`rename ${from.endsWith('.tmp') && !from.includes('.bak.') ? 'temp->file' : 'backup'}`)
      return fs.rename(from, to)
    }) as DurableFs['rename']
  }
}

describe('DurableJsonFile (lowdb adapter)', () => {
  it('writes, reads back, and keeps the previous version as .bak', async () => {
    const path = join(await folder(), 'data.json')
    const file = adapter(path)
    await file.write(good(1))
    await file.write(good(2))
    expect(await file.read()).toEqual(good(2))
    expect(JSON.parse(await readFile(`${path}.bak`, 'utf8'))).toEqual(good(1))
  })

  it('fsyncs the temp file before the rename and the folder after it, before acknowledging', async () => {
    const path = join(await folder(), 'data.json')
    const trace: string[] = []
    const file = adapter(path, [], tracingFs(trace))
    await file.write(good(1))
    trace.push('acknowledged')
    expect(trace).toEqual(['sync temp', 'rename temp->file', 'sync folder', 'acknowledged'])
  })

  it('folds a burst of writes into few disk writes, and every caller sees its data durable', async () => {
    const path = join(await folder(), 'data.json')
    const trace: string[] = []
    const file = adapter(path, [], tracingFs(trace))
    const doc = good(0)
    const writes = Array.from({ length: 100 }, (_, i) => {
      doc.items.push(i)
      return file.write(doc)
    })
    await Promise.all(writes)
    expect(JSON.parse(await readFile(path, 'utf8')).items).toHaveLength(101)
    expect(trace.filter((t) => t === 'sync temp').length).toBeLessThan(10)
  })

  const corruptions: [string, Buffer][] = [
    ['truncated', Buffer.from(JSON.stringify(good(9)).slice(0, 15))],
    ['zero-filled', Buffer.alloc(200)],
    ['garbage', Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x7b, 0x22])],
    ['empty', Buffer.alloc(0)],
    ['wrong schema', Buffer.from(JSON.stringify({ schemaVersion: 2, items: 'not a list', name: 1 }))]
  ]
  describe.each(corruptions)('a %s file', (_name, bytes) => {
    it('is moved aside untouched, reported, and the backup is used and written back', async () => {
      const dir = await folder()
      const path = join(dir, 'data.json')
      await writeFile(`${path}.bak`, JSON.stringify(good(7)))
      await writeFile(path, bytes)
      const incidents: StorageIncident[] = []
      const file = adapter(path, incidents)
      expect(await file.read()).toEqual(good(7))
      const moved = (await readdir(dir)).find((n) => n.startsWith('data.json.corrupt-'))
      expect(moved).toBeDefined()
      expect(await readFile(join(dir, moved!))).toEqual(bytes)
      expect(incidents.map((i) => i.kind)).toEqual(['quarantined', 'restored-from-backup'])
      expect(incidents[0]!.detail).toBeTruthy()
      expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(good(7))
    })
  })

  it('starts empty, and says so, when the file and its backup are both bad', async () => {
    const dir = await folder()
    const path = join(dir, 'data.json')
    await writeFile(path, 'garbage')
    await writeFile(`${path}.bak`, 'also garbage')
    const incidents: StorageIncident[] = []
    expect(await adapter(path, incidents).read()).toBeNull()
    expect(incidents.map((i) => i.kind)).toEqual(['quarantined', 'quarantined', 'started-empty'])
    expect((await readdir(dir)).filter((n) => n.includes('.corrupt-'))).toHaveLength(2)
  })

  it('uses the backup when a crash left only it (between renames)', async () => {
    const path = join(await folder(), 'data.json')
    await writeFile(`${path}.bak`, JSON.stringify(good(3)))
    expect(await adapter(path).read()).toEqual(good(3))
  })

  it('leaves a file from a newer version untouched and refuses to overwrite it', async () => {
    const path = join(await folder(), 'data.json')
    const future = JSON.stringify({ schemaVersion: 9, whatever: true })
    await writeFile(path, future)
    const incidents: StorageIncident[] = []
    const file = adapter(path, incidents)
    expect(await file.read()).toBeNull()
    expect(incidents.map((i) => i.kind)).toEqual(['newer-version'])
    await expect(file.write(good(1))).rejects.toThrow(/newer version/)
    expect(await readFile(path, 'utf8')).toBe(future)
  })

  it('migrates a file from an older version', async () => {
    const path = join(await folder(), 'data.json')
    await writeFile(path, JSON.stringify({ schemaVersion: 1, items: [1], title: 'cũ' }))
    expect(await adapter(path).read()).toEqual({ schemaVersion: 2, items: [1], name: 'cũ' })
  })
})

describe('DataFile on a failing disk', () => {
  it('keeps changes in memory, reports once, and saves when the disk works again', async () => {
    const path = join(await folder(), 'data.json')
    let full = false
    const diskFull: DurableFs = {
      ...fs,
      open: (async (p: string, flags: string) => {
        if (full && flags === 'w') throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
        return fs.open(p, flags)
      }) as DurableFs['open']
    }
    const incidents: StorageIncident[] = []
    const data = new DataFile<Doc>({
      path,
      parse,
      defaults: () => good(0),
      onIncident: (i) => incidents.push(i),
      fs: diskFull,
      retryMs: 30
    })
    await data.open()
    expect(await data.update((d) => d.items.push(1))).toBe(true)
    full = true
    expect(await data.update((d) => d.items.push(2))).toBe(false)
    expect(await data.update((d) => d.items.push(3))).toBe(false)
    expect(data.data.items).toEqual([0, 1, 2, 3])
    expect(incidents.filter((i) => i.kind === 'save-failed')).toHaveLength(1)
    expect(incidents[0]!.detail).toContain('ENOSPC')
    full = false
    await new Promise((r) => setTimeout(r, 200))
    expect(incidents.at(-1)!.kind).toBe('save-recovered')
    expect(JSON.parse(await readFile(path, 'utf8')).items).toEqual([0, 1, 2, 3])
    data.close()
  })
})
