import { promises as fs } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { Low } from 'lowdb'
import { z } from 'zod'
import { afterEach, describe, expect, it } from 'vitest'
import { DurableJsonFile, removeLeftoverTempFiles, type DurableFs } from './durable-json-file'
import { expectDurableOrdering, isTemp, recordingFs, type FsEvent } from '../../testing/recording-fs'
import { NewerSchemaError, type StorageIncident } from './incidents'
import { versionedParser } from './versioned'

// A test schema at version 2; version 1 files had `title` where version 2 has `name`.
const Schema = z.object({ schemaVersion: z.literal(2), items: z.array(z.number()), name: z.string() })
type Doc = z.infer<typeof Schema>
const parse = versionedParser(Schema, 2, { 1: (old) => ({ ...old, name: String(old.title ?? 'untitled') }) })
const good = (n: number): Doc => ({ schemaVersion: 2, items: [n], name: `v${n}` })

const folders: string[] = []
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})
async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'roundtable-durable-'))
  folders.push(dir)
  return dir
}

function adapter(path: string, incidents: StorageIncident[] = [], fsLayer?: DurableFs, now?: () => Date) {
  return new DurableJsonFile<Doc>({ path, parse, onIncident: (i) => incidents.push(i), fs: fsLayer, now })
}

const leftovers = async (dir: string): Promise<string[]> => (await readdir(dir)).filter((n) => n.endsWith('.tmp'))
/** Commits carry a number; a write is durable once a commit with that number or a later one is. */
const carriesAtLeast = (content: string, write: number): boolean => (JSON.parse(content) as Doc).items[0]! >= write

