import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, chown, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'

// The real host process (built by `npm run build`), killed and restarted as a power cut would.
const root = resolve(__dirname, '../..')
const hostScript = join(root, 'out/main/browser-host.js')
const built = existsSync(hostScript)
const children: ChildProcess[] = []
afterEach(() => children.splice(0).forEach((c) => c.kill('SIGKILL')))

async function startHost(dataDir: string, options: { uid?: number; gid?: number } = {}) {
  const child = spawn(process.execPath, [hostScript, '--port', '0', '--data-dir', dataDir], { cwd: root, ...options })
  children.push(child)
  let output = ''
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no start: ${output}`)), 15_000)
    child.stdout!.on('data', (c: Buffer) => {
      output += c
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        done(match[1]!)
      }
    })
    child.stderr!.on('data', (c: Buffer) => (output += c))
  })
  const origin = new URL(url).origin
  const token = url.split('#token=')[1]!
  const call = async (method: string, args: unknown = {}) => {
    const response = await fetch(`${origin}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-roundtable-token': token },
      body: JSON.stringify(args)
    })
    return (await response.json()) as { ok: boolean; result: never }
  }
  return { child, call }
}

describe.skipIf(!built)('the host process under power cuts and bad disks', () => {
  it('kill -9 while saving in a loop never leaves a file that does not parse, nor loses an acknowledged save', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'roundtable-kill-'))
    for (let round = 0; round < 10; round++) {
      const { child, call } = await startHost(dataDir)
      let acknowledged: string | null = null
      let requested: string | null = null
      let running = true
      const loop = (async () => {
        for (let i = 0; running; i++) {
          requested = i % 2 ? 'en' : 'vi'
          try {
            const reply = await call('settings.setLanguage', { language: requested })
            if (reply.ok) acknowledged = requested
          } catch {
            return // the host died mid-request
          }
        }
      })()
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 350))
      child.kill('SIGKILL')
      running = false
      await loop
      await new Promise((r) => child.once('exit', r))

      for (const name of (await readdir(dataDir)).filter((n) => n.endsWith('.json') || n.endsWith('.bak'))) {
        const parsed = JSON.parse(await readFile(join(dataDir, name), 'utf8'))
        expect(parsed.schemaVersion, name).toBe(1)
      }
      const libraryFile = join(dataDir, 'library.json')
      if (!existsSync(libraryFile)) {
        // Killed before the very first save finished: then nothing may have been acknowledged either.
        expect(acknowledged, `round ${round}`).toBeNull()
      } else {
        const onDisk = JSON.parse(await readFile(libraryFile, 'utf8')).settings.language
        // What is on disk is the last acknowledged value or the one requested after it, never older.
        expect([acknowledged, requested], `round ${round}`).toContain(onDisk)
      }
      const restarted = await startHost(dataDir)
      expect((await restarted.call('app.info')).ok).toBe(true)
      restarted.child.kill('SIGKILL')
    }
  }, 60_000)

  it('moves a corrupt library file aside, tells the user, and carries on from the backup', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'roundtable-corrupt-'))
    const first = await startHost(dataDir)
    await first.call('settings.setLanguage', { language: 'en' })
    await first.call('settings.setLanguage', { language: 'en' }) // the .bak now holds "en" too
    first.child.kill('SIGKILL')
    await writeFile(join(dataDir, 'library.json'), '\u0000\u0000\u0000garbage')
    const second = await startHost(dataDir)
    const info = (await second.call('app.info')).result as { settings: { language: string }; notices: { kind: string }[] }
    expect(info.settings.language).toBe('en')
    expect(info.notices.map((n) => n.kind)).toEqual(['quarantined', 'restored-from-backup'])
    expect((await readdir(dataDir)).some((n) => n.startsWith('library.json.corrupt-'))).toBe(true)
  })

  it('on a read-only data folder, reports a clear error, keeps working in memory and stays up', async (context) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'roundtable-readonly-'))
    await writeFile(join(dataDir, 'library.json'), JSON.stringify({ schemaVersion: 1, settings: { language: 'vi' }, sessions: [] }))
    const asRoot = process.getuid?.() === 0
    let ids: { uid?: number; gid?: number } = {}
    if (asRoot) {
      // Root ignores permission bits, so the host runs as the unprivileged user `nobody`.
      const uid = Number(spawnSync('id', ['-u', 'nobody']).stdout.toString())
      const gid = Number(spawnSync('id', ['-g', 'nobody']).stdout.toString())
      const canRead = spawnSync(process.execPath, ['-e', `require('fs').readFileSync(${JSON.stringify(hostScript)})`], { uid, gid }).status === 0
      if (!uid || !canRead) context.skip('cannot run the host as user nobody here')
      ids = { uid, gid }
      await chown(dataDir, uid, gid)
      await chown(join(dataDir, 'library.json'), uid, gid)
    }
    await chmod(join(dataDir, 'library.json'), 0o444)
    await chmod(dataDir, 0o555)
    const { child, call } = await startHost(dataDir, ids)
    const reply = await call('settings.setLanguage', { language: 'en' })
    expect(reply.ok).toBe(true)
    const info = (await call('app.info')).result as { settings: { language: string }; notices: { kind: string; detail?: string }[] }
    expect(info.settings.language).toBe('en')
    const failed = info.notices.find((n) => n.kind === 'save-failed')
    expect(failed?.detail).toMatch(/EACCES|EROFS|EPERM/)
    expect(child.exitCode).toBeNull()
    await chmod(dataDir, 0o755) // let the temp folder be cleaned up
  })
})
