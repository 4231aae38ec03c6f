import { EventEmitter } from 'node:events'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { MAX_PACKAGE_BYTES } from '../core/workshops/package-file'
import { isOpenedFile } from '../shared/api/bridge'
import {
  mayTakeOpenedFile,
  packagePathFromArgs,
  readOpenedFile,
  setupOpenFile,
  type FileWaitingWindow,
  type OpenFileApp,
  type OpenFileSystem
} from './open-file'

// A double-clicked .roundtable file reaching the import preview: the command line read, the file
// checked, and the shell wiring driven with a fake app, ipcMain and window (real files in a temp folder).

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'roundtable-open-'))
  folders.push(dir)
  return dir
}

const appFrame = { senderFrame: { url: 'app://roundtable/index.html' } }

describe('the package named on a command line', () => {
  it('is the argument ending in .roundtable, made absolute from the working folder', () => {
    expect(packagePathFromArgs(['C:\\Roundtable\\Roundtable.exe', '/home/t/ws-1.0.0.roundtable'], '/x')).toBe(
      '/home/t/ws-1.0.0.roundtable'
    )
    expect(packagePathFromArgs(['electron', '.', 'shared/ws.ROUNDTABLE'], '/home/t')).toBe(
      '/home/t/shared/ws.ROUNDTABLE'
    )
  })

  it('ignores the executable, the app folder, our switches and the ones Chromium adds to a second instance', () => {
    expect(packagePathFromArgs(['/opt/Roundtable/roundtable.roundtable'], '/x')).toBeNull()
    expect(packagePathFromArgs(['electron', '.', '--roundtable-data-dir=/tmp/a.roundtable'], '/x')).toBeNull()
    expect(
      packagePathFromArgs(
        [
          'roundtable.exe',
          '--allow-file-access-from-files',
          '--original-process-start-time=13370000000000000',
          '/d/ws.roundtable',
          '--enable-features=X'
        ],
        '/x'
      )
    ).toBe('/d/ws.roundtable')
    expect(packagePathFromArgs(['roundtable.exe', 'notes.txt', 'ws.zip'], '/x')).toBeNull()
    expect(packagePathFromArgs([], '/x')).toBeNull()
  })
})

describe('reading the opened file', () => {
  it('gives its name and bytes, which the bridge accepts', async () => {
    const path = join(folder(), 'ws-1.0.0.roundtable')
    writeFileSync(path, 'PK\u0003\u0004zip')
    const file = await readOpenedFile(path)
    expect(file).toEqual({
      fileName: 'ws-1.0.0.roundtable',
      base64: Buffer.from('PK\u0003\u0004zip').toString('base64')
    })
    expect(isOpenedFile(file)).toBe(true)
  })

  it('says why not: missing, a folder, bigger than an import may be', async () => {
    const dir = folder()
    expect(await readOpenedFile(join(dir, 'gone.roundtable'))).toEqual({
      fileName: 'gone.roundtable',
      problem: 'not-found'
    })
    mkdirSync(join(dir, 'folder.roundtable'))
    expect(await readOpenedFile(join(dir, 'folder.roundtable'))).toMatchObject({ problem: 'not-a-file' })
    const big = join(dir, 'big.roundtable')
    writeFileSync(big, Buffer.alloc(MAX_PACKAGE_BYTES + 1))
    expect(await readOpenedFile(big)).toEqual({ fileName: 'big.roundtable', problem: 'too-big' })
  })

  it('a read error (antivirus lock, no permission) is reported as unreadable, and a file that grew is too big', async () => {
    const locked: OpenFileSystem = {
      stat: async () => ({ isFile: () => true, size: 10 }),
      readFile: async () => {
        throw Object.assign(new Error('locked'), { code: 'EBUSY' })
      }
    }
    expect(await readOpenedFile('/d/ws.roundtable', locked)).toEqual({
      fileName: 'ws.roundtable',
      problem: 'unreadable'
    })
    const growing: OpenFileSystem = {
      stat: async () => ({ isFile: () => true, size: 10 }),
      readFile: async () => Buffer.alloc(MAX_PACKAGE_BYTES + 1)
    }
    expect(await readOpenedFile('/d/ws.roundtable', growing)).toMatchObject({ problem: 'too-big' })
  })
})

