import { promises as fs } from 'node:fs'
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { z } from 'zod'
import { afterEach, describe, expect, it } from 'vitest'
import { DataFile } from './data-file'
import type { DurableFs } from './durable-json-file'
import type { StorageIncident } from './incidents'
import { versionedParser } from './versioned'

const Schema = z.object({ schemaVersion: z.literal(1), items: z.array(z.number()) })
type Doc = z.infer<typeof Schema>
const parse = versionedParser(Schema, 1)
const defaults = (): Doc => ({ schemaVersion: 1, items: [0] })

const cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})
async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'roundtable-datafile-'))
  cleanup.push(() => rm(dir, { recursive: true, force: true }))
  return dir
}
function dataFile(path: string, incidents: StorageIncident[], extra: { fs?: DurableFs; retryMs?: number } = {}) {
  const file = new DataFile<Doc>({ path, parse, defaults, onIncident: (i) => incidents.push(i), ...extra })
  cleanup.push(() => file.close())
  return file
}
const onDisk = async (path: string): Promise<Doc> => JSON.parse(await readFile(path, 'utf8')) as Doc
const isTemp = (path: string): boolean => basename(path).startsWith('.') && path.endsWith('.tmp')

/** Waits for a condition, polling; fails after `ms` with `what`. */
async function eventually(what: string, check: () => boolean | Promise<boolean>, ms = 3000): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** The real file system, except that creating the temp file fails with ENOSPC while `full` is set. */
function diskThatFills() {
  const state = { full: false, tempOpens: 0 }
  const layer: DurableFs = {
    ...fs,
    open: (async (p: string, flags: string) => {
      if (isTemp(p)) {
        state.tempOpens++
        if (state.full) {
          throw Object.assign(new Error(`ENOSPC: no space left on device, open '${p}'`), {
            code: 'ENOSPC',
            errno: -28,
            syscall: 'open',
            path: p
          })
        }
      }
      return fs.open(p, flags)
    }) as DurableFs['open']
  }
  return { state, layer }
}

describe('DataFile on a failing disk', () => {
  it('keeps changes in memory, reports once, retries, and saves them when the disk has room again', async () => {
    const dir = await folder()
    const path = join(dir, 'data.json')
    const { state, layer } = diskThatFills()
    const incidents: StorageIncident[] = []
    const data = dataFile(path, incidents, { fs: layer, retryMs: 50 })
    await data.open()
    expect(await data.update((d) => d.items.push(1))).toBe(true)
    expect(data.saving).toBe('ok')

    state.full = true
    expect(await data.update((d) => d.items.push(2))).toBe(false)
    expect(await data.update((d) => d.items.push(3))).toBe(false)
    expect(data.data.items).toEqual([0, 1, 2, 3]) // nothing dropped from memory
    expect(data.saving).toBe('failing')
    // Let the retry run a few times while the disk is still full: still one report only.
    const opensBefore = state.tempOpens
    await eventually('a few retries', () => state.tempOpens >= opensBefore + 3)
    expect(incidents.map((i) => i.kind)).toEqual(['save-failed'])
    expect(incidents[0]).toMatchObject({ kind: 'save-failed', file: path })
    expect(incidents[0]!.reason).toEqual({ key: 'reason.disk-full', params: { code: 'ENOSPC' } })
    // The last durable version is untouched, and no half-written temp file is left.
    expect((await onDisk(path)).items).toEqual([0, 1])
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([])

    state.full = false
    await eventually('save-recovered', () => incidents.some((i) => i.kind === 'save-recovered'))
    expect(incidents.map((i) => i.kind)).toEqual(['save-failed', 'save-recovered'])
    expect(incidents[1]).toMatchObject({ file: path })
    expect((await onDisk(path)).items).toEqual([0, 1, 2, 3])
    expect(data.saving).toBe('ok')

    // Once saving works, the retry stops.
    const opensAfter = state.tempOpens
    await new Promise((r) => setTimeout(r, 250))
    expect(state.tempOpens).toBe(opensAfter)
  })

  it('reports a second failure after a recovery again, once', async () => {
    const path = join(await folder(), 'data.json')
    const { state, layer } = diskThatFills()
    const incidents: StorageIncident[] = []
    const data = dataFile(path, incidents, { fs: layer, retryMs: 60_000 })
    await data.open()
    for (let round = 1; round <= 2; round++) {
      state.full = true
      expect(await data.update((d) => d.items.push(round * 10))).toBe(false)
      expect(await data.update((d) => d.items.push(round * 10 + 1))).toBe(false)
      state.full = false
      // A change by the trainer succeeds before the (slow) retry timer: that is a recovery too.
      expect(await data.update((d) => d.items.push(round * 10 + 2))).toBe(true)
    }
    expect(incidents.map((i) => i.kind)).toEqual(['save-failed', 'save-recovered', 'save-failed', 'save-recovered'])
    expect((await onDisk(path)).items).toEqual([0, 10, 11, 12, 20, 21, 22])
  })

  it('stops retrying when closed', async () => {
    const path = join(await folder(), 'data.json')
    const { state, layer } = diskThatFills()
    const data = dataFile(path, [], { fs: layer, retryMs: 20 })
    await data.open()
    state.full = true
    expect(await data.update((d) => d.items.push(1))).toBe(false)
    await eventually('a retry', () => state.tempOpens >= 2)
    data.close()
    await new Promise((r) => setTimeout(r, 50)) // let a retry already under way finish
    const opens = state.tempOpens
    await new Promise((r) => setTimeout(r, 200))
    expect(state.tempOpens).toBe(opens)
  })

  it('on a read-only folder, reports EACCES and saves after the folder is writable again', async (context) => {
    if (process.getuid?.() === 0) {
      context.skip(
        'running as root: chmod does not stop root from writing; the read-only folder is tested at process level as user nobody in electron/server/browser-host-process.test.ts'
      )
    }
    if (process.platform === 'win32') context.skip('folder permission bits do not apply on Windows')
    const dir = await folder()
    const path = join(dir, 'data.json')
    const incidents: StorageIncident[] = []
    const data = dataFile(path, incidents, { retryMs: 50 })
    await data.open()
    expect(await data.update((d) => d.items.push(1))).toBe(true)
    await chmod(dir, 0o555)
    cleanup.push(() => chmod(dir, 0o755))
    expect(await data.update((d) => d.items.push(2))).toBe(false)
    expect(data.data.items).toEqual([0, 1, 2])
    expect(incidents.filter((i) => i.kind === 'save-failed')).toHaveLength(1)
    expect(incidents[0]!.reason).toEqual({ key: 'reason.no-permission', params: { code: 'EACCES' } })
    await chmod(dir, 0o755)
    await eventually('save-recovered', () => incidents.some((i) => i.kind === 'save-recovered'))
    expect((await onDisk(path)).items).toEqual([0, 1, 2])
  })
})

