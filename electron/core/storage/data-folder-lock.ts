import { promises as fs } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { errorCode } from './durable-json-file'
import { LocalizedError, userMessage } from '../../shared/i18n/user-message'

/**
 * One running Roundtable per data folder: the desktop app and browser mode (or two `npm start`s)
 * would otherwise overwrite each other's saves. The lock file names the process holding it; a lock
 * left by a process that no longer runs (power cut, kill -9) is taken over.
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
  /** False when the folder is read-only: the app then runs without a lock (it cannot save anyway). */
  held: boolean
  release(): Promise<void>
}

export async function lockDataFolder(dataDir: string): Promise<DataFolderLock> {
  const path = join(dataDir, LOCK_FILE)
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() })
  await fs.mkdir(dataDir, { recursive: true }).catch(() => undefined)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(path, mine, { flag: 'wx' })
      return { held: true, release: () => fs.unlink(path).catch(() => undefined) }
    } catch (error) {
      const code = errorCode(error)
      if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM')
        return { held: false, release: async () => undefined }
      if (code !== 'EEXIST') throw error
    }
    const holder = await readHolder(path)
    if (holder && holder.host === hostname() && isRunning(holder.pid))
      throw new DataFolderBusyError(dataDir, holder.pid)
    await fs.unlink(path).catch(() => undefined) // stale: its process is gone
  }
  throw new Error(`could not lock the data folder ${dataDir}`)
}

async function readHolder(path: string): Promise<{ pid: number; host: string } | null> {
  try {
    const holder = JSON.parse(await fs.readFile(path, 'utf8')) as { pid?: unknown; host?: unknown }
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
