import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  app,
  BrowserWindow,
  crashReporter,
  dialog,
  ipcMain,
  Menu,
  powerSaveBlocker,
  protocol,
  safeStorage,
  screen,
  session,
  shell
} from 'electron'
import { createAppCore, type AppCore } from '../core/app-core'
import { captureConsole, LogFile } from '../core/logging/log-file'
import { inBothLanguages, reasonOf } from '../shared/i18n/user-message'
import { participantNetwork } from '../server/participants'
import { setupAudience } from './audience'
import { setupCamera } from './camera'
import { setupCrashDumps } from './crash-dumps'
import { setupDisplayAwake } from './display-awake'
import { setupEventForwarding } from './events'
import { setupIpc } from './ipc'
import { setupMenu } from './menu'
import { setupOpenFile } from './open-file'
import { bundledFontsDir, bundledWorkshopsDir, dataDirFromArgs, shellPaths, windowIconPath } from './paths'
import { setupPrint } from './print'
import { setupAppProtocol } from './protocol'
import { APP_SCHEME, CameraScanning, setupSecurity } from './security'
import { allowDevTools, APP_TITLE, createMainWindow } from './window-options'

/**
 * The Electron shell: app lifecycle, and one `setupX()` per feature on ready (Electron Fiddle's
 * layout). Everything the app does lives in the core (electron/core), shared with browser mode.
 */

// The built main is an ES module (out/main/index.js); its folder locates the renderer and preload.
const { rendererDir, preloadPath } = shellPaths(fileURLToPath(new URL('.', import.meta.url)))

// Before anything else reads userData (the single-instance lock does): a data folder from the
// command line (tests, demos). setPath throws for a folder that does not exist yet.
const dataDir = dataDirFromArgs(process.argv)
if (dataDir) {
  mkdirSync(dataDir, { recursive: true })
  app.setPath('userData', dataDir)
}

// The local log and crash dumps, in the data folder, before anything else can fail (the log never throws).
const log = new LogFile({ dataDir: app.getPath('userData') })
captureConsole(log)
log.info('electron', { version: process.versions.electron, packaged: app.isPackaged })
setupCrashDumps(app, crashReporter, app.getPath('userData'), log)

// Every renderer sandboxed, whatever a window's options say (checklist item 4).
app.enableSandbox()
// DevTools only when running from the source tree, never in the packaged app.
allowDevTools(!app.isPackaged)

// Must happen before ready: app:// becomes a standard, secure origin (relative URLs, fetch, CSP 'self').
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
])

if (!app.requestSingleInstanceLock()) {
  // Another Roundtable runs on this data folder: it gets focused (below) and this one leaves.
  app.quit()
} else {
  let core: AppCore | null = null
  let mainWindow: BrowserWindow | null = null

  const showMainWindow = (): void => {
    if (!core) return
    if (!mainWindow || mainWindow.isDestroyed()) {
      mainWindow = createMainWindow(
        BrowserWindow,
        preloadPath,
        windowIconPath(process.platform, app, process.resourcesPath)
      )
      mainWindow.on('closed', () => (mainWindow = null))
      return
    }
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  }

  // A double-clicked .roundtable file: on this command line, a second instance's, or macOS's open-file.
  setupOpenFile({ app, ipcMain, argv: process.argv, cwd: process.cwd(), mainWindow: () => mainWindow })
  app.on('second-instance', showMainWindow)
  app.on('activate', showMainWindow) // macOS: the dock icon reopens the window

  app.whenReady().then(async () => {
    const cameraScanning = new CameraScanning()
    setupSecurity(app, session.defaultSession, cameraScanning)
    setupAppProtocol(protocol, rendererDir)
    try {
      core = await createAppCore({
        dataDir: app.getPath('userData'),
        workshopsDir: bundledWorkshopsDir(app, process.resourcesPath),
        fontsDir: bundledFontsDir(app, process.resourcesPath),
        host: 'electron',
        version: app.getVersion(),
        participants: participantNetwork,
        log,
        secretEncryption: safeStorage // the programme server's password, encrypted by the system keychain
      })
    } catch (error) {
      log.error('start-failed', { reason: error instanceof Error ? error.message : String(error) })
      // Most likely browser mode already runs on the same data folder (see data-folder-lock.ts).
      dialog.showErrorBox(APP_TITLE, inBothLanguages(reasonOf(error)))
      app.quit()
      return
    }
    setupIpc(ipcMain, core)
    setupAudience({ ipcMain, BrowserWindow, screen, preloadPath })
    setupPrint({ ipcMain, BrowserWindow, dialog })
    setupCamera({ ipcMain, scanning: cameraScanning })
    setupEventForwarding(core, () => BrowserWindow.getAllWindows())
    setupDisplayAwake(core, powerSaveBlocker)
    await setupMenu({ Menu, core, app, shell, dialog, log, mainWindow: () => mainWindow }).catch((error: unknown) =>
      console.error('Roundtable: the menu could not be set', error)
    )
    showMainWindow()
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  // Close the core (participant server, data files, the data-folder lock) before the process exits:
  // will-quit does not wait for promises, so quitting is held until the core is closed.
  let closing = false
  app.on('will-quit', (event) => {
    if (!core || closing) return
    closing = true
    event.preventDefault()
    core
      .close()
      .catch((error: unknown) => console.error('Roundtable: closing the core failed', error))
      .finally(() => {
        core = null
        app.quit()
      })
  })
}
