import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, powerSaveBlocker, protocol, safeStorage, screen, session } from 'electron'
import { createAppCore, type AppCore } from '../core/app-core'
import { inBothLanguages, reasonOf } from '../shared/i18n/user-message'
import { participantNetwork } from '../server/participants'
import { setupAudience } from './audience'
import { setupCamera } from './camera'
import { setupDisplayAwake } from './display-awake'
import { setupEventForwarding } from './events'
import { setupIpc } from './ipc'
import { bundledWorkshopsDir, dataDirFromArgs, shellPaths } from './paths'
import { setupPrint } from './print'
import { setupAppProtocol } from './protocol'
import { APP_SCHEME, CameraScanning, setupSecurity } from './security'
import { APP_TITLE, createMainWindow } from './window-options'

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

// Every renderer sandboxed, whatever a window's options say (checklist item 4).
app.enableSandbox()

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
      mainWindow = createMainWindow(BrowserWindow, preloadPath)
      mainWindow.on('closed', () => (mainWindow = null))
      return
    }
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  }

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
        host: 'electron',
        version: app.getVersion(),
        participants: participantNetwork,
        secretEncryption: safeStorage // the programme server's password, encrypted by the system keychain
      })
    } catch (error) {
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
