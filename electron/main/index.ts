import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, protocol, screen, session } from 'electron'
import { createAppCore, type AppCore } from '../core/app-core'
import { EVENT_CHANNEL, OPEN_AUDIENCE_CHANNEL, PRINT_PDF_CHANNEL } from '../core/api/bridge'
import { participantNetwork } from '../server/participants'
import { setupIpc } from './ipc'
import { printToPdf } from './print'
import { registerAppProtocol } from './protocol'
import { APP_ORIGIN, APP_SCHEME, isTrustedSender, setupSecurity } from './security'
import { audienceWindowOptions, mainWindowOptions } from './window-options'

/**
 * The Electron shell, kept thin: windows, the app:// protocol, IPC and security handlers.
 * Everything the app does lives in the core (electron/core), shared with browser mode.
 */
const here = fileURLToPath(new URL('.', import.meta.url))
const rendererDir = join(here, '../renderer')
const preloadPath = join(here, '../preload/index.cjs')

// `--roundtable-data-dir=DIR` (used by `npm start -- --data-dir` and the e2e spec) must apply before ready.
const dataDirFlag = process.argv.find((a) => a.startsWith('--roundtable-data-dir='))
if (dataDirFlag) app.setPath('userData', dataDirFlag.slice('--roundtable-data-dir='.length))

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
])

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let core: AppCore | null = null
  let mainWindow: BrowserWindow | null = null
  const audienceWindows = new Map<string, BrowserWindow>()

  const createMainWindow = (): void => {
    mainWindow = new BrowserWindow(mainWindowOptions(preloadPath))
    mainWindow.once('ready-to-show', () => mainWindow?.show())
    mainWindow.on('closed', () => (mainWindow = null))
    void mainWindow.loadURL(`${APP_ORIGIN}/index.html`)
  }

  /** The projector window goes on a display other than the trainer's when one is connected. */
  const openAudience = (sessionId: string): void => {
    const existing = audienceWindows.get(sessionId)
    if (existing && !existing.isDestroyed()) return existing.focus()
    const primary = screen.getPrimaryDisplay()
    const other = screen.getAllDisplays().find((d) => d.id !== primary.id)
    const window = new BrowserWindow(audienceWindowOptions(preloadPath, other?.bounds ?? null))
    window.once('ready-to-show', () => window.show())
    window.on('closed', () => audienceWindows.delete(sessionId))
    audienceWindows.set(sessionId, window)
    void window.loadURL(`${APP_ORIGIN}/index.html#audience=${encodeURIComponent(sessionId)}`)
  }

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore()
    mainWindow?.focus()
  })

  app.whenReady().then(async () => {
    setupSecurity(app, session.defaultSession)
    registerAppProtocol(protocol, rendererDir)
    const workshopsDir = app.isPackaged ? join(process.resourcesPath, 'workshops') : join(app.getAppPath(), 'workshops')
    try {
      core = await createAppCore({
        dataDir: app.getPath('userData'),
        workshopsDir,
        host: 'electron',
        version: app.getVersion(),
        participants: participantNetwork
      })
    } catch (error) {
      // Most likely browser mode is already running on the same data folder.
      dialog.showErrorBox('Bàn Tròn — Roundtable', (error as Error).message)
      app.quit()
      return
    }
    setupIpc(ipcMain, core)
    ipcMain.on(OPEN_AUDIENCE_CHANNEL, (event, sessionId: unknown) => {
      if (!isTrustedSender(event.senderFrame) || typeof sessionId !== 'string' || !/^[a-z0-9-]{6,64}$/.test(sessionId)) return
      openAudience(sessionId)
    })
    ipcMain.handle(PRINT_PDF_CHANNEL, async (event, html: unknown, fileName: unknown) => {
      if (!isTrustedSender(event.senderFrame) || typeof html !== 'string' || typeof fileName !== 'string') return null
      if (html.length > 20 * 1024 * 1024 || !/^[\w.-]{1,120}$/.test(fileName)) return null
      return printToPdf(BrowserWindow, dialog, BrowserWindow.fromWebContents(event.sender), html, fileName)
    })
    core.subscribe((apiEvent) => {
      for (const window of BrowserWindow.getAllWindows()) {
        if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, apiEvent)
      }
    })
    createMainWindow()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow()
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => void core?.close())
}
