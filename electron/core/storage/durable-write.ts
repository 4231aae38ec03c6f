import { promises as nodeFs } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/** The file-system calls a durable write makes. Tests pass a wrapper that records their order. */
export interface DurableWriteFs {
  open: typeof nodeFs.open
  rename: typeof nodeFs.rename
  unlink: typeof nodeFs.unlink
}

export interface DurableWriteOptions {
  /** Runs once the new content is durable in its temp file, just before it replaces the file. */
  beforeReplace?: () => Promise<void>
  /** Pauses between tries of a rename the system refused (tests shorten them). */
  renameRetryDelaysMs?: readonly number[]
}

/**
 * On Windows, antivirus, search indexers and backup tools open new files for a moment, and a rename over such a
 * file fails with EPERM, EBUSY or EACCES. Trying again shortly after works; about 4 seconds in all before giving up.
 */
const RENAME_RETRY_DELAYS_MS = [20, 50, 100, 200, 400, 800, 1_200, 1_500]
const RETRIED_RENAME_CODES = new Set(['EPERM', 'EBUSY', 'EACCES'])

/** `rename`, tried again while the system says the file is in use. The last refusal is thrown. */
export async function renameRetrying(
  fs: Pick<DurableWriteFs, 'rename'>,
  from: string,
  to: string,
  delaysMs: readonly number[] = RENAME_RETRY_DELAYS_MS
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fs.rename(from, to)
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : ''
      const delay = delaysMs[attempt]
      if (!RETRIED_RENAME_CODES.has(code) || delay === undefined) throw error
      await new Promise((resolve) => setTimeout(resolve, delay))
    }
  }
}

let tempCounter = 0

/**
 * The temp file a write goes through: `.<name>.<pid>.<n>.tmp` beside the file, so a rename never
 * crosses file systems, and `removeLeftoverTempFiles` recognises what a power cut left behind.
 */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${++tempCounter}.tmp`)
}

/**
 * The one way the app replaces a file so that it survives a power cut:
 *   write temp → fsync temp → rename temp over the file → fsync the folder.
 * Resolves only after the folder fsync, so "saved" means durable. On failure the temp is removed and
 * the old file is untouched.
 */
export async function writeFileDurably(
  fs: DurableWriteFs,
  path: string,
  data: string | Uint8Array,
  options: DurableWriteOptions = {}
): Promise<void> {
  const temp = tempPathFor(path)
  const handle = await fs.open(temp, 'w')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } catch (error) {
    await handle.close().catch(() => undefined)
    await fs.unlink(temp).catch(() => undefined)
    throw error
  }
  await handle.close()
  try {
    await options.beforeReplace?.()
    // The temp file is kept while the rename is retried: it holds the only copy of the new data.
    await renameRetrying(fs, temp, path, options.renameRetryDelaysMs)
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined)
    throw error
  }
  await syncFolder(fs, dirname(path))
}

/** Makes a rename in `folder` durable (the folder's entry list is what a power cut loses otherwise). */
export async function syncFolder(fs: Pick<DurableWriteFs, 'open'>, folder: string): Promise<void> {
  // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return
  const handle = await fs.open(folder, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}