describe('DurableJsonFile: writing', () => {
  it('round-trips data and reports nothing for a missing file', async () => {
    const path = join(await folder(), 'data.json')
    const incidents: StorageIncident[] = []
    const file = adapter(path, incidents)
    expect(await file.read()).toBeNull()
    await file.write(good(1))
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(good(1))
    expect(await adapter(path, incidents).read()).toEqual(good(1))
    expect(incidents).toEqual([])
  })

  it('keeps the previous version as .bak after each write', async () => {
    const dir = await folder()
    const path = join(dir, 'data.json')
    const file = adapter(path)
    await file.write(good(1))
    // The first write has nothing to keep.
    expect((await readdir(dir)).sort()).toEqual(['data.json'])
    await file.write(good(2))
    expect(JSON.parse(await readFile(`${path}.bak`, 'utf8'))).toEqual(good(1))
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(good(2))
    await file.write(good(3))
    expect(JSON.parse(await readFile(`${path}.bak`, 'utf8'))).toEqual(good(2))
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(good(3))
    // No temp or staging files are left behind.
    expect((await readdir(dir)).sort()).toEqual(['data.json', 'data.json.bak'])
  })

  it('replaces a backup staging file an interrupted save left behind, and makes a removed folder again', async () => {
    const dir = await folder()
    const path = join(dir, 'data.json')
    const file = adapter(path)
    await file.write(good(1))
    await writeFile(`${path}.bak.${process.pid}.tmp`, 'left over')
    await file.write(good(2))
    expect(JSON.parse(await readFile(`${path}.bak`, 'utf8'))).toEqual(good(1))
    expect((await readdir(dir)).sort()).toEqual(['data.json', 'data.json.bak'])
    // The folder is made once; when it disappears, the failed save makes it again on the next one.
    await rm(dir, { recursive: true })
    await expect(file.write(good(3))).rejects.toThrow(/ENOENT/)
    await file.write(good(4))
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(good(4))
  })

  it('works as lowdb’s adapter', async () => {
    const path = join(await folder(), 'data.json')
    const db = new Low<Doc>(adapter(path), good(0))
    await db.read()
    expect(db.data).toEqual(good(0))
    await db.update((d) => d.items.push(5))
    const again = new Low<Doc>(adapter(path), good(0))
    await again.read()
    expect(again.data.items).toEqual([0, 5])
  })

  it('ends 100 un-awaited writes with the last data on disk, every promise resolved, in few disk writes', async () => {
    const dir = await folder()
    const path = join(dir, 'data.json')
    const events: FsEvent[] = []
    const file = adapter(path, [], recordingFs(events))
    const writes = Array.from({ length: 100 }, (_, i) =>
      file.write(good(i)).then(() => {
        events.push({ op: 'resolved', write: i })
      })
    )
    const settled = await Promise.allSettled(writes)
    expect(settled.every((s) => s.status === 'fulfilled')).toBe(true)
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(good(99))
    const commits = events.filter((e) => e.op === 'rename' && e.to === path)
    expect(commits.length).toBeGreaterThanOrEqual(1)
    expect(commits.length).toBeLessThan(10) // group commit: one disk write serves many callers
    expectDurableOrdering(events, path, carriesAtLeast)
    expect(await leftovers(dir)).toEqual([])
  })

  it('acknowledges writes spread over time only after their own data is durable', async () => {
    const dir = await folder()
    const path = join(dir, 'data.json')
    const events: FsEvent[] = []
    const file = adapter(path, [], recordingFs(events))
    const writes: Promise<void>[] = []
    for (let i = 0; i < 100; i++) {
      writes.push(file.write(good(i)).then(() => void events.push({ op: 'resolved', write: i })))
      // Let some writes start while others are still arriving.
      if (i % 7 === 0) await new Promise((r) => setImmediate(r))
    }
    await Promise.all(writes)
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(good(99))
    expect(JSON.parse(await readFile(`${path}.bak`, 'utf8')).items[0]).toBeLessThan(99)
    expect(events.filter((e) => e.op === 'resolved')).toHaveLength(100)
    expectDurableOrdering(events, path, carriesAtLeast)
  })

  it('fsyncs the temp file before the rename and the folder after it, before each write resolves', async () => {
    const dir = await folder()
    const path = join(dir, 'data.json')
    const events: FsEvent[] = []
    const file = adapter(path, [], recordingFs(events))
    for (let i = 1; i <= 3; i++) {
      await file.write(good(i))
      events.push({ op: 'resolved', write: i })
    }
    expectDurableOrdering(events, path, carriesAtLeast)
    // The exact sequence of one write that replaces an existing file.
    const last = events.slice(events.findLastIndex((e) => e.op === 'open' && isTemp(e.path)))
    const label = (e: FsEvent): string => {
      if (e.op === 'resolved') return 'resolved'
      if (e.op === 'rename' || e.op === 'link' || e.op === 'copyFile') {
        const name = (p: string) =>
          isTemp(p) ? 'temp' : p === path ? 'file' : p === `${path}.bak` ? 'bak' : p === dir ? 'folder' : 'staging'
        return `${e.op} ${name(e.from)}->${name(e.to)}`
      }
      const p = (e as { path: string }).path
      return `${e.op} ${isTemp(p) ? 'temp' : p === dir ? 'folder' : p}`
    }
    expect(last.map(label)).toEqual([
      'open temp',
      'writeFile temp',
      'sync temp',
      'close temp',
      'link file->staging',
      'rename staging->bak',
      'rename temp->file',
      'open folder',
      'sync folder',
      'close folder',
      'resolved'
    ])
  })

  it.each([
    ['looks at the source first (Linux vfat: ENOENT for a missing file)', true],
    ['refuses any link outright', false]
  ])('falls back to copying when the file system has no hard links and %s', async (_name, checksSource) => {
    const dir = await folder()
    const path = join(dir, 'data.json')
    const noLinks: DurableFs = {
      ...fs,
      link: (async (from: string) => {
        if (checksSource) await fs.stat(from) // throws ENOENT like the kernel does
        throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' })
      }) as DurableFs['link']
    }
    const file = adapter(path, [], noLinks)
    await file.write(good(1))
    await file.write(good(2))
    expect(JSON.parse(await readFile(`${path}.bak`, 'utf8'))).toEqual(good(1))
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(good(2))
    expect((await readdir(dir)).sort()).toEqual(['data.json', 'data.json.bak'])
  })

  it('rejects a write the disk refuses, leaves the previous file and no temp file, and keeps working', async () => {
    const dir = await folder()
    const path = join(dir, 'data.json')
    let full = false
    const flaky: DurableFs = {
      ...fs,
      open: (async (p: string, flags: string) => {
        const handle = await fs.open(p, flags)
        if (isTemp(p)) {
          const original = handle.writeFile.bind(handle)
          handle.writeFile = (async (...args: Parameters<typeof handle.writeFile>) => {
            if (full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
            return original(...args)
          }) as typeof handle.writeFile
        }
        return handle
      }) as DurableFs['open']
    }
    const file = adapter(path, [], flaky)
    await file.write(good(1))
    await file.write(good(2))
    full = true
    await expect(file.write(good(3))).rejects.toMatchObject({ code: 'ENOSPC' })
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(good(2))
    expect(JSON.parse(await readFile(`${path}.bak`, 'utf8'))).toEqual(good(1))
    expect(await leftovers(dir)).toEqual([])
    full = false
    await file.write(good(4))
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(good(4))
  })

  it('does not let one failed disk write block the writes queued behind it', async () => {
    const path = join(await folder(), 'data.json')
    let failures = 1
    const onceFull: DurableFs = {
      ...fs,
      open: (async (p: string, flags: string) => {
        if (isTemp(p) && failures-- > 0)
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
        return fs.open(p, flags)
      }) as DurableFs['open']
    }
    const file = adapter(path, [], onceFull)
    const settled = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => file.write(good(n))))
    expect(settled[0]!.status).toBe('rejected')
    expect(settled.at(-1)!.status).toBe('fulfilled')
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(good(5))
  })
})

