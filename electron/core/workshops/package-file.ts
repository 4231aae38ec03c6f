import { randomBytes } from 'node:crypto'
import { existsSync, promises as fs } from 'node:fs'
import { join, posix } from 'node:path'
import type { Readable } from 'node:stream'
import type * as Yauzl from 'yauzl'
import { loadWorkshop, MANIFEST_FILE, MAX_FILE_BYTES, type PackageReader } from './loader'
import type { WorkshopProblem } from './problems'

/**
 * Sharing a workshop as one file (a ZIP named `<id>-<version>.roundtable`), for USB sticks and chat
 * apps. Import reads and checks everything in memory first; only a package that is valid and safe is
 * written, into a temporary folder that is then renamed into place, so nothing is ever half-imported.
 */
export const PACKAGE_EXTENSION = '.roundtable'
export const MAX_PACKAGE_BYTES = 20 * 1024 * 1024
const MAX_ENTRIES = 200
const MAX_UNPACKED_BYTES = 20 * 1024 * 1024
const ALLOWED_PATH = /^(workshop\.yaml|slides\/[a-z0-9-]+\.(vi|en)\.md)$/
const S_IFMT = 0o170000
const S_IFLNK = 0o120000

// The ZIP libraries are loaded on first use: sharing is rare, and start-up time matters more.
const loadYauzl = (): Promise<typeof Yauzl> => import('yauzl')

export async function exportPackage(dir: string, id: string): Promise<Buffer> {
  const yazl = await import('yazl')
  const zip = new yazl.ZipFile()
  const files = [MANIFEST_FILE]
  const slidesDir = join(dir, 'slides')
  if (existsSync(slidesDir)) {
    for (const name of (await fs.readdir(slidesDir)).sort()) files.push(`slides/${name}`)
  }
  for (const file of files) {
    const path = join(dir, ...file.split('/'))
    const stat = await fs.lstat(path)
    if (!stat.isFile() || !ALLOWED_PATH.test(file)) continue
    zip.addBuffer(await fs.readFile(path), `${id}/${file}`, { mtime: new Date(stat.mtimeMs), mode: 0o644 })
  }
  zip.end()
  return streamToBuffer(zip.outputStream, MAX_PACKAGE_BYTES)
}

/** A ZIP of text files (UTF-8), for exports that are several files. */
export async function zipFiles(files: { name: string; text: string }[]): Promise<Buffer> {
  const yazl = await import('yazl')
  const zip = new yazl.ZipFile()
  for (const file of files) zip.addBuffer(Buffer.from(file.text, 'utf8'), file.name, { mode: 0o644 })
  zip.end()
  return streamToBuffer(zip.outputStream, MAX_PACKAGE_BYTES)
}

export type ArchiveResult = { ok: true; files: Map<string, string> } | { ok: false; problems: WorkshopProblem[] }

