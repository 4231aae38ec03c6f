import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { promises as fs } from 'node:fs'
import { mkdtemp, readFile, stat, utimes, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DataFolderBusyError, LOCK_FILE, lockDataFolder } from './data-folder-lock'

const folder = () => mkdtemp(join(tmpdir(), 'roundtable-lock-'))
const holderFile = (pid: number) => JSON.stringify({ pid, host: hostname(), at: new Date().toISOString() })

describe('one Roundtable per data folder', () => {
  it('takes the lock, names this process in it, and gives it back', async () => {
    const dir = await folder()
    const lock = await lockDataFolder(dir)
    expect(lock.held).toBe(true)
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid)
    await lock.release()
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
  })

  it('refuses while another running process holds the folder', async () => {
    const dir = await folder()
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'])
    try {
      await writeFile(join(dir, LOCK_FILE), holderFile(other.pid!))
      await expect(lockDataFolder(dir)).rejects.toBeInstanceOf(DataFolderBusyError)
      await expect(lockDataFolder(dir)).rejects.toThrow(/already running/)
    } finally {
      other.kill('SIGKILL')
    }
  })

  it('takes over a lock left by a process that is gone (power cut, kill -9)', async () => {
    const dir = await folder()
    const gone = spawn(process.execPath, ['-e', ''])
    await new Promise((resolve) => gone.once('exit', resolve))
    await writeFile(join(dir, LOCK_FILE), holderFile(gone.pid!))
    const lock = await lockDataFolder(dir)
    expect(lock.held).toBe(true)
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid)
    await lock.release()
  })

  it('takes over a damaged lock file', async () => {
    const dir = await folder()
    await writeFile(join(dir, LOCK_FILE), 'not json')
    expect((await lockDataFolder(dir)).held).toBe(true)
  })

  it('takes over a stale lock whose process id now names another program (power cut, then the id was reused)', async () => {
    const dir = await folder()
    const unrelated = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'])
    try {
      await writeFile(join(dir, LOCK_FILE), holderFile(unrelated.pid!))
      const longAgo = new Date(Date.now() - 5 * 60_000)
      await utimes(join(dir, LOCK_FILE), longAgo, longAgo)
      const lock = await lockDataFolder(dir)
      expect(lock.held).toBe(true)
      expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid)
      await lock.release()
    } finally {
      unrelated.kill('SIGKILL')
    }
  })

  it('keeps its own lock looking alive while it runs, so a second app never takes it over', async () => {
    const dir = await folder()
    const lock = await lockDataFolder(dir, { heartbeatMs: 20 })
    const longAgo = new Date(Date.now() - 5 * 60_000)
    await utimes(join(dir, LOCK_FILE), longAgo, longAgo)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(Date.now() - (await stat(join(dir, LOCK_FILE))).mtimeMs).toBeLessThan(5_000)
    await lock.release()
  })

  it('starts without a lock on a full disk, and says why', async () => {
    const dir = await folder()
    const full = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
    const fullDisk = { ...fs, writeFile: async () => Promise.reject(full) } as unknown as typeof fs
    const lock = await lockDataFolder(dir, { fs: fullDisk })
    expect(lock).toMatchObject({ held: false, notHeldBecause: 'ENOSPC' })
    await lock.release()
  })
})