describe('DurableJsonFile: damaged files', () => {
  // Each reason is a catalogue key (shown in the UI language) with its technical detail as parameters.
  const corruptions: { name: string; bytes: Buffer; reason: object }[] = [
    {
      name: 'truncated',
      bytes: Buffer.from(JSON.stringify(good(9)).slice(0, 15)),
      reason: { key: 'reason.json-invalid-at', params: { line: 1, column: 16 } }
    },
    { name: 'zero-filled', bytes: Buffer.alloc(200), reason: { key: 'reason.zero-bytes' } },
    {
      name: 'garbage',
      bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xde, 0xad, 0xbe, 0xef, 0x7b, 0x22, 0xff]),
      reason: { key: expect.stringMatching(/^reason\.json-invalid/) }
    },
    { name: 'empty', bytes: Buffer.alloc(0), reason: { key: 'reason.empty-file' } },
    { name: 'whitespace-only', bytes: Buffer.from('  \n\t\n'), reason: { key: 'reason.empty-file' } },
    {
      name: 'valid JSON with the wrong schema',
      bytes: Buffer.from(JSON.stringify({ schemaVersion: 2, items: 'not a list', name: 1 })),
      reason: { key: 'reason.field-invalid', params: { field: 'items' } }
    },
    {
      name: 'a JSON array',
      bytes: Buffer.from('[1,2,3]'),
      reason: { key: 'reason.not-an-object' }
    },
    {
      name: 'JSON without schemaVersion',
      bytes: Buffer.from('{"items":[1],"name":"x"}'),
      reason: { key: 'reason.version-missing' }
    }
  ]

  describe.each(corruptions)('a $name file', ({ bytes, reason }) => {
    it('is moved aside byte for byte, reported, and the backup is used and written back', async () => {
      const dir = await folder()
      const path = join(dir, 'data.json')
      const backup = Buffer.from(JSON.stringify(good(7)))
      await writeFile(`${path}.bak`, backup)
      await writeFile(path, bytes)
      const incidents: StorageIncident[] = []
      const file = adapter(path, incidents)

      expect(await file.read()).toEqual(good(7))

      const moved = (await readdir(dir)).filter((n) => n.startsWith('data.json.corrupt-'))
      expect(moved).toHaveLength(1)
      expect(await readFile(join(dir, moved[0]!))).toEqual(bytes) // never deleted, never altered
      expect(incidents.map((i) => i.kind)).toEqual(['quarantined', 'restored-from-backup'])
      expect(incidents[0]).toMatchObject({ file: path, movedTo: join(dir, moved[0]!) })
      expect(incidents[0]!.reason).toMatchObject(reason)
      expect(incidents[1]).toMatchObject({ file: path, movedTo: `${path}.bak` })
      // The good copy is back in place as the main file, and the backup is still there.
      expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(good(7))
      expect(await readFile(`${path}.bak`)).toEqual(backup)
      // So the next start is clean.
      const next: StorageIncident[] = []
      expect(await adapter(path, next).read()).toEqual(good(7))
      expect(next).toEqual([])
    })
  })

  it('starts from the defaults, and says so, when the file and its backup are both bad', async () => {
    const dir = await folder()
    const path = join(dir, 'data.json')
    const mainBytes = Buffer.from('{"schemaVersion":2,"items":[1,2')
    const bakBytes = Buffer.alloc(64)
    await writeFile(path, mainBytes)
    await writeFile(`${path}.bak`, bakBytes)
    const incidents: StorageIncident[] = []
    const db = new Low<Doc>(adapter(path, incidents), good(0))
    await db.read()
    expect(db.data).toEqual(good(0))
    expect(incidents.map((i) => [i.kind, i.file])).toEqual([
      ['quarantined', path],
      ['quarantined', `${path}.bak`],
      ['started-empty', path]
    ])
    const names = await readdir(dir)
    const mainMoved = names.find((n) => n.startsWith('data.json.corrupt-'))!
    const bakMoved = names.find((n) => n.startsWith('data.json.bak.corrupt-'))!
    expect(await readFile(join(dir, mainMoved))).toEqual(mainBytes)
    expect(await readFile(join(dir, bakMoved))).toEqual(bakBytes)
    // Saving afterwards works and never touches the quarantined copies.
    await db.write()
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(good(0))
    expect(await readFile(join(dir, mainMoved))).toEqual(mainBytes)
    expect(await readFile(join(dir, bakMoved))).toEqual(bakBytes)
  })

  it('starts empty when the file is bad and there is no backup', async () => {
    const dir = await folder()
    const path = join(dir, 'data.json')
    await writeFile(path, 'garbage')
    const incidents: StorageIncident[] = []
    expect(await adapter(path, incidents).read()).toBeNull()
    expect(incidents.map((i) => i.kind)).toEqual(['quarantined', 'started-empty'])
  })

  it('never overwrites an earlier quarantined copy, even at the same instant', async () => {
    const dir = await folder()
    const path = join(dir, 'data.json')
    const now = () => new Date('2026-01-02T03:04:05.678Z')
    await writeFile(path, 'first damage')
    await adapter(path, [], undefined, now).read()
    await writeFile(path, 'second damage')
    await adapter(path, [], undefined, now).read()
    const moved = (await readdir(dir)).filter((n) => n.startsWith('data.json.corrupt-')).sort()
    expect(moved).toHaveLength(2)
    const contents = await Promise.all(moved.map((n) => readFile(join(dir, n), 'utf8')))
    expect(contents.sort()).toEqual(['first damage', 'second damage'])
  })

  it('uses the backup when a crash left only it', async () => {
    const path = join(await folder(), 'data.json')
    await writeFile(`${path}.bak`, JSON.stringify(good(3)))
    const incidents: StorageIncident[] = []
    expect(await adapter(path, incidents).read()).toEqual(good(3))
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(good(3))
    expect(incidents).toEqual([]) // nothing was damaged
  })
})

