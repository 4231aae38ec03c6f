import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Readable } from 'node:stream'
import * as yazl from 'yazl'
import { describe, expect, it } from 'vitest'
import { exportPackage, importPackage, readPackageArchive } from './package-file'
import { brokenPackages, samplePackage, writePackage, type PackageFiles } from '../../testing/sample-package'
import { recordingFs, type FsEvent } from '../../testing/recording-fs'

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'roundtable-share-'))
}

/** Builds a ZIP the way another tool might, including things our own exporter never writes. */
async function zipOf(entries: { name: string; data: Buffer | string; mode?: number }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile()
  for (const e of entries) zip.addBuffer(Buffer.from(e.data), e.name, e.mode ? { mode: e.mode } : {})
  zip.end()
  const chunks: Buffer[] = []
  for await (const chunk of zip.outputStream as Readable) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

const entriesOf = (files: PackageFiles, prefix = 'sample-workshop/') =>
  Object.entries(files).map(([name, data]) => ({ name: prefix + name, data }))

async function expectNothingWritten(userDir: string): Promise<void> {
  const left = existsSync(userDir) ? await readdir(userDir) : []
  expect(left, 'nothing may be half-imported').toEqual([])
}

describe('sharing a workshop as one file', () => {
  it('exports a package and imports it elsewhere with the same files', async () => {
    const source = join(await tempDir(), 'sample-workshop')
    await writePackage(source, samplePackage())
    const file = await exportPackage(source, 'sample-workshop')
    const userDir = await tempDir()
    const result = await importPackage(file, userDir)
    expect(result).toEqual({ ok: true, id: 'sample-workshop', version: '1.0.0', replacedVersion: null })
    for (const [path, text] of Object.entries(samplePackage())) {
      expect(await readFile(join(userDir, 'sample-workshop', path), 'utf8')).toBe(text)
    }
  })

  it('asks before replacing a workshop that exists, and keeps the old version', async () => {
    const userDir = await tempDir()
    const v1 = await zipOf(entriesOf(samplePackage()))
    const files2 = samplePackage()
    files2['workshop.yaml'] = files2['workshop.yaml']!.replace('version: 1.0.0', 'version: 1.1.0')
    const v2 = await zipOf(entriesOf(files2))
    expect((await importPackage(v1, userDir)).ok).toBe(true)
    const conflict = await importPackage(v2, userDir)
    expect(conflict).toEqual({
      ok: false,
      conflict: { id: 'sample-workshop', existingVersion: '1.0.0', incomingVersion: '1.1.0' }
    })
    const replaced = await importPackage(v2, userDir, { replace: true })
    expect(replaced).toMatchObject({ ok: true, version: '1.1.0', replacedVersion: '1.0.0' })
    const kept = await readdir(join(userDir, '.replaced'))
    expect(kept).toHaveLength(1)
    expect(await readFile(join(userDir, '.replaced', kept[0]!, 'workshop.yaml'), 'utf8')).toContain('version: 1.0.0')
  })

  it('refuses an id that a bundled workshop uses', async () => {
    const userDir = await tempDir()
    const result = await importPackage(await zipOf(entriesOf(samplePackage())), userDir, { bundledIds: ['sample-workshop'] })
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'import-bundled-id' }] })
    await expectNothingWritten(userDir)
  })

  describe.each(brokenPackages().filter((b) => b.code !== 'file-too-large'))('a broken package: $name', ({ code, files }) => {
    it(`is refused with ${code} and nothing is written`, async () => {
      const userDir = await tempDir()
      const result = await importPackage(await zipOf(entriesOf(files)), userDir)
      expect(result.ok).toBe(false)
      expect('problems' in result && result.problems.map((p) => p.code)).toContain(code)
      await expectNothingWritten(userDir)
    })
  })

  const unsafe: { name: string; code: string; make: () => Promise<Buffer> }[] = [
    {
      name: 'zip slip (../ in a path)',
      code: 'archive-unsafe-path',
      make: async () => {
        // yazl will not write `..`, so write `xx` and patch the name in the headers, as an attacker would.
        const zip = await zipOf([...entriesOf(samplePackage(), ''), { name: 'xx/escape.yaml', data: 'x' }])
        return Buffer.from(zip.toString('latin1').replaceAll('xx/escape.yaml', '../escape.yaml'), 'latin1')
      }
    },
    {
      name: 'absolute path',
      code: 'archive-unsafe-path',
      make: async () => {
        const zip = await zipOf([...entriesOf(samplePackage(), ''), { name: 'xtmp/escape.yaml', data: 'x' }])
        return Buffer.from(zip.toString('latin1').replaceAll('xtmp/escape.yaml', '/tmp/escape.yaml'), 'latin1')
      }
    },
    {
      name: 'symbolic link',
      code: 'archive-link',
      make: () => zipOf([...entriesOf(samplePackage()), { name: 'sample-workshop/slides/link.vi.md', data: '/etc/passwd', mode: 0o120777 }])
    },
    {
      name: 'a file outside the format',
      code: 'archive-unexpected-file',
      make: () => zipOf([...entriesOf(samplePackage()), { name: 'sample-workshop/run.exe', data: 'MZ' }])
    },
    {
      name: 'oversized file inside',
      code: 'file-too-large',
      make: () => zipOf([...entriesOf(samplePackage()), { name: 'sample-workshop/slides/big.vi.md', data: randomBytes(1_200_000).toString('hex') }])
    },
    {
      name: 'oversized package file',
      code: 'archive-too-large',
      make: async () => randomBytes(21 * 1024 * 1024)
    },
    {
      name: 'archive bomb (tiny entry, huge content)',
      code: 'archive-bomb',
      make: () => zipOf([...entriesOf(samplePackage()), { name: 'sample-workshop/slides/zeros.vi.md', data: Buffer.alloc(1_000_000) }])
    },
    {
      name: 'archive bomb with a lying size header',
      code: 'archive-bomb',
      make: async () => {
        const zip = await zipOf([...entriesOf(samplePackage()), { name: 'sample-workshop/slides/liar.vi.md', data: 'a'.repeat(5000) }])
        // Claim 50 bytes where 5000 are stored, in the local and the central header.
        const patched = Buffer.from(zip)
        const size = Buffer.alloc(4)
        size.writeUInt32LE(5000)
        for (let at = patched.indexOf(size); at !== -1; at = patched.indexOf(size, at + 4)) patched.writeUInt32LE(50, at)
        return patched
      }
    },
    {
      name: 'too many files',
      code: 'archive-too-many-files',
      make: () =>
        zipOf([...entriesOf(samplePackage()), ...Array.from({ length: 200 }, (_, i) => ({ name: `sample-workshop/slides/s${i}.vi.md`, data: 'x' }))])
    },
    { name: 'not a zip at all', code: 'archive-invalid', make: async () => randomBytes(4096) }
  ]

  describe.each(unsafe)('an unsafe file: $name', ({ code, make }) => {
    it(`is refused with ${code} before anything is written`, async () => {
      const userDir = await tempDir()
      const result = await importPackage(await make(), userDir)
      expect(result.ok).toBe(false)
      expect('problems' in result && result.problems.map((p) => p.code), JSON.stringify(result)).toContain(code)
      await expectNothingWritten(userDir)
    })
  })

  it('reads a package whose files are at the top level, without a folder', async () => {
    const result = await readPackageArchive(await zipOf(entriesOf(samplePackage(), '')))
    expect(result.ok && [...result.files.keys()].sort()).toEqual(Object.keys(samplePackage()).sort())
  })
})

