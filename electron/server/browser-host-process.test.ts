import { spawn, spawnSync, type SpawnOptions } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, chown, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  dataFiles,
  dataFolder,
  hostBuilt,
  hostScript,
  killAndWait,
  pause,
  root,
  sessionWithPhonePoll,
  startHost,
  stopHostsAndCleanUp,
  track,
  until
} from '../testing/host-process'

/**
 * The real browser-mode host process (built by `npx electron-vite build` into out/main/browser-host.js),
 * killed with SIGKILL mid-save as a crash would, started on damaged files, and run on a read-only disk.
 */
afterEach(stopHostsAndCleanUp)

const randomKillDelay = () => 50 + Math.random() * 350

describe.skipIf(!hostBuilt)(`the host process (${relative(root, hostScript)}) under crashes and bad disks`, () => {
  it('kill -9 while saving the language in a loop: files always parse, nothing acknowledged is lost', async () => {
    const dataDir = await dataFolder('kill')
    // What is known to be durable; carried over from round to round.
    let acknowledged: string | null = null
    for (let round = 0; round < 10; round++) {
      const host = await startHost(dataDir)
      let requested: string | null = acknowledged
      let saves = 0
      let running = true
      const loop = (async () => {
        while (running) {
          // Random rather than alternating: when the in-flight request repeats the acknowledged
          // language, the file must hold exactly that one, so an older value would be caught.
          const language = Math.random() < 0.5 ? 'vi' : 'en'
          requested = language
          try {
            const reply = await host.call('settings.setLanguage', { language })
            if (!reply.ok) throw new Error(JSON.stringify(reply))
            acknowledged = language
            saves++
          } catch (error) {
            if (running) throw error // an error before the kill is a real failure
            return // the host died mid-request
          }
        }
      })()
      // The first request of a fresh host waits for its start-up work; the clock starts once a few saves
      // went through, so the kill lands in the middle of the loop however slow the machine's disk is.
      expect(await until(() => saves >= 3, 20_000), host.output()).toBe(true)
      await pause(randomKillDelay())
      running = false
      await killAndWait(host.child)
      await loop

      for (const file of await dataFiles(dataDir)) {
        const text = await readFile(file, 'utf8')
        expect(() => JSON.parse(text), `${file} after round ${round}`).not.toThrow()
        expect(JSON.parse(text).schemaVersion, file).toBe(1)
      }
      expect((await readdir(dataDir)).filter((n) => n.includes('.corrupt-'))).toEqual([])
      const libraryFile = join(dataDir, 'library.json')
      let onDisk: string | null = null
      if (existsSync(libraryFile)) {
        onDisk = JSON.parse(await readFile(libraryFile, 'utf8')).settings.language as string
        // The last acknowledged value, or the one requested after it; never an older one.
        expect([acknowledged, requested], `round ${round}`).toContain(onDisk)
        if (acknowledged === requested) expect(onDisk, `round ${round}`).toBe(acknowledged)
      } else {
        // Killed before the very first save finished: then nothing may have been acknowledged either.
        expect(acknowledged, `round ${round}`).toBeNull()
      }
      acknowledged = onDisk

      const restarted = await startHost(dataDir)
      const info = await restarted.call('app.info')
      expect(info.ok).toBe(true)
      expect(info.result.notices, `round ${round}: a clean crash needs no repair`).toEqual([])
      if (onDisk) expect(info.result.settings.language).toBe(onDisk)
      await killAndWait(restarted.child)
    }
  }, 120_000)

  it('kill -9 while counting attendance in a session: the count on disk is never below the last acknowledged one', async () => {
    const dataDir = await dataFolder('kill-session')
    const first = await startHost(dataDir)
    const workshops = (await first.call('library.list')).result as {
      id: string
      version: string | null
      problems: unknown[]
    }[]
    const workshop = workshops.find((w) => w.version && w.problems.length === 0)
    expect(workshop, 'a valid bundled workshop').toBeDefined()
    const started = await first.call('session.start', {
      workshopId: workshop!.id,
      details: { venue: 'Hội trường', date: '2026-03-01', trainer: 'Lan', language: 'vi', plannedStart: '08:30' }
    })
    expect(started.ok, JSON.stringify(started.error)).toBe(true)
    const sessionId = started.result.id as string
    const sessionFile = join(dataDir, 'sessions', `${sessionId}.json`)
    await killAndWait(first.child)

    let count = 0
    for (let round = 0; round < 5; round++) {
      const host = await startHost(dataDir)
      let acknowledged = count
      let running = true
      const startedAt = count
      const loop = (async () => {
        while (running) {
          const next = count + 1
          count = next
          try {
            const reply = await host.call('session.command', {
              id: sessionId,
              command: { type: 'attendanceSet', sex: 'female', ageGroup: '18-24', count: next }
            })
            if (!reply.ok) throw new Error(JSON.stringify(reply))
            expect(reply.result.saved).toBe(true)
            acknowledged = next
          } catch (error) {
            if (running) throw error
            return
          }
        }
      })()
      expect(await until(() => acknowledged > startedAt, 10_000), host.output()).toBe(true)
      await pause(randomKillDelay())
      running = false
      await killAndWait(host.child)
      await loop

      const file = JSON.parse(await readFile(sessionFile, 'utf8'))
      const onDisk = file.session.attendance.female['18-24'] as number
      expect(onDisk, `round ${round}`).toBeGreaterThanOrEqual(acknowledged)
      expect(onDisk, `round ${round}`).toBeLessThanOrEqual(count)
      count = onDisk // the next round counts on from what survived

      const restarted = await startHost(dataDir)
      const session = await restarted.call('session.get', { id: sessionId })
      expect(session.ok).toBe(true)
      expect(session.result.attendance.female['18-24']).toBe(onDisk)
      await killAndWait(restarted.child)
    }
    expect(count, 'the loop made progress').toBeGreaterThan(25)
  }, 45_000)

  it('moves a corrupt library file aside, tells the user, and carries on from the backup', async () => {
    const dataDir = await dataFolder('corrupt')
    const first = await startHost(dataDir)
    expect((await first.call('settings.setLanguage', { language: 'en' })).ok).toBe(true)
    expect((await first.call('settings.setLanguage', { language: 'en' })).ok).toBe(true) // the .bak now holds "en" too
    await killAndWait(first.child)
    const garbage = Buffer.from([0x00, 0x00, 0x7b, 0x22, 0xff, 0xfe, ...Buffer.from('garbage')])
    await writeFile(join(dataDir, 'library.json'), garbage)

    const second = await startHost(dataDir)
    const info = (await second.call('app.info')).result as {
      settings: { language: string }
      notices: { id: string; kind: string; file: string; movedTo?: string; reason?: { key: string } }[]
    }
    expect(info.settings.language).toBe('en')
    expect(info.notices.map((n) => n.kind)).toEqual(['quarantined', 'restored-from-backup'])
    const moved = (await readdir(dataDir)).filter((n) => n.startsWith('library.json.corrupt-'))
    expect(moved).toHaveLength(1)
    expect(info.notices[0]!.movedTo).toBe(join(dataDir, moved[0]!))
    expect(info.notices[0]!.reason).toEqual({ key: 'reason.zero-bytes', params: {} })
    expect(await readFile(join(dataDir, moved[0]!))).toEqual(garbage) // moved, not deleted or altered
    expect(JSON.parse(await readFile(join(dataDir, 'library.json'), 'utf8')).settings.language).toBe('en')
    // The notices can be dismissed, and the app keeps saving normally.
    const left = await second.call('notices.dismiss', { id: info.notices[0]!.id })
    expect(left.result.map((n: { kind: string }) => n.kind)).toEqual(['restored-from-backup'])
    expect((await second.call('settings.setLanguage', { language: 'vi' })).ok).toBe(true)
    expect(JSON.parse(await readFile(join(dataDir, 'library.json'), 'utf8')).settings.language).toBe('vi')
  })

  const damagedSessionFiles: [string, (good: Buffer) => Buffer][] = [
    ['truncated', (good) => good.subarray(0, Math.floor(good.length / 2))],
    ['zero-filled', (good) => Buffer.alloc(good.length)],
    ['garbage', () => Buffer.from([0xff, 0xfe, 0x00, 0x7b, ...Buffer.from('garbage')])],
    ['wrong-schema', () => Buffer.from(JSON.stringify({ schemaVersion: 1, session: { id: 42, polls: 'none' } }))]
  ]
  it.each(damagedSessionFiles)(
    'a %s session file is moved aside on start, the session comes back from its backup, and the trainer is told',
    async (_name, damage) => {
      const dataDir = await dataFolder('corrupt-session')
      const first = await startHost(dataDir)
      const { sessionId } = await sessionWithPhonePoll(first)
      const command = { type: 'attendanceSet', sex: 'female', ageGroup: '18-24', count: 7 }
      expect((await first.call('session.command', { id: sessionId, command })).ok).toBe(true)
      await killAndWait(first.child)
      const sessionFile = join(dataDir, 'sessions', `${sessionId}.json`)
      const backup = JSON.parse(await readFile(`${sessionFile}.bak`, 'utf8')).session
      const damaged = damage(await readFile(sessionFile))
      await writeFile(sessionFile, damaged)

      const second = await startHost(dataDir)
      // Told at start, before anyone opens the session.
      const notices = (await second.call('app.info')).result.notices as {
        kind: string
        file: string
        movedTo?: string
      }[]
      expect(notices.map((n) => [n.kind, n.file])).toEqual([
        ['quarantined', sessionFile],
        ['restored-from-backup', sessionFile]
      ])
      const moved = (await readdir(join(dataDir, 'sessions'))).filter((n) => n.startsWith(`${sessionId}.json.corrupt-`))
      expect(moved).toHaveLength(1)
      expect(await readFile(join(dataDir, 'sessions', moved[0]!))).toEqual(damaged) // kept byte for byte
      // The session resumes from the backup (the last save but one), and keeps saving.
      const session = await second.call('session.get', { id: sessionId })
      expect(session.result).toEqual(backup)
      expect((await second.call('session.command', { id: sessionId, command })).ok).toBe(true)
      expect(JSON.parse(await readFile(sessionFile, 'utf8')).session.attendance.female['18-24']).toBe(7)
    }
  )

  it('refuses a second host on the same data folder with a clear message, and frees it when stopped', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'roundtable-twice-'))
    const first = await startHost(dataDir)
    const second = spawn(process.execPath, [hostScript, '--port', '0', '--data-dir', dataDir], { cwd: root })
    track(second)
    let stderr = ''
    second.stderr!.on('data', (chunk: Buffer) => (stderr += chunk))
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve))
    expect(code).toBe(1)
    expect(stderr).toMatch(/already running with the data folder/)
    first.child.kill('SIGTERM')
    await new Promise((resolve) => first.child.once('exit', resolve))
    const third = await startHost(dataDir)
    expect((await third.call('app.info')).ok).toBe(true)
  })

  it('leaves a library file from a newer version untouched', async () => {
    const dataDir = await dataFolder('newer')
    const future = JSON.stringify({ schemaVersion: 2, settings: { language: 'en' }, somethingNew: [1, 2, 3] })
    await writeFile(join(dataDir, 'library.json'), future)
    const host = await startHost(dataDir)
    const info = await host.call('app.info')
    expect(info.result.notices.map((n: { kind: string }) => n.kind)).toEqual(['newer-version'])
    expect((await host.call('settings.setLanguage', { language: 'en' })).ok).toBe(true)
    expect(await readFile(join(dataDir, 'library.json'), 'utf8')).toBe(future)
    expect(host.child.exitCode).toBeNull()
  })

  describe('on a read-only data folder', () => {
    const asRoot = process.getuid?.() === 0
    /** Root ignores permission bits, so as root the host runs as the unprivileged user `nobody`. */
    function nobody(): { uid: number; gid: number } | string {
      if (process.platform === 'win32') return 'folder permission bits do not apply on Windows'
      const uid = Number(spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout.trim())
      const gid = Number(spawnSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).stdout.trim())
      if (!uid || !Number.isInteger(gid)) return 'there is no user nobody to run the host as'
      const su = spawnSync('su', ['nobody', '-s', '/bin/sh', '-c', `cat ${join(root, 'package.json')}`], {
        encoding: 'utf8'
      })
      if (su.status !== 0)
        return `user nobody cannot read the repository (${su.stderr.trim() || `su exited ${su.status}`})`
      const canLoad = spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `await import('hono'); (await import('node:fs')).readFileSync(${JSON.stringify(hostScript)})`
        ],
        {
          cwd: root,
          uid,
          gid
        }
      )
      if (canLoad.status !== 0) return `user nobody cannot load the built host: ${canLoad.stderr.toString().trim()}`
      return { uid, gid }
    }

    async function readOnlyFolder(prefix: string, files: Record<string, string | Buffer>) {
      const dataDir = await dataFolder(prefix)
      for (const [name, content] of Object.entries(files)) await writeFile(join(dataDir, name), content)
      let ids: SpawnOptions = {}
      if (asRoot) {
        const user = nobody()
        if (typeof user === 'string') return { skip: user }
        ids = user
        for (const name of ['', ...Object.keys(files)]) await chown(join(dataDir, name), user.uid, user.gid)
      }
      await chmod(dataDir, 0o555)
      return { dataDir, ids }
    }

    it('keeps a change in memory, reports EACCES, stays up, and saves once the folder is writable', async (context) => {
      const library = JSON.stringify({ schemaVersion: 1, settings: { language: 'vi' }, sessions: [] })
      const setup = await readOnlyFolder('readonly', { 'library.json': library })
      if ('skip' in setup) return context.skip(setup.skip)
      const { dataDir, ids } = setup
      const host = await startHost(dataDir, ids)

      const reply = await host.call('settings.setLanguage', { language: 'en' })
      expect(reply).toMatchObject({ ok: true, result: { language: 'en' } })
      const info = await host.call('app.info')
      expect(info.result.settings.language).toBe('en')
      const failed = info.result.notices.filter((n: { kind: string }) => n.kind === 'save-failed')
      expect(failed).toHaveLength(1)
      expect(failed[0].reason).toEqual({ key: 'reason.no-permission', params: { code: 'EACCES' } })
      expect(failed[0].file).toBe(join(dataDir, 'library.json'))
      expect(await readFile(join(dataDir, 'library.json'), 'utf8')).toBe(library)

      // A second change: still answered, still one notice, still up.
      expect((await host.call('settings.setLanguage', { language: 'vi' })).ok).toBe(true)
      expect((await host.call('settings.setLanguage', { language: 'en' })).ok).toBe(true)
      await pause(300)
      expect(host.child.exitCode).toBeNull()
      const again = await host.call('app.info')
      expect(again.result.notices.filter((n: { kind: string }) => n.kind === 'save-failed')).toHaveLength(1)

      // The disk accepts writes again: the host's retry (every 3 s) saves what was kept in memory.
      await chmod(dataDir, 0o755)
      const deadline = Date.now() + 10_000
      let notices: { kind: string }[] = []
      while (Date.now() < deadline) {
        notices = (await host.call('app.info')).result.notices
        if (notices.some((n) => n.kind === 'save-recovered')) break
        await pause(200)
      }
      expect(notices.map((n) => n.kind)).toEqual(['save-recovered'])
      expect(JSON.parse(await readFile(join(dataDir, 'library.json'), 'utf8')).settings.language).toBe('en')
    }, 30_000)

    it('starts from the backup when the library file is damaged and cannot be moved aside', async (context) => {
      const damaged = Buffer.from('\u0000\u0000{"schemaVersion":1,"sett')
      const backup = JSON.stringify({ schemaVersion: 1, settings: { language: 'en' }, sessions: [] })
      const setup = await readOnlyFolder('readonly-damaged', { 'library.json': damaged, 'library.json.bak': backup })
      if ('skip' in setup) return context.skip(setup.skip)
      const { dataDir, ids } = setup
      const host = await startHost(dataDir, ids) // must start at all
      const info = await host.call('app.info')
      expect(info.result.settings.language).toBe('en')
      expect(info.result.notices.map((n: { kind: string }) => n.kind)).toEqual(['restored-from-backup'])
      expect((await host.call('settings.setLanguage', { language: 'vi' })).ok).toBe(true)
      const after = await host.call('app.info')
      expect(after.result.notices.map((n: { kind: string }) => n.kind)).toEqual(['restored-from-backup', 'save-failed'])
      // The damaged file is neither deleted nor replaced while the folder is read-only.
      expect(await readFile(join(dataDir, 'library.json'))).toEqual(damaged)
      expect(await readFile(join(dataDir, 'library.json.bak'), 'utf8')).toBe(backup)
      expect(host.child.exitCode).toBeNull()
    }, 30_000)
  })
})