/** Unpacks a package file into memory, refusing anything unsafe before it is decompressed. */
export async function readPackageArchive(bytes: Buffer, fileName = 'package'): Promise<ArchiveResult> {
  const refuse = (code: WorkshopProblem['code'], params: WorkshopProblem['params'] = {}): ArchiveResult => ({
    ok: false,
    problems: [{ file: fileName, code, params }]
  })
  if (bytes.length > MAX_PACKAGE_BYTES) {
    return refuse('archive-too-large', { maxMb: MAX_PACKAGE_BYTES / 1024 / 1024 })
  }

  const yauzl = await loadYauzl()
  let zip: Yauzl.ZipFile
  try {
    // Strict names: yauzl rejects absolute paths, `..` segments and backslashes (zip slip).
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true })
  } catch (error) {
    return refuse(/relative path|absolute path|invalid characters/i.test(String(error)) ? 'archive-unsafe-path' : 'archive-invalid', {
      detail: (error as Error).message
    })
  }
  if (zip.entryCount > MAX_ENTRIES) return refuse('archive-too-many-files', { max: MAX_ENTRIES })

  const entries: Yauzl.Entry[] = []
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: Yauzl.Entry) => {
        entries.push(entry)
        zip.readEntry()
      })
      zip.on('end', resolve)
      zip.on('error', reject)
      zip.readEntry()
    })
  } catch (error) {
    zip.close()
    const message = (error as Error).message
    return refuse(/relative path|absolute path|invalid characters/i.test(message) ? 'archive-unsafe-path' : 'archive-invalid', {
      detail: message
    })
  }

  const files = entries.filter((e) => !e.fileName.endsWith('/'))
  // A package may keep its files in one top-level folder (`<id>/workshop.yaml`); strip it.
  const tops = new Set(files.map((e) => e.fileName.split('/')[0]))
  const strip = tops.size === 1 && files.every((e) => e.fileName.includes('/')) ? `${[...tops][0]}/` : ''

  let declaredTotal = 0
  for (const entry of files) {
    const path = posix.normalize(entry.fileName.slice(strip.length))
    if (path.startsWith('..') || path.startsWith('/')) return refuse('archive-unsafe-path', { detail: entry.fileName })
    if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) {
      return refuse('archive-link', { path: entry.fileName })
    }
    if (!ALLOWED_PATH.test(path)) return refuse('archive-unexpected-file', { path: entry.fileName })
    if (entry.uncompressedSize > MAX_FILE_BYTES) {
      return refuse('file-too-large', { file: path, maxKb: MAX_FILE_BYTES / 1024 })
    }
    declaredTotal += entry.uncompressedSize
    // A tiny compressed entry that claims a huge size is the signature of a decompression bomb.
    if (declaredTotal > MAX_UNPACKED_BYTES || entry.uncompressedSize > Math.max(entry.compressedSize, 1024) * 200) {
      return refuse('archive-bomb', { path: entry.fileName })
    }
  }

  const out = new Map<string, string>()
  try {
    for (const entry of files) {
      const path = posix.normalize(entry.fileName.slice(strip.length))
      // validateEntrySizes makes the stream fail if the data inflates beyond what the header declared.
      const stream = await zip.openReadStreamPromise(entry)
      out.set(path, (await streamToBuffer(stream, MAX_FILE_BYTES)).toString('utf8'))
    }
  } catch (error) {
    return refuse('archive-bomb', { path: (error as Error).message })
  } finally {
    zip.close()
  }
  return { ok: true, files: out }
}

export function memoryReader(files: Map<string, string>): PackageReader {
  return { readText: async (path) => files.get(path) ?? null }
}

export type ImportResult =
  | { ok: true; id: string; version: string; replacedVersion: string | null }
  | { ok: false; problems: WorkshopProblem[] }
  | { ok: false; conflict: { id: string; existingVersion: string; incomingVersion: string } }

/**
 * Imports a package file into `userDir`. With an existing workshop of the same id the import stops
 * with `conflict` unless `replace` is set; the replaced version is kept in `userDir/.replaced/`.
 */
export async function importPackage(
  bytes: Buffer,
  userDir: string,
  options: { replace?: boolean; fileName?: string; bundledIds?: string[] } = {}
): Promise<ImportResult> {
  const archive = await readPackageArchive(bytes, options.fileName)
  if (!archive.ok) return archive
  const loaded = await loadWorkshop(memoryReader(archive.files))
  if (!loaded.ok) return loaded
  const { id, version } = loaded.workshop.manifest
  if (options.bundledIds?.includes(id)) {
    return { ok: false, problems: [{ file: MANIFEST_FILE, code: 'import-bundled-id', params: { id } }] }
  }

  const target = join(userDir, id)
  let replacedVersion: string | null = null
  if (existsSync(target)) {
    const existing = await loadWorkshop({ readText: (p) => fs.readFile(join(target, ...p.split('/')), 'utf8').catch(() => null) })
    replacedVersion = existing.ok ? existing.workshop.manifest.version : 'unknown'
    if (!options.replace) {
      return { ok: false, conflict: { id, existingVersion: replacedVersion, incomingVersion: version } }
    }
  }

  await fs.mkdir(userDir, { recursive: true })
  const staging = join(userDir, `.import-${randomBytes(6).toString('hex')}`)
  try {
    for (const [path, text] of archive.files) {
      const file = join(staging, ...path.split('/'))
      await fs.mkdir(join(file, '..'), { recursive: true })
      const handle = await fs.open(file, 'wx')
      try {
        await handle.writeFile(text, 'utf8')
        await handle.sync()
      } finally {
        await handle.close()
      }
    }
    if (replacedVersion !== null) {
      const keep = join(userDir, '.replaced')
      await fs.mkdir(keep, { recursive: true })
      await fs.rename(target, join(keep, `${id}-${replacedVersion}-${Date.now()}`))
    }
    await fs.rename(staging, target)
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true })
    throw error
  }
  return { ok: true, id, version, replacedVersion }
}

async function streamToBuffer(stream: Readable | NodeJS.ReadableStream, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stream) {
    size += (chunk as Buffer).length
    if (size > limit) {
      ;(stream as Readable).destroy?.()
      throw new Error(`more than ${limit} bytes`)
    }
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}
