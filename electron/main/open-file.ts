import { promises as fs } from 'node:fs'
import { basename, resolve } from 'node:path'
import type { IpcMain } from 'electron'
import { MAX_PACKAGE_BYTES, PACKAGE_EXTENSION } from '../core/workshops/package-file'
import { FILE_WAITING_CHANNEL, TAKE_OPENED_FILE_CHANNEL, type OpenedFile } from '../shared/api/bridge'
import { isTrustedSender } from './security'

/**
 * Double-clicking a workshop package (`<id>-<version>.roundtable`, the app's own export) opens it in
 * the import preview. Windows and Linux start the app with the file's path on the command line or,
 * when it already runs, hand that command line to the running instance ('second-instance'); macOS
 * sends 'open-file'. Main keeps the path, tells the trainer's window, and the window takes the file
 * (read and checked here, checked fully again by the preview) through a validated IPC.
 */

/**
 * The workshop package named on a command line, made absolute, or null. Only an argument that ends
 * in .roundtable counts: not the executable, not the app folder ("." in development), not a switch
 * (ours like --roundtable-data-dir=…, or the ones Chromium adds to a second instance's argv).
 */
export function packagePathFromArgs(argv: readonly string[], cwd: string): string | null {
  const named = argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith(PACKAGE_EXTENSION))
    .at(-1)
  return named ? resolve(cwd, named) : null
}

/** What reading needs of the file system (node:fs/promises has it; tests give a failing one). */
export interface OpenFileSystem {
  stat(path: string): Promise<{ isFile(): boolean; size: number }>
  readFile(path: string): Promise<Buffer>
}

/** The file at `path` for the import preview: its bytes, or why not (missing, a folder, too big, unreadable). */
export async function readOpenedFile(path: string, fileSystem: OpenFileSystem = fs): Promise<OpenedFile> {
  const fileName = basename(path).slice(0, 255)
  try {
    const stat = await fileSystem.stat(path)
    if (!stat.isFile()) return { fileName, problem: 'not-a-file' }
    if (stat.size > MAX_PACKAGE_BYTES) return { fileName, problem: 'too-big' }
    const bytes = await fileSystem.readFile(path)
    // It may have grown between stat and read.
    if (bytes.length > MAX_PACKAGE_BYTES) return { fileName, problem: 'too-big' }
    return { fileName, base64: bytes.toString('base64') }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return { fileName, problem: code === 'ENOENT' || code === 'ENOTDIR' ? 'not-found' : 'unreadable' }
  }
}

/** What the setup needs of Electron's app (macOS's open-file, everyone's second-instance). */
export interface OpenFileApp {
  on(event: 'open-file', listener: (event: { preventDefault(): void }, path: string) => void): unknown
  on(event: 'second-instance', listener: (event: unknown, argv: string[], workingDirectory: string) => void): unknown
}

/** The trainer's window, when there is one: told that a file waits. */
export interface FileWaitingWindow {
  isDestroyed(): boolean
  webContents: { send(channel: string): void }
}

type TakeEvent = { senderFrame: { url: string } | null | undefined }

/**
 * Whether a frame may take the waiting file: the app's own page in the trainer's window. The audience
 * window shows the same page with `#audience=`; it must not take the file away from the trainer.
 */
export function mayTakeOpenedFile(event: TakeEvent): boolean {
  return isTrustedSender(event.senderFrame) && !event.senderFrame?.url.includes('#audience=')
}

/**
 * Wires it all: the file on this process's own command line waits from the start; a second
 * instance's file or macOS's open-file replaces it and is announced to the trainer's window, which
 * takes it over TAKE_OPENED_FILE_CHANNEL. Call before 'ready' (macOS sends open-file early).
 */
export function setupOpenFile(deps: {
  app: OpenFileApp
  ipcMain: Pick<IpcMain, 'handle'>
  argv: readonly string[]
  cwd: string
  mainWindow: () => FileWaitingWindow | null
  fileSystem?: OpenFileSystem
}): void {
  let waiting = packagePathFromArgs(deps.argv, deps.cwd)
  const announce = (path: string): void => {
    waiting = path
    const window = deps.mainWindow()
    // No window yet: the page takes the file once it has loaded.
    if (window && !window.isDestroyed()) window.webContents.send(FILE_WAITING_CHANNEL)
  }
  deps.app.on('second-instance', (_event, argv, workingDirectory) => {
    const path = packagePathFromArgs(argv, workingDirectory)
    if (path) announce(path)
  })
  deps.app.on('open-file', (event, path) => {
    event.preventDefault()
    if (path.toLowerCase().endsWith(PACKAGE_EXTENSION)) announce(resolve(path))
  })
  deps.ipcMain.handle(TAKE_OPENED_FILE_CHANNEL, async (event) => {
    if (!mayTakeOpenedFile(event)) return null
    const path = waiting
    waiting = null
    return path ? readOpenedFile(path, deps.fileSystem) : null
  })
}