/** The real file system, except that while `state.readOnly` is set every change is refused with EACCES. */
function readOnlyWhen(state: { readOnly: boolean }): DurableFs {
  const refuse = (call: string, path: unknown) => {
    if (state.readOnly)
      throw Object.assign(new Error(`EACCES: permission denied, ${call} '${String(path)}'`), { code: 'EACCES' })
  }
  return {
    ...fs,
    open: (async (p: string, flags: string) => {
      if (flags !== 'r') refuse('open', p)
      return fs.open(p, flags)
    }) as DurableFs['open'],
    rename: (async (from: string, to: string) => (refuse('rename', from), fs.rename(from, to))) as DurableFs['rename'],
    link: (async (from: string, to: string) => (refuse('link', from), fs.link(from, to))) as DurableFs['link'],
    copyFile: (async (from: string, to: string) => (
      refuse('copyfile', from),
      fs.copyFile(from, to)
    )) as DurableFs['copyFile'],
    unlink: (async (p: string) => (refuse('unlink', p), fs.unlink(p))) as DurableFs['unlink']
  }
}

describe('DurableJsonFile: damaged files on a read-only folder', () => {
  it('still opens from the backup, never replaces the damaged file, and moves it aside once it can', async () => {
    const dir = await folder()
    const path = join(dir, 'data.json')
    const damaged = Buffer.from('{"schemaVersion":2,"ite')
    const backup = Buffer.from(JSON.stringify(good(7)))
    await writeFile(path, damaged)
    await writeFile(`${path}.bak`, backup)
    const disk = { readOnly: true }
    const incidents: StorageIncident[] = []
    const file = adapter(path, incidents, readOnlyWhen(disk))

    expect(await file.read()).toEqual(good(7))
    expect(incidents.map((i) => i.kind)).toEqual(['restored-from-backup'])
    await expect(file.write(good(8))).rejects.toMatchObject({ code: 'EACCES' })
    expect(await readFile(path)).toEqual(damaged)
    expect(await readFile(`${path}.bak`)).toEqual(backup)

    disk.readOnly = false
    await file.write(good(9))
    const moved = (await readdir(dir)).filter((n) => n.startsWith('data.json.corrupt-'))
    expect(moved).toHaveLength(1)
    expect(await readFile(join(dir, moved[0]!))).toEqual(damaged)
    expect(incidents.map((i) => i.kind)).toEqual(['restored-from-backup', 'quarantined'])
    expect(incidents[1]).toMatchObject({ file: path, movedTo: join(dir, moved[0]!) })
    expect(incidents[1]!.reason?.key).toMatch(/^reason\.json-invalid/)
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(good(9))
    expect(await readFile(`${path}.bak`)).toEqual(backup) // the damaged file never became the backup
  })

  it('starts empty when both copies are damaged, and keeps both until they can be moved aside', async () => {
    const dir = await folder()
    const path = join(dir, 'data.json')
    const damagedMain = Buffer.alloc(50)
    const damagedBak = Buffer.from('nope')
    await writeFile(path, damagedMain)
    await writeFile(`${path}.bak`, damagedBak)
    const disk = { readOnly: true }
    const incidents: StorageIncident[] = []
    const file = adapter(path, incidents, readOnlyWhen(disk))
    expect(await file.read()).toBeNull()
    expect(incidents.map((i) => i.kind)).toEqual(['started-empty'])
    await expect(file.write(good(1))).rejects.toMatchObject({ code: 'EACCES' })
    expect(await readFile(path)).toEqual(damagedMain)
    expect(await readFile(`${path}.bak`)).toEqual(damagedBak)

    disk.readOnly = false
    await file.write(good(2))
    const names = await readdir(dir)
    expect(
      await readFile(
        join(
          dir,
          names.find((n) => n.startsWith('data.json.corrupt-'))!
        )
      )
    ).toEqual(damagedMain)
    expect(
      await readFile(
        join(
          dir,
          names.find((n) => n.startsWith('data.json.bak.corrupt-'))!
        )
      )
    ).toEqual(damagedBak)
    expect(incidents.map((i) => [i.kind, i.file])).toEqual([
      ['started-empty', path],
      ['quarantined', path],
      ['quarantined', `${path}.bak`]
    ])
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(good(2))
  })

  it('uses the backup when only it is left, even if it cannot be copied back in place', async () => {
    const dir = await folder()
    const path = join(dir, 'data.json')
    await writeFile(`${path}.bak`, JSON.stringify(good(3)))
    const incidents: StorageIncident[] = []
    expect(await adapter(path, incidents, readOnlyWhen({ readOnly: true })).read()).toEqual(good(3))
    expect(incidents).toEqual([])
    expect(await readdir(dir)).toEqual(['data.json.bak'])
  })
})

