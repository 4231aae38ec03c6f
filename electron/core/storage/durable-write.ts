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
    await fs.rename(temp, path)
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
