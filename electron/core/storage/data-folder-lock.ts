import { promises as fs } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { errorCode } from './durable-json-file'
import { LocalizedError, userMessage } from '../../shared/i18n/user-message'

/**
 * One running Roundtable per data folder: the desktop app and browser mode (or two `npm start`s)
 * would otherwise overwrite each other's saves. The lock file names the process holding it; a lock
 * left by a process that no longer runs (power cut, kill -9), or not touched for a minute (its process id
 * may now name another program), is taken over.
 */
export const LOCK_FILE = 'roundtable.lock'

export class DataFolderBusyError extends LocalizedError {
  constructor(
    readonly dataDir: string,
    readonly pid: number
  ) {
    super(userMessage('error.data-folder-busy', { folder: dataDir, pid }))
    this.name = 'DataFolderBusyError'
  }
}

export interface DataFolderLock {
  /** False when the folder is read-only or the disk is full: the app then runs without a lock (it cannot save anyway). */
  held: boolean
  /** Why the lock could not be written (an error code such as ENOSPC), when `held` is false. */
  notHeldBecause?: string
  release(): Promise<void>
}

export interface LockOptions {
  /** How often a running app touches its lock file, so its lock always looks alive. */
  heartbeatMs?: number
  /**
   * A lock not touched for this long belongs to no running Roundtable, even if its process id now names some other
   * process (ids are reused after a power cut): it is taken over.
   */
  staleAfterMs?: number
  fs?: Pick<typeof fs, 'mkdir' | 'writeFile' | 'readFile' | 'unlink' | 'stat' | 'utimes'>
}

/** Errors that mean "this folder cannot be written now": run without the lock rather than not at all. */
const CANNOT_WRITE = new Set(['EACCES', 'EROFS', 'EPERM', 'ENOSPC', 'EDQUOT'])

export async function lockDataFolder(dataDir: string, options: LockOptions = {}): Promise<DataFolderLock> {
  const files = options.fs ?? fs
  const path = join(dataDir, LOCK_FILE)
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() })
  await files.mkdir(dataDir, { recursive: true }).catch(() => undefined)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await files.writeFile(path, mine, { flag: 'wx' })
      return heldLock(files, path, options.heartbeatMs ?? 10_000)
    } catch (error) {
      const code = errorCode(error)
      if (code && CANNOT_WRITE.has(code)) return { held: false, notHeldBecause: code, release: async () => undefined }
      if (code !== 'EEXIST') throw error
    }
    const holder = await readHolder(files, path)
    const alive = holder !== null && (await touchedWithin(files, path, options.staleAfterMs ?? 60_000))
    if (holder && alive && holder.host === hostname() && isRunning(holder.pid))
      throw new DataFolderBusyError(dataDir, holder.pid)
    await files.unlink(path).catch(() => undefined) // stale: its process is gone, or its id now names another
  }
  throw new Error(`could not lock the data folder ${dataDir}`)
}

/** The lock, kept looking alive by touching its file (no data written, so it works on a full disk too). */
function heldLock(files: NonNullable<LockOptions['fs']>, path: string, heartbeatMs: number): DataFolderLock {
  const heartbeat = setInterval(() => {
    const now = new Date()
    files.utimes(path, now, now).catch(() => undefined)
  }, heartbeatMs)
  heartbeat.unref()
  return {
    held: true,
    release: async () => {
      clearInterval(heartbeat)
      await files.unlink(path).catch(() => undefined)
    }
  }
}

async function touchedWithin(files: NonNullable<LockOptions['fs']>, path: string, ms: number): Promise<boolean> {
  try {
    return Date.now() - (await files.stat(path)).mtimeMs < ms
  } catch {
    return false
  }
}

async function readHolder(
  files: NonNullable<LockOptions['fs']>,
  path: string
): Promise<{ pid: number; host: string } | null> {
  try {
    const holder = JSON.parse(await files.readFile(path, 'utf8')) as { pid?: unknown; host?: unknown }
    return typeof holder.pid === 'number' && typeof holder.host === 'string'
      ? { pid: holder.pid, host: holder.host }
      : null
  } catch {
    return null
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return errorCode(error) === 'EPERM' // exists, but belongs to another user
  }
}
