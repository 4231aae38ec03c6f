import { promises as fs, readFileSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import { expect } from 'vitest'
import type { DurableFs } from '../core/storage/durable-json-file'

/*
 * Test support (not shipped): a file-system layer that records, in order, every call that matters
 * for durability, and the check that proves "acknowledged" always came after "durable". Used by the
 * storage tests and, end to end, by the phone-answer test (HTTP reply after the session file's fsync).
 */

export const isTemp = (path: string): boolean => basename(path).startsWith('.') && path.endsWith('.tmp')

export type FsEvent =
  | { op: 'open' | 'writeFile' | 'sync' | 'close'; path: string }
  | { op: 'rename'; from: string; to: string; content: string | null }
  | { op: 'link' | 'copyFile'; from: string; to: string }
  /** Pushed by the test when the caller learns its write succeeded (a promise resolved, a reply arrived). */
  | { op: 'resolved'; write: number }

/**
 * The real file system, with every durability-relevant call recorded in order. `rename` also
 * records what the file being renamed holds at that moment, so a test can tell which data a
 * commit carried.
 */
export function recordingFs(events: FsEvent[]): DurableFs {
  return {
    ...fs,
    open: (async (path: string, flags: string) => {
      const handle = await fs.open(path, flags)
      events.push({ op: 'open', path })
      const writeFileOriginal = handle.writeFile.bind(handle)
      const syncOriginal = handle.sync.bind(handle)
      const closeOriginal = handle.close.bind(handle)
      handle.writeFile = (async (...args: Parameters<typeof handle.writeFile>) => {
        events.push({ op: 'writeFile', path })
        return writeFileOriginal(...args)
      }) as typeof handle.writeFile
      handle.sync = async () => {
        await syncOriginal()
        events.push({ op: 'sync', path })
      }
      handle.close = async () => {
        await closeOriginal()
        events.push({ op: 'close', path })
      }
      return handle
    }) as DurableFs['open'],
    rename: (async (from: string, to: string) => {
      const content = isTemp(from) ? readFileSync(from, 'utf8') : null
      await fs.rename(from, to)
      events.push({ op: 'rename', from: String(from), to: String(to), content })
    }) as DurableFs['rename'],
    link: (async (from: string, to: string) => {
      await fs.link(from, to)
      events.push({ op: 'link', from: String(from), to: String(to) })
    }) as DurableFs['link']
  }
}

/**
 * Checks, on a recorded trace, that every commit of `path` was: temp written → temp fsynced →
 * renamed over the file → folder fsynced, and that every acknowledged write (a `resolved` event)
 * came after the folder fsync of a commit whose content `carries` that write.
 */
export function expectDurableOrdering(
  events: FsEvent[],
  path: string,
  carries: (content: string, write: number) => boolean
): void {
  const folder = dirname(path)
  const commits = events.flatMap((e, index) =>
    e.op === 'rename' && e.to === path && isTemp(e.from) ? [{ e, index }] : []
  )
  expect(commits.length).toBeGreaterThan(0)
  for (const [n, { e, index }] of commits.entries()) {
    const temp = (e as { from: string }).from
    const wrote = events.findIndex((x) => x.op === 'writeFile' && 'path' in x && x.path === temp)
    const synced = events.findIndex((x) => x.op === 'sync' && 'path' in x && x.path === temp)
    expect(wrote, `commit ${n}: temp written`).toBeGreaterThanOrEqual(0)
    expect(synced, `commit ${n}: temp fsynced after it was written`).toBeGreaterThan(wrote)
    expect(synced, `commit ${n}: temp fsynced before the rename`).toBeLessThan(index)
    const nextCommit = commits[n + 1]?.index ?? events.length
    const folderSync = events.findIndex((x, i) => i > index && x.op === 'sync' && 'path' in x && x.path === folder)
    expect(folderSync, `commit ${n}: folder fsynced after the rename`).toBeGreaterThan(index)
    expect(folderSync, `commit ${n}: folder fsynced before the next commit`).toBeLessThan(nextCommit)
  }
  for (const [index, e] of events.entries()) {
    if (e.op !== 'resolved') continue
    // The commits whose folder fsync finished before this acknowledgement.
    const durable = commits.filter(({ index: r }) =>
      events.some((x, i) => i > r && i < index && x.op === 'sync' && 'path' in x && x.path === folder)
    )
    expect(durable.length, `write ${e.write} acknowledged before anything was durable`).toBeGreaterThan(0)
    // The newest durable commit holds everything saved so far: it must carry this write.
    const newest = durable.at(-1)!.e as { content: string }
    expect(carries(newest.content, e.write), `write ${e.write} acknowledged before its data was durable`).toBe(true)
  }
}
