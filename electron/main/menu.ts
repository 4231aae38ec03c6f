import { mkdirSync } from 'node:fs'
import type { App, Menu, MenuItemConstructorOptions, MessageBoxOptions, Shell } from 'electron'
import type { AppCore } from '../core/app-core'
import type { AppLog } from '../core/logging/log-file'
import { MENU_CHANNEL, type MenuAction } from '../shared/api/bridge'
import type { Language } from '../shared/i18n/language'
import { helpMessages, type HelpMessageKey } from '../shared/i18n/help-messages'
import { isAppUrl } from './security'

/**
 * The application menu, small and in the app's language (it is rebuilt when the trainer switches):
 * File (Quit), View (full screen, zoom, the audience screen of the session being presented), Help ("Phones can't connect?", "Open the log folder", About).
 * Accelerators leave the presenter's keys alone (menu.test.ts compares them with the presenter's key
 * list); the developer items exist only in a build that is not packaged.
 */

/** What a menu item asks main to do. */
export type MenuCommand = MenuAction | 'open-logs' | 'about' | 'quit'

export interface MenuTemplateOptions {
  language: Language
  packaged: boolean
  platform: NodeJS.Platform
  run(command: MenuCommand): void
}

export function menuTemplate(options: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const t = (key: HelpMessageKey): string => helpMessages.text(options.language, key)
  const mac = options.platform === 'darwin'
  const developer: MenuItemConstructorOptions[] = options.packaged
    ? []
    : [
        { type: 'separator' },
        { role: 'reload', label: t('menu.reload') },
        { role: 'toggleDevTools', label: t('menu.devTools'), accelerator: 'CmdOrCtrl+Shift+I' }
      ]
  return [
    ...(mac ? [{ role: 'appMenu' } as const, { role: 'editMenu' } as const] : []),
    {
      label: t('menu.file'),
      // Not the 'quit' role: it would add Ctrl+Q on Linux, next to the presenter's Q (Windows has Alt+F4).
      submenu: [{ label: t('menu.quit'), click: () => options.run('quit') }]
    },
    {
      label: t('menu.view'),
      submenu: [
        { role: 'togglefullscreen', label: t('menu.fullScreen'), accelerator: mac ? 'Ctrl+Cmd+F' : 'F11' },
        { type: 'separator' },
        { role: 'zoomIn', label: t('menu.zoomIn'), accelerator: 'CmdOrCtrl+Plus' },
        { role: 'zoomOut', label: t('menu.zoomOut'), accelerator: 'CmdOrCtrl+-' },
        { role: 'resetZoom', label: t('menu.zoomReset'), accelerator: 'CmdOrCtrl+0' },
        { type: 'separator' },
        { label: t('menu.openAudience'), click: () => options.run('open-audience') },
        ...developer
      ]
    },
    {
      role: 'help',
      label: t('menu.help'),
      submenu: [
        { label: t('menu.phonesHelp'), accelerator: 'F1', click: () => options.run('phones-help') },
        { label: t('menu.openLogs'), click: () => options.run('open-logs') },
        { type: 'separator' },
        { label: t('menu.about'), click: () => options.run('about') }
      ]
    }
  ]
}

/** What the menu needs of the trainer's window; Electron's BrowserWindow has all of it. */
export interface MenuWindow {
  isDestroyed(): boolean
  isMinimized(): boolean
  restore(): void
  focus(): void
  webContents: { getURL(): string; send(channel: string, ...args: unknown[]): void }
}

export interface MenuDeps {
  Menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>
  core: Pick<AppCore, 'handlers' | 'subscribe'>
  app: Pick<App, 'getVersion' | 'isPackaged' | 'quit'>
  shell: Pick<Shell, 'openPath'>
  dialog: {
    showMessageBox(options: MessageBoxOptions): Promise<unknown>
    showErrorBox(title: string, content: string): void
  }
  log: Pick<AppLog, 'dir' | 'warn'>
  /** The trainer's window (not the projector's), if open. */
  mainWindow(): MenuWindow | null
  platform?: NodeJS.Platform
}

/** Sets the menu in the app's current language and rebuilds it when that changes; returns the unsubscribe function. */
export async function setupMenu(deps: MenuDeps): Promise<() => void> {
  const info = await deps.core.handlers['app.info']({})
  let language = info.settings.language
  const build = (): void => {
    const template = menuTemplate({
      language,
      packaged: deps.app.isPackaged,
      platform: deps.platform ?? process.platform,
      run: (command) => void runMenuCommand(command, language, info.dataDir, deps)
    })
    deps.Menu.setApplicationMenu(deps.Menu.buildFromTemplate(template))
  }
  build()
  return deps.core.subscribe((event) => {
    if (event.type !== 'settings' || event.settings.language === language) return
    language = event.settings.language
    build()
  })
}

/** Does what a menu item asks: a window action goes to the trainer's window, the rest happens here. */
export async function runMenuCommand(
  command: MenuCommand,
  language: Language,
  dataDir: string,
  deps: Pick<MenuDeps, 'app' | 'shell' | 'dialog' | 'log' | 'mainWindow'>
): Promise<void> {
  const window = deps.mainWindow()
  const shown = window && !window.isDestroyed() && isAppUrl(window.webContents.getURL()) ? window : null
  if (command === 'quit') {
    deps.app.quit()
  } else if (command === 'phones-help' || command === 'open-audience') {
    if (!shown) return
    if (shown.isMinimized()) shown.restore()
    shown.focus()
    shown.webContents.send(MENU_CHANNEL, command)
  } else if (command === 'open-logs') {
    try {
      mkdirSync(deps.log.dir, { recursive: true }) // normally there already: the log's first line made it
    } catch {
      // openPath reports it below
    }
    const failure = await deps.shell.openPath(deps.log.dir)
    if (!failure) return
    deps.log.warn('open-logs-failed', { reason: failure })
    deps.dialog.showErrorBox(
      helpMessages.text(language, 'menu.openLogs'),
      helpMessages.text(language, 'menu.openLogs.failed', { path: deps.log.dir })
    )
  } else if (command === 'about') {
    const options = {
      type: 'info' as const,
      title: helpMessages.text(language, 'menu.about'),
      message: 'Bàn Tròn — Roundtable',
      detail: helpMessages.text(language, 'menu.about.detail', { version: deps.app.getVersion(), dataDir }),
      buttons: [helpMessages.text(language, 'menu.close')]
    }
    await deps.dialog.showMessageBox(options)
  }
}
