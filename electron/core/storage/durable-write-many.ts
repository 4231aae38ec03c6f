import { dirname } from 'node:path'
import { renameRetrying, syncFolder, tempPathFor, type DurableWriteFs } from './durable-write'

/** How many temp files are written and fsynced at once (their fsyncs share the file system's journal commits). */
const TOGETHER = 16

/**
 * Replaces many files so that they survive a power cut, as `writeFileDurably` does for one, but with one
 * folder fsync per folder instead of one per file: every temp file is written and fsynced (a few at a time,
 * so their fsyncs are committed together), then each is renamed over its file, then each folder is fsynced
 * once. Resolves only when all are durable; on a failure the temp files not yet renamed are removed (files
 * renamed before it keep their new content, each whole).
 */
export async function writeFilesDurably(
  fs: DurableWriteFs,
  files: readonly { path: string; data: string }[]
): Promise<void> {
  const temps = files.map((file) => ({ ...file, temp: tempPathFor(file.path), renamed: false }))
  try {
    for (let start = 0; start < temps.length; start += TOGETHER) {
      await Promise.all(temps.slice(start, start + TOGETHER).map((file) => writeSynced(fs, file.temp, file.data)))
    }
    for (const file of temps) {
      await renameRetrying(fs, file.temp, file.path)
      file.renamed = true
    }
  } catch (error) {
    await Promise.all(temps.filter((f) => !f.renamed).map((f) => fs.unlink(f.temp).catch(() => undefined)))
    throw error
  }
  for (const folder of new Set(temps.map((file) => dirname(file.path)))) await syncFolder(fs, folder)
}

async function writeSynced(fs: DurableWriteFs, path: string, data: string): Promise<void> {
  const handle = await fs.open(path, 'w')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}