describe('DurableJsonFile: files the system will not let us read for a while', () => {
  /** Node's fs, except that reading `failing` throws `code` while `refusals` lasts. */
  function refusingFs(failing: string, code: string, refusals: { left: number }): DurableFs {
    const refuse = (path: unknown): boolean => String(path) === failing && refusals.left-- > 0
    const readFile = ((path: Parameters<typeof fs.readFile>[0], options: Parameters<typeof fs.readFile>[1]) =>
      refuse(path)
        ? Promise.reject(Object.assign(new Error(`${code}: refused`), { code }))
        : fs.readFile(path, options)) as typeof fs.readFile
    return { ...fs, readFile }
  }
  const noDelays = { readRetryDelaysMs: [1, 1, 1] }

  it('retries a read antivirus holds for a moment, and reads the file: nothing moved aside, nothing reported', async () => {
    const dir = await folder()
    const path = join(dir, 'data.json')
    await adapter(path).write(good(1))
    await adapter(path).write(good(2))
    const incidents: StorageIncident[] = []
    const file = new DurableJsonFile<Doc>({
      path,
      parse,
      onIncident: (i) => incidents.push(i),
      fs: refusingFs(path, 'EBUSY', { left: 2 }),
      ...noDelays
    })
    expect(await file.read()).toEqual(good(2))
    expect(incidents).toEqual([])
    expect((await readdir(dir)).sort()).toEqual(['data.json', 'data.json.bak'])
  })

  it.each(['EMFILE', 'EACCES', 'EIO'])(
    'reports a file that stays unreadable (%s) without touching it or its backup, and reads it once the system lets it',
    async (code) => {
      const dir = await folder()
      const path = join(dir, 'data.json')
      await adapter(path).write(good(1))
      await adapter(path).write(good(2))
      const incidents: StorageIncident[] = []
      const refusing = new DurableJsonFile<Doc>({
        path,
        parse,
        onIncident: (i) => incidents.push(i),
        fs: refusingFs(path, code, { left: 100 }),
        ...noDelays
      })
      await expect(refusing.read()).rejects.toMatchObject({
        name: 'FileUnreadableError',
        reason: { key: 'error.file-unreadable', params: { file: 'data.json', code } }
      })
      // Not damage: no quarantine, no fallback to the older backup written over the newer file.
      expect(incidents).toEqual([])
      expect((await readdir(dir)).sort()).toEqual(['data.json', 'data.json.bak'])
      expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(good(2))
      expect(await adapter(path).read()).toEqual(good(2))
    }
  )

  it('still moves aside content that was read and does not parse', async () => {
    const dir = await folder()
    const path = join(dir, 'data.json')
    await adapter(path).write(good(1))
    await adapter(path).write(good(2))
    await writeFile(path, '{"schemaVersion": 2, "items": [')
    const incidents: StorageIncident[] = []
    expect(await adapter(path, incidents).read()).toEqual(good(1))
    expect(incidents.map((i) => i.kind)).toEqual(['quarantined', 'restored-from-backup'])
  })
})

