import { randomBytes } from 'node:crypto'
import { existsSync, promises as fs } from 'node:fs'
import { dirname, join, posix } from 'node:path'
import type { Readable } from 'node:stream'
import type * as Yauzl from 'yauzl'
import {
  findImageReferences,
  imageFileProblem,
  imageNameOf,
  IMAGE_NAME,
  IMAGES_FOLDER,
  MAX_IMAGE_BYTES
} from '../../shared/workshops/images'
import {
  folderReader,
  loadWorkshop,
  MANIFEST_FILE,
  MAX_FILE_BYTES,
  type LoadedWorkshop,
  type PackageReader
} from './loader'
import { syncFolder } from '../storage/durable-write'
import type { Bilingual } from '../../shared/i18n/language'
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
const ALLOWED_PATH = /^(workshop\.yaml|slides\/[a-z0-9-]+\.(vi|en)\.md|images\/[^/]+)$/
const isImagePath = (path: string): boolean => path.startsWith(`${IMAGES_FOLDER}/`)
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
  // Only the images the slides show travel; ones left over from editing stay behind.
  const used = new Set<string>()
  for (const file of files.slice(1)) {
    const markdown = ALLOWED_PATH.test(file)
      ? await fs.readFile(join(dir, ...file.split('/')), 'utf8').catch(() => '')
      : ''
    for (const { src } of findImageReferences(markdown)) {
      const name = imageNameOf(src)
      if (name) used.add(name)
    }
  }
  files.push(...[...used].sort().map((name) => `${IMAGES_FOLDER}/${name}`))
  for (const file of files) {
    const path = join(dir, ...file.split('/'))
    const stat = await fs.lstat(path).catch(() => null)
    if (!stat?.isFile() || !ALLOWED_PATH.test(file)) continue
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

export type ArchiveResult = { ok: true; files: Map<string, Buffer> } | { ok: false; problems: WorkshopProblem[] }

/** Why a package is refused, before the file name is added. */
type Refusal = Pick<WorkshopProblem, 'code' | 'params'>
const refusal = (code: WorkshopProblem['code'], params: WorkshopProblem['params'] = {}): Refusal => ({ code, params })

/** Unpacks a package file into memory, refusing anything unsafe before it is decompressed. */
export async function readPackageArchive(bytes: Buffer, fileName = 'package'): Promise<ArchiveResult> {
  const unpacked = await unpackArchive(bytes)
  if (unpacked instanceof Map) return { ok: true, files: unpacked }
  return { ok: false, problems: [{ file: fileName, ...unpacked }] }
}

async function unpackArchive(bytes: Buffer): Promise<Map<string, Buffer> | Refusal> {
  if (bytes.length > MAX_PACKAGE_BYTES) return refusal('archive-too-large', { maxMb: MAX_PACKAGE_BYTES / 1024 / 1024 })
  const yauzl = await loadYauzl()
  let zip: Yauzl.ZipFile
  try {
    // Strict names: yauzl rejects absolute paths, `..` segments and backslashes (zip slip).
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true })
  } catch (error) {
    return zipRefusal((error as Error).message)
  }
  if (zip.entryCount > MAX_ENTRIES) return refusal('archive-too-many-files', { max: MAX_ENTRIES })
  let entries: Yauzl.Entry[]
  try {
    entries = await listEntries(zip)
  } catch (error) {
    zip.close()
    return zipRefusal((error as Error).message)
  }
  const files = packageFiles(entries)
  const refused = checkEntries(files)
  if (refused) {
    zip.close()
    return refused
  }
  const out = await inflateEntries(zip, files)
  if (!(out instanceof Map)) return out
  // Every image is checked by its bytes, also one no slide shows: nothing unchecked is written to disk.
  for (const [path, data] of out) {
    const problem = isImagePath(path) ? imageFileProblem(data) : null
    if (problem) return refusal(problem, { src: path, maxKb: MAX_IMAGE_BYTES / 1024 })
  }
  return out
}

/**
 * yauzl's refusals are English sentences: an unsafe name keeps only the name ("invalid relative
 * path: ../x" → "../x"), a damaged ZIP needs no detail the trainer could act on.
 */
function zipRefusal(message: string): Refusal {
  return /relative path|absolute path|invalid characters/i.test(message)
    ? refusal('archive-unsafe-path', { detail: message.slice(message.indexOf(': ') + 2) })
    : refusal('archive-invalid')
}

/** Reads the ZIP's central directory: every entry, none decompressed yet. */
function listEntries(zip: Yauzl.ZipFile): Promise<Yauzl.Entry[]> {
  const entries: Yauzl.Entry[] = []
  return new Promise((resolve, reject) => {
    zip.on('entry', (entry: Yauzl.Entry) => {
      entries.push(entry)
      zip.readEntry()
    })
    zip.on('end', () => resolve(entries))
    zip.on('error', reject)
    zip.readEntry()
  })
}