/** Electron's app, ipcMain and the trainer's window, as far as setupOpenFile uses them. */
function fakeShell(argv: string[], cwd = '/home/t') {
  const app = new EventEmitter()
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>()
  const sent: string[] = []
  let window: FileWaitingWindow | null = null
  const ipcMain = {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) =>
      handlers.set(channel, handler)
  }
  setupOpenFile({
    app: app as unknown as OpenFileApp,
    ipcMain: ipcMain as never,
    argv,
    cwd,
    mainWindow: () => window
  })
  return {
    app,
    sent,
    openWindow: () =>
      (window = { isDestroyed: () => false, webContents: { send: (channel) => void sent.push(channel) } }),
    take: (event: unknown = appFrame) => handlers.get('roundtable:take-opened-file')?.(event) as Promise<unknown>
  }
}

describe('setupOpenFile', () => {
  it('the file the app was started with waits for the window, which takes it once', async () => {
    const dir = folder()
    writeFileSync(join(dir, 'ws.roundtable'), 'zip')
    const shell = fakeShell(['roundtable.exe', 'ws.roundtable'], dir)
    expect(await shell.take()).toEqual({ fileName: 'ws.roundtable', base64: Buffer.from('zip').toString('base64') })
    expect(await shell.take()).toBeNull()
  })

  it('a second instance’s file (double-clicked while the app runs) is announced to the window and taken', async () => {
    const dir = folder()
    writeFileSync(join(dir, 'new.roundtable'), 'zip2')
    const shell = fakeShell(['roundtable.exe'])
    shell.openWindow()
    expect(await shell.take()).toBeNull()
    shell.app.emit('second-instance', {}, ['roundtable.exe', '--allow-file-access-from-files', 'new.roundtable'], dir)
    expect(shell.sent).toEqual(['roundtable:file-waiting'])
    expect(await shell.take()).toMatchObject({ fileName: 'new.roundtable' })
    // A second instance started without a file only focuses the window (index.ts): nothing waits.
    shell.app.emit('second-instance', {}, ['roundtable.exe'], dir)
    expect(shell.sent).toHaveLength(1)
    expect(await shell.take()).toBeNull()
  })

  it('macOS open-file: taken over from the system, kept until the window exists', async () => {
    const dir = folder()
    writeFileSync(join(dir, 'mac.roundtable'), 'zip3')
    const shell = fakeShell(['Roundtable'])
    let prevented = false
    shell.app.emit('open-file', { preventDefault: () => (prevented = true) }, join(dir, 'mac.roundtable'))
    expect(prevented).toBe(true)
    expect(shell.sent).toEqual([]) // no window yet: nothing to tell
    expect(await shell.take()).toMatchObject({ fileName: 'mac.roundtable' })
    shell.app.emit('open-file', { preventDefault: () => undefined }, join(dir, 'photo.jpg'))
    expect(await shell.take()).toBeNull()
  })

  it('only the app’s page in the trainer’s window may take the file: not the audience window, not a foreign frame', async () => {
    const dir = folder()
    writeFileSync(join(dir, 'ws.roundtable'), 'zip')
    const shell = fakeShell(['roundtable.exe', join(dir, 'ws.roundtable')])
    expect(await shell.take({ senderFrame: { url: 'https://evil.example/' } })).toBeNull()
    expect(await shell.take({ senderFrame: { url: 'app://roundtable/index.html#audience=abc-123' } })).toBeNull()
    expect(await shell.take({ senderFrame: null })).toBeNull()
    // Still waiting for the right taker.
    expect(await shell.take()).toMatchObject({ fileName: 'ws.roundtable' })
    expect(mayTakeOpenedFile(appFrame)).toBe(true)
  })
})

describe('the shell wiring (index.ts)', () => {
  it('gives setupOpenFile this command line before ready, so the single instance gets second-instance files', () => {
    const index = readFileSync(join(__dirname, 'index.ts'), 'utf8')
    const setup = index.indexOf('setupOpenFile({ app, ipcMain, argv: process.argv, cwd: process.cwd(),')
    expect(setup).toBeGreaterThan(index.indexOf('app.requestSingleInstanceLock()'))
    expect(setup).toBeLessThan(index.indexOf('app.whenReady()'))
  })
})