describe('DurableJsonFile: versions', () => {
  it('leaves a file from a newer version untouched, reports it, and refuses to overwrite it', async () => {
    const dir = await folder()
    const path = join(dir, 'data.json')
    const future = Buffer.from(JSON.stringify({ schemaVersion: 9, whatever: true }))
    const olderBackup = Buffer.from(JSON.stringify(good(1)))
    await writeFile(path, future)
    await writeFile(`${path}.bak`, olderBackup)
    const before = await stat(path)
    const incidents: StorageIncident[] = []
    const file = adapter(path, incidents)

    // The older backup is not used either: that would hide the newer data.
    expect(await file.read()).toBeNull()
    expect(incidents.map((i) => i.kind)).toEqual(['newer-version'])
    expect(incidents[0]!.reason).toEqual({ key: 'reason.newer-data', params: { found: 9, supported: 2 } })

    const refused = file.write(good(2))
    await expect(refused).rejects.toBeInstanceOf(NewerSchemaError)
    await expect(refused).rejects.toMatchObject({ found: 9, supported: 2 })
    await expect(file.write(good(3))).rejects.toThrow(/newer version/)

    expect(await readFile(path)).toEqual(future)
    expect(await readFile(`${path}.bak`)).toEqual(olderBackup)
    expect((await stat(path)).mtimeMs).toBe(before.mtimeMs)
    expect((await readdir(dir)).sort()).toEqual(['data.json', 'data.json.bak'])
  })

  it('migrates a version 1 file to version 2, and keeps the version 1 file as the backup on the next save', async () => {
    const path = join(await folder(), 'data.json')
    const v1 = JSON.stringify({ schemaVersion: 1, items: [1], title: 'cũ' })
    await writeFile(path, v1)
    const incidents: StorageIncident[] = []
    const db = new Low<Doc>(adapter(path, incidents), good(0))
    await db.read()
    expect(db.data).toEqual({ schemaVersion: 2, items: [1], name: 'cũ' })
    expect(incidents).toEqual([])
    await db.write()
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ schemaVersion: 2, items: [1], name: 'cũ' })
    expect(await readFile(`${path}.bak`, 'utf8')).toBe(v1)
  })

  it('runs migrations in order, one version at a time', () => {
    const V3 = z.object({ schemaVersion: z.literal(3), steps: z.array(z.string()) })
    const seen: number[] = []
    const parse3 = versionedParser(V3, 3, {
      1: (old) => (seen.push(old.schemaVersion as number), { ...old, steps: ['1→2'] }),
      2: (old) => (seen.push(old.schemaVersion as number), { ...old, steps: [...(old.steps as string[]), '2→3'] })
    })
    expect(parse3({ schemaVersion: 1 })).toEqual({ schemaVersion: 3, steps: ['1→2', '2→3'] })
    expect(seen).toEqual([1, 2])
    expect(parse3({ schemaVersion: 2, steps: ['old'] })).toEqual({ schemaVersion: 3, steps: ['old', '2→3'] })
    expect(() => parse3({ schemaVersion: 4, steps: [] })).toThrow(NewerSchemaError)
    expect(() => parse3({ schemaVersion: 0 })).toThrow(/schemaVersion/)
    expect(() => parse3({ schemaVersion: 1.5 })).toThrow(/schemaVersion/)
    expect(() => versionedParser(V3, 3)({ schemaVersion: 2 })).toThrow(/no way to convert data version 2/)
  })
})

describe('leftovers of a crash', () => {
  it('removes temp files other processes left half-written, and keeps saved files, backups and its own temps', async () => {
    const dir = await folder()
    const leftovers = ['.library.json.4242.7.tmp', 'library.json.bak.4242.tmp']
    const kept = ['library.json', 'library.json.bak', `.library.json.${process.pid}.1.tmp`, 'notes.tmp.json']
    for (const name of [...leftovers, ...kept]) await writeFile(join(dir, name), '{"half":')
    const removed = await removeLeftoverTempFiles(dir)
    expect(removed.map((path) => basename(path)).sort()).toEqual([...leftovers].sort())
    expect((await readdir(dir)).sort()).toEqual([...kept].sort())
  })

  it('does nothing for a folder that does not exist yet', async () => {
    expect(await removeLeftoverTempFiles(join(await folder(), 'sessions'))).toEqual([])
  })
})