/** The file entries with their path inside the package. */
function packageFiles(entries: Yauzl.Entry[]): { entry: Yauzl.Entry; path: string }[] {
  const files = entries.filter((e) => !e.fileName.endsWith('/'))
  // A package may keep its files in one top-level folder (`<id>/workshop.yaml`); strip it.
  const tops = new Set(files.map((e) => e.fileName.split('/')[0]))
  const strip = tops.size === 1 && files.every((e) => e.fileName.includes('/')) ? `${[...tops][0]}/` : ''
  return files.map((entry) => ({ entry, path: posix.normalize(entry.fileName.slice(strip.length)) }))
}

/** Names, kinds and declared sizes, checked before anything is decompressed. */
function checkEntries(files: { entry: Yauzl.Entry; path: string }[]): Refusal | null {
  let declaredTotal = 0
  for (const { entry, path } of files) {
    const refused = entryRefusal(entry, path)
    if (refused) return refused
    declaredTotal += entry.uncompressedSize
    // A tiny compressed entry that claims a huge size is the signature of a decompression bomb.
    if (declaredTotal > MAX_UNPACKED_BYTES || entry.uncompressedSize > Math.max(entry.compressedSize, 1024) * 200) {
      return refusal('archive-bomb', { path: entry.fileName })
    }
  }
  return null
}

function entryRefusal(entry: Yauzl.Entry, path: string): Refusal | null {
  if (path.startsWith('..') || path.startsWith('/')) return refusal('archive-unsafe-path', { detail: entry.fileName })
  if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK)
    return refusal('archive-link', { path: entry.fileName })
  if (!ALLOWED_PATH.test(path)) return refusal('archive-unexpected-file', { path: entry.fileName })
  const image = isImagePath(path)
  if (image && !IMAGE_NAME.test(path.slice(IMAGES_FOLDER.length + 1)))
    return refusal('image-unsafe-path', { src: path })
  if (image && entry.uncompressedSize > MAX_IMAGE_BYTES) {
    return refusal('image-too-large', { src: path, maxKb: MAX_IMAGE_BYTES / 1024 })
  }
  if (!image && entry.uncompressedSize > MAX_FILE_BYTES) {
    return refusal('file-too-large', { file: path, maxKb: MAX_FILE_BYTES / 1024 })
  }
  return null
}

/** Decompresses the checked entries into memory; closes the ZIP either way. */
async function inflateEntries(
  zip: Yauzl.ZipFile,
  files: { entry: Yauzl.Entry; path: string }[]
): Promise<Map<string, Buffer> | Refusal> {
  const out = new Map<string, Buffer>()
  try {
    for (const { entry, path } of files) {
      // validateEntrySizes makes the stream fail if the data inflates beyond what the header declared.
      const stream = await zip.openReadStreamPromise(entry)
      out.set(path, await streamToBuffer(stream, Math.max(MAX_FILE_BYTES, MAX_IMAGE_BYTES)))
    }
  } catch (error) {
    return refusal('archive-bomb', { path: (error as Error).message })
  } finally {
    zip.close()
  }
  return out
}

export function memoryReader(files: Map<string, Buffer>): PackageReader {
  return {
    readText: async (path) => files.get(path)?.toString('utf8') ?? null,
    readBytes: async (path) => files.get(path) ?? null
  }
}

export type PackageImportOutcome =
  | { ok: true; id: string; version: string; replacedVersion: string | null }
  | { ok: false; problems: WorkshopProblem[] }
  | { ok: false; conflict: { id: string; existingVersion: string; incomingVersion: string } }

/** The file-system calls an import makes to write; tests pass one that records their order. */
type ImportFs = Pick<typeof fs, 'open' | 'rename' | 'mkdir'>

interface ImportOptions {
  fileName?: string
  /** Ids of the bundled workshops: an import may not shadow one of them. */
  bundledIds?: string[]
}

type CheckedPackage =
  | { ok: true; files: Map<string, Buffer>; workshop: LoadedWorkshop; existingVersion: string | null }
  | { ok: false; problems: WorkshopProblem[] }

/** Everything an import checks before writing: the archive, the loader's checks, the id; and what it would replace. */
async function checkPackage(bytes: Buffer, userDir: string, options: ImportOptions): Promise<CheckedPackage> {
  const archive = await readPackageArchive(bytes, options.fileName)
  if (!archive.ok) return archive
  const loaded = await loadWorkshop(memoryReader(archive.files))
  if (!loaded.ok) return loaded
  const { id } = loaded.workshop.manifest
  if (options.bundledIds?.includes(id)) {
    return { ok: false, problems: [{ file: MANIFEST_FILE, code: 'import-bundled-id', params: { id } }] }
  }
  const target = join(userDir, id)
  let existingVersion: string | null = null
  if (existsSync(target)) {
    const existing = await loadWorkshop(folderReader(target))
    existingVersion = existing.ok ? existing.workshop.manifest.version : 'unknown'
  }
  return { ok: true, files: archive.files, workshop: loaded.workshop, existingVersion }
}

