import { promises as nodeFs } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Adapter } from 'lowdb'
import {
  jsonSyntaxReason,
  LocalizedError,
  reasonOf,
  userMessage,
  type UserMessage
} from '../../shared/i18n/user-message'
import { renameRetrying, writeFileDurably, type DurableWriteFs } from './durable-write'
import { NewerSchemaError, type StorageIncident } from './incidents'

/**
 * The file-system calls the adapter makes. Production passes node's own; the fault tests pass a
 * wrapper that records the order of calls (to prove fsync happens before a write is acknowledged)
 * or fails them (full disk).
 */
export interface DurableFs extends DurableWriteFs {
  link: typeof nodeFs.link
  copyFile: typeof nodeFs.copyFile
  readFile: typeof nodeFs.readFile
  mkdir: typeof nodeFs.mkdir
  stat: typeof nodeFs.stat
}

export interface DurableJsonFileOptions<T> {
  path: string
  /** Validates (and migrates) what was read; throws when the content is not acceptable. */
  parse: (raw: unknown) => T
  onIncident: (incident: StorageIncident) => void
  fs?: DurableFs
  now?: () => Date
  /** Pauses between tries of a read the system refused (antivirus, backup tools, too many open files). */
  readRetryDelaysMs?: readonly number[]
  /** How the data becomes the file's text; `JSON.stringify` unless a store knows a cheaper way. */
  stringify?: (data: T) => string
}

/** On Windows, antivirus and backup tools hold new files for a moment; a full descriptor table empties again. */
const READ_RETRY_DELAYS_MS = [50, 200, 500, 1_000]

/**
 * The file is there but the system would not let us read it (even after retries). Its content is unknown, so it
 * is not damaged: nothing is moved aside or replaced, and the next read tries again.
 */
export class FileUnreadableError extends LocalizedError {
  constructor(
    readonly file: string,
    error: unknown
  ) {
    super(userMessage('error.file-unreadable', { file: basename(file), code: errorCode(error) ?? 'unknown' }))
    this.name = 'FileUnreadableError'
  }
}

type LoadResult<T> =
  | { state: 'ok'; data: T }
  | { state: 'missing' }
  | { state: 'bad'; reason: UserMessage }
  | { state: 'newer'; error: NewerSchemaError }
  | { state: 'unreadable'; error: unknown }