describe('DataFile on a read-only disk with a damaged file', () => {
  it('opens from the backup, keeps changes in memory, and sorts everything out once the disk is writable', async () => {
    const dir = await folder()
    const path = join(dir, 'data.json')
    const damaged = Buffer.from('\u0000\u0000garbage')
    await writeFile(path, damaged)
    await writeFile(`${path}.bak`, JSON.stringify({ schemaVersion: 1, items: [4] }))
    const disk = { readOnly: true }
    const refuse = (call: string) => {
      if (disk.readOnly) throw Object.assign(new Error(`EACCES: permission denied, ${call}`), { code: 'EACCES' })
    }
    const layer: DurableFs = {
      ...fs,
      open: (async (p: string, flags: string) => (
        flags === 'r' || refuse('open'),
        fs.open(p, flags)
      )) as DurableFs['open'],
      rename: (async (a: string, b: string) => (refuse('rename'), fs.rename(a, b))) as DurableFs['rename'],
      link: (async (a: string, b: string) => (refuse('link'), fs.link(a, b))) as DurableFs['link']
    }
    const incidents: StorageIncident[] = []
    const data = dataFile(path, incidents, { fs: layer, retryMs: 30 })
    await data.open() // must not throw: the app has to start
    expect(data.data.items).toEqual([4])
    expect(await data.update((d) => d.items.push(5))).toBe(false)
    expect(incidents.map((i) => i.kind)).toEqual(['restored-from-backup', 'save-failed'])
    expect(incidents[1]!.reason).toEqual({ key: 'reason.no-permission', params: { code: 'EACCES' } })
    expect(await readFile(path)).toEqual(damaged)

    disk.readOnly = false
    await eventually('save-recovered', () => incidents.some((i) => i.kind === 'save-recovered'))
    expect(incidents.map((i) => i.kind)).toEqual([
      'restored-from-backup',
      'save-failed',
      'quarantined',
      'save-recovered'
    ])
    expect((await onDisk(path)).items).toEqual([4, 5])
    const moved = (await readdir(dir)).find((n) => n.startsWith('data.json.corrupt-'))!
    expect(await readFile(join(dir, moved))).toEqual(damaged)
  })
})

describe('DataFile reading', () => {
  it('opens with the defaults when there is no file yet, and writes nothing until a change', async () => {
    const dir = await folder()
    const incidents: StorageIncident[] = []
    const data = dataFile(join(dir, 'data.json'), incidents)
    await data.open()
    expect(data.data).toEqual(defaults())
    expect(await readdir(dir)).toEqual([])
    expect(incidents).toEqual([])
  })

  it('opens from the backup when the file is damaged', async () => {
    const dir = await folder()
    const path = join(dir, 'data.json')
    await writeFile(path, Buffer.alloc(100))
    await writeFile(`${path}.bak`, JSON.stringify({ schemaVersion: 1, items: [4, 5] }))
    const incidents: StorageIncident[] = []
    const data = dataFile(path, incidents)
    await data.open()
    expect(data.data.items).toEqual([4, 5])
    expect(incidents.map((i) => i.kind)).toEqual(['quarantined', 'restored-from-backup'])
  })

  it('never overwrites a file from a newer version, however often a change is saved', async () => {
    const dir = await folder()
    const path = join(dir, 'data.json')
    const future = JSON.stringify({ schemaVersion: 2, items: [1, 2, 3], more: 'stuff' })
    await writeFile(path, future)
    const incidents: StorageIncident[] = []
    const data = dataFile(path, incidents, { retryMs: 20 })
    await data.open()
    expect(data.data).toEqual(defaults())
    expect(await data.update((d) => d.items.push(9))).toBe(false)
    await new Promise((r) => setTimeout(r, 100)) // several retries
    expect(incidents.map((i) => i.kind)).toEqual(['newer-version', 'save-failed'])
    expect(incidents[1]!.reason?.key).toBe('reason.newer-data')
    expect(await readFile(path, 'utf8')).toBe(future)
    expect((await readdir(dir)).sort()).toEqual(['data.json'])
  })
})