/** What importing a file would add, shown to the trainer before anything is written. */
export interface ImportPreview {
  id: string
  title: Bilingual
  version: string
  languages: string[]
  blocksByKind: Record<string, number>
  totalMinutes: number
  sources: { id: string; title: string }[]
  images: { name: string; bytes: number }[]
  /** new: no workshop with this id; newer / same / older: than the one present, which an import replaces (kept aside). */
  relation: 'new' | 'newer' | 'same' | 'older'
  existingVersion: string | null
}

export async function previewPackage(
  bytes: Buffer,
  userDir: string,
  options: ImportOptions = {}
): Promise<{ ok: true; preview: ImportPreview } | { ok: false; problems: WorkshopProblem[] }> {
  const checked = await checkPackage(bytes, userDir, options)
  if (!checked.ok) return checked
  const { manifest } = checked.workshop
  const blocksByKind: Record<string, number> = {}
  for (const block of manifest.blocks) blocksByKind[block.kind] = (blocksByKind[block.kind] ?? 0) + 1
  const { existingVersion } = checked
  const order = existingVersion === null ? null : compareVersions(manifest.version, existingVersion)
  return {
    ok: true,
    preview: {
      id: manifest.id,
      title: manifest.title,
      version: manifest.version,
      languages: manifest.languages,
      blocksByKind,
      totalMinutes: manifest.blocks.reduce((sum, b) => sum + b.minutes, 0),
      sources: manifest.sources.map((s) => ({ id: s.id, title: s.title })),
      images: [...checked.files]
        .filter(([path]) => isImagePath(path))
        .map(([path, data]) => ({ name: path.slice(IMAGES_FOLDER.length + 1), bytes: data.length })),
      relation: order === null ? 'new' : order > 0 ? 'newer' : order === 0 ? 'same' : 'older',
      existingVersion
    }
  }
}

/** Compares `x.y.z` versions; an unreadable one counts as oldest. */
function compareVersions(a: string, b: string): number {
  const parts = (v: string): number[] => (/^\d+\.\d+\.\d+$/.test(v) ? v.split('.').map(Number) : [-1, -1, -1])
  const [pa, pb] = [parts(a), parts(b)]
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!
  return 0
}

/**
 * Imports a package file into `userDir`. With an existing workshop of the same id the import stops
 * with `conflict` unless `replace` is set; the replaced version is kept in `userDir/.replaced/`.
 */
export async function importPackage(
  bytes: Buffer,
  userDir: string,
  options: ImportOptions & { replace?: boolean; fs?: ImportFs } = {}
): Promise<PackageImportOutcome> {
  const files = options.fs ?? fs
  const checked = await checkPackage(bytes, userDir, options)
  if (!checked.ok) return checked
  const { id, version } = checked.workshop.manifest
  const target = join(userDir, id)
  const replacedVersion = checked.existingVersion
  if (replacedVersion !== null && !options.replace) {
    return { ok: false, conflict: { id, existingVersion: replacedVersion, incomingVersion: version } }
  }

  await files.mkdir(userDir, { recursive: true })
  const staging = join(userDir, `.import-${randomBytes(6).toString('hex')}`)
  try {
    await writeStaged(files, staging, checked.files)
    if (replacedVersion !== null) {
      const keep = join(userDir, '.replaced')
      await files.mkdir(keep, { recursive: true })
      await files.rename(target, join(keep, `${id}-${replacedVersion}-${Date.now()}`))
    }
    await files.rename(staging, target)
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true })
    throw error
  }
  // The renames are durable once the folder holding them is.
  await syncFolder(files, userDir)
  return { ok: true, id, version, replacedVersion }
}

/**
 * Writes every file of the package (fsynced) into the staging folder, then fsyncs each folder made,
 * so the folder renamed into place holds complete files after a power cut.
 */
async function writeStaged(files: ImportFs, staging: string, contents: Map<string, Buffer>): Promise<void> {
  const folders = new Set<string>([staging])
  for (const [path, data] of contents) {
    const file = join(staging, ...path.split('/'))
    folders.add(dirname(file))
    await files.mkdir(dirname(file), { recursive: true })
    const handle = await files.open(file, 'wx')
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
  }
  for (const folder of folders) await syncFolder(files, folder)
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