/**
 * lowdb adapter for files that must survive a power cut.
 *
 * lowdb's own JSONFile (steno) writes a temp file and renames it but never fsyncs, so after a
 * power cut the file can be empty or zero-filled. Here every write is:
 *   write temp → fsync temp → keep the current file as `<name>.bak` → rename temp over the file →
 *   fsync the folder (`writeFileDurably`, with the backup step before the rename). The promise resolves only after that, so "saved" means durable.
 * Reading never throws away data: a file that does not parse or validate is renamed to
 * `<name>.corrupt-<time>`, the user is told, and the last good copy (`.bak`) is used.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  readonly path: string
  readonly backupPath: string
  private readonly fs: DurableFs
  private readonly options: DurableJsonFileOptions<T>
  private requested = 0
  private completed = 0
  private newest: T | null = null
  private chain: Promise<void> = Promise.resolve()
  private folderReady = false
  /** Set when the file on disk was written by a newer version of the app: never overwrite it. */
  private readOnlyBecause: NewerSchemaError | null = null
  /** Damaged files the folder did not let us move aside yet (path → why they are damaged). */
  private readonly notMovedYet = new Map<string, UserMessage>()

  constructor(options: DurableJsonFileOptions<T>) {
    this.options = options
    this.path = options.path
    this.backupPath = `${options.path}.bak`
    this.fs = options.fs ?? nodeFs
  }

  async read(): Promise<T | null> {
    const primary = await this.load(this.path)
    if (primary.state === 'ok') return primary.data
    // Never fall back to the backup here: writing it back would replace newer data we simply could not read.
    if (primary.state === 'unreadable') throw new FileUnreadableError(this.path, primary.error)
    if (primary.state === 'newer') {
      this.readOnlyBecause = primary.error
      this.options.onIncident({ kind: 'newer-version', file: this.path, reason: primary.error.reason })
      return null
    }
    if (primary.state === 'bad') await this.moveAside(this.path, primary.reason)

    const backup = await this.load(this.backupPath)
    if (backup.state === 'ok') {
      // Put the good copy back in place so the next start does not depend on the backup. On a
      // read-only disk this fails: the backup is still used, and the next save tries again.
      await this.write(backup.data).catch(() => undefined)
      if (primary.state === 'bad') {
        this.options.onIncident({ kind: 'restored-from-backup', file: this.path, movedTo: this.backupPath })
      }
      return backup.data
    }
    if (backup.state === 'unreadable') throw new FileUnreadableError(this.backupPath, backup.error)
    if (backup.state === 'bad') await this.moveAside(this.backupPath, backup.reason)
    if (primary.state === 'bad') {
      this.options.onIncident({ kind: 'started-empty', file: this.path })
    }
    return null
  }

  /**
   * Writes are serialised; a write that is still waiting when a newer one arrives is folded into it
   * (group commit), and every caller's promise resolves once data at least as new as its own is durable.
   */
  write(data: T): Promise<void> {
    if (this.readOnlyBecause) return Promise.reject(this.readOnlyBecause)
    const mine = ++this.requested
    this.newest = data
    const run = this.chain.then(async () => {
      if (this.completed >= mine) return
      // Serialised once per batch, when the write starts: it holds every change requested so far.
      const upTo = this.requested
      await this.writeNow((this.options.stringify ?? JSON.stringify)(this.newest))
      this.completed = Math.max(this.completed, upTo)
    })
    this.chain = run.catch(() => {
      this.folderReady = false // the folder may have gone (stick unplugged): make it again next time
    })
    return run
  }

  private async writeNow(text: string): Promise<void> {
    const folder = dirname(this.path)
    // Every file-system call is a trip through the event loop, which under a room of phones is busy:
    // calls that are only needed once (or rarely) are not repeated on every save.
    if (!this.folderReady) {
      await this.fs.mkdir(folder, { recursive: true })
      this.folderReady = true
    }
    // A damaged file that could not be moved aside must never be replaced by a save (nor become the .bak).
    for (const [path, reason] of [...this.notMovedYet]) await this.moveAside(path, reason, true)
    await writeFileDurably(this.fs, this.path, text, { beforeReplace: () => this.keepBackupOfCurrent() })
  }

  /** The file about to be replaced becomes `.bak` (a hard link: no copy, and atomic via rename). */
  private async keepBackupOfCurrent(): Promise<void> {
    const staging = `${this.backupPath}.${process.pid}.tmp`
    try {
      await this.fs.link(this.path, staging).catch(async (error: unknown) => {
        if (errorCode(error) !== 'EEXIST') throw error
        // Left over from an interrupted save: remove it and link again.
        await this.fs.unlink(staging)
        await this.fs.link(this.path, staging)
      })
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return // first write: nothing to keep yet
      // File systems without hard links (FAT32 sticks): copy instead.
      try {
        await this.fs.copyFile(this.path, staging)
      } catch (copyError) {
        // Some refuse the link before looking at the source: the first write has nothing to keep.
        if (errorCode(copyError) === 'ENOENT') return
        throw copyError
      }
    }
    await renameRetrying(this.fs, staging, this.backupPath)
  }

  /**
   * Only content that was read and failed to parse is damage. An error while reading (locked by antivirus, too many
   * open files, a disk hiccup) is retried, then reported as unreadable: never quarantined.
   */
  private async readText(
    path: string
  ): Promise<{ text: string } | { state: 'missing' } | { state: 'unreadable'; error: unknown }> {
    const delays = this.options.readRetryDelaysMs ?? READ_RETRY_DELAYS_MS
    for (let attempt = 0; ; attempt++) {
      try {
        return { text: await this.fs.readFile(path, 'utf8') }
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return { state: 'missing' }
        const delay = delays[attempt]
        if (delay === undefined) return { state: 'unreadable', error }
        await new Promise((resolve) => setTimeout(resolve, delay))
      }
    }
  }

  private async load(path: string): Promise<LoadResult<T>> {
    const read = await this.readText(path)
    if (!('text' in read)) return read
    const text = read.text
    if (text.trim() === '') return { state: 'bad', reason: userMessage('reason.empty-file') }
    if (text.includes('\u0000')) return { state: 'bad', reason: userMessage('reason.zero-bytes') }
    let raw: unknown
    try {
      raw = JSON.parse(text)
    } catch (error) {
      return { state: 'bad', reason: jsonSyntaxReason(error, text) }
    }
    try {
      return { state: 'ok', data: this.options.parse(raw) }
    } catch (error) {
      if (error instanceof NewerSchemaError) return { state: 'newer', error }
      return { state: 'bad', reason: reasonOf(error) }
    }
  }

  /**
   * Moves a damaged file aside and reports it. When the folder refuses (read-only disk), the file is
   * left where it is and remembered: every save first tries again to move it, and fails until it can.
   */
  private async moveAside(path: string, reason: UserMessage, throwIfRefused = false): Promise<void> {
    let movedTo: string
    try {
      movedTo = await this.quarantine(path)
    } catch (error) {
      if (errorCode(error) === 'ENOENT') {
        this.notMovedYet.delete(path) // gone meanwhile (moved by hand): nothing left to protect
        return
      }
      this.notMovedYet.set(path, reason)
      if (throwIfRefused) throw error
      return
    }
    this.notMovedYet.delete(path)
    this.options.onIncident({ kind: 'quarantined', file: path, movedTo, reason })
  }

  private async quarantine(path: string): Promise<string> {
    const stamp = (this.options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-')
    let target = `${path}.corrupt-${stamp}`
    for (let n = 2; await exists(this.fs, target); n++) target = `${path}.corrupt-${stamp}-${n}`
    await this.fs.rename(path, target)
    return target
  }
}

async function exists(fs: DurableFs, path: string): Promise<boolean> {
  try {
    await fs.stat(path)
    return true
  } catch {
    return false
  }
}

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined
}

/** Temp and staging names: `.<file>.<pid>.<n>.tmp` (durable-write.ts) and `<file>.bak.<pid>.tmp` (above). */
const TEMP_FILE = /\.(\d+)(\.\d+)?\.tmp$/

/**
 * Removes the temp files a power cut or kill -9 left half-written in `folder`. Only safe while this
 * process holds the data-folder lock (no other Roundtable can be writing them); files of this
 * process are kept. The saved files themselves are never touched: a leftover temp is never the
 * only copy, because a write is acknowledged only after its rename.
 */
export async function removeLeftoverTempFiles(folder: string): Promise<string[]> {
  const names = await nodeFs.readdir(folder).catch(() => [] as string[])
  const removed: string[] = []
  for (const name of names) {
    const match = TEMP_FILE.exec(name)
    if (!match || Number(match[1]) === process.pid) continue
    const path = join(folder, name)
    try {
      await nodeFs.unlink(path)
      removed.push(path)
    } catch {
      // Read-only folder or already gone: harmless, it is tried again at the next start.
    }
  }
  return removed
}