describe('importing a package: durability', () => {
  it('fsyncs every staged file and folder before the rename into place, and the workshops folder after it', async () => {
    const source = join(await tempDir(), 'sample-workshop')
    await writePackage(source, samplePackage())
    const userDir = await tempDir()
    const events: FsEvent[] = []
    const result = await importPackage(await exportPackage(source, 'sample-workshop'), userDir, {
      fs: recordingFs(events)
    })
    expect(result.ok).toBe(true)
    const target = join(userDir, 'sample-workshop')
    const intoPlace = events.findIndex((e) => e.op === 'rename' && e.to === target)
    const staging = (events[intoPlace] as { from: string }).from
    const synced = (path: string): number => events.findIndex((e) => e.op === 'sync' && 'path' in e && e.path === path)
    for (const name of Object.keys(samplePackage())) {
      const file = join(staging, ...name.split('/'))
      expect(synced(file), `${name} fsynced before the rename`).toBeGreaterThanOrEqual(0)
      expect(synced(file)).toBeLessThan(intoPlace)
      expect(synced(dirname(file)), `the folder of ${name} fsynced before the rename`).toBeLessThan(intoPlace)
      expect(synced(dirname(file))).toBeGreaterThan(synced(file))
    }
    expect(synced(userDir), 'the workshops folder fsynced after the rename').toBeGreaterThan(intoPlace)
    expect(await readFile(join(target, 'workshop.yaml'), 'utf8')).toBe(samplePackage()['workshop.yaml'])
  })
})
