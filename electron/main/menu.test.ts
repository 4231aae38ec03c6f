import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { MenuItemConstructorOptions, MessageBoxOptions } from 'electron'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ApiEvent } from '../core/api/contract'
import { helpMessages } from '../shared/i18n/help-messages'
import { menuTemplate, runMenuCommand, setupMenu, type MenuCommand, type MenuWindow } from './menu'

const run = (): void => undefined
const { vi, en } = helpMessages.messages as Record<'vi' | 'en', Record<string, string>>

/** Every item of a template, submenus included. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])])
}
const labels = (template: MenuItemConstructorOptions[]): string[] =>
  items(template).flatMap((item) => (item.label ? [item.label] : []))

describe('the application menu', () => {
  it('is File, View and Help in the app language, with the phones help, the log folder and About', () => {
    for (const [language, words] of [
      ['vi', vi],
      ['en', en]
    ] as const) {
      const template = menuTemplate({ language, packaged: true, platform: 'win32', run })
      expect(template.map((item) => item.label)).toEqual([words['menu.file'], words['menu.view'], words['menu.help']])
      expect(labels(template)).toEqual([
        words['menu.file'],
        words['menu.quit'],
        words['menu.view'],
        words['menu.fullScreen'],
        words['menu.zoomIn'],
        words['menu.zoomOut'],
        words['menu.zoomReset'],
        words['menu.openAudience'],
        words['menu.help'],
        words['menu.phonesHelp'],
        words['menu.openLogs'],
        words['menu.about']
      ])
    }
  })

  it('has no developer tools or reload in a packaged build, and has them while developing', () => {
    const roles = (packaged: boolean): unknown[] =>
      items(menuTemplate({ language: 'en', packaged, platform: 'win32', run })).map((item) => item.role)
    expect(roles(true)).not.toContain('toggleDevTools')
    expect(roles(true)).not.toContain('reload')
    expect(roles(false)).toContain('toggleDevTools')
    expect(roles(false)).toContain('reload')
  })

  it('Help items ask for what they say', () => {
    const asked: MenuCommand[] = []
    const template = menuTemplate({ language: 'vi', packaged: true, platform: 'win32', run: (c) => asked.push(c) })
    const help = template.at(-1)!.submenu as MenuItemConstructorOptions[]
    for (const item of help) (item.click as (() => void) | undefined)?.()
    expect(asked).toEqual(['phones-help', 'open-logs', 'about'])
    ;(((template[0]!.submenu as MenuItemConstructorOptions[])[0]!.click as () => void) ?? run)()
    expect(asked.at(-1)).toBe('quit')
  })
})

/**
 * The keys the presenter acts on, read from its keyboard handler (PresenterScreen.svelte), so the list
 * cannot fall behind it; and the numbers, which the brief counts among them (paper entry types digits).
 */
function presenterKeys(): { keys: Set<string>; ignoresModifiers: boolean } {
  const source = readFileSync(resolve(__dirname, '../../renderer/src/screens/presenter/PresenterScreen.svelte'), 'utf8')
  const handler = source.slice(source.indexOf('function onKey('), source.indexOf('<svelte:window onkeydown={onKey}'))
  const keys = new Set<string>([...handler.matchAll(/key === '([^']+)'/g)].map((m) => m[1]!))
  for (const list of handler.matchAll(/\[([^\]]+)\]\.includes\(key\)/g)) {
    for (const m of list[1]!.matchAll(/'([^']*)'/g)) keys.add(m[1]!)
  }
  for (let digit = 0; digit <= 9; digit++) keys.add(String(digit))
  return { keys, ignoresModifiers: /event\.ctrlKey \|\| event\.metaKey \|\| event\.altKey\) return/.test(handler) }
}

/** An Electron accelerator as modifiers and the KeyboardEvent.key it fires on. */
function parseAccelerator(accelerator: string): { modifiers: string[]; key: string } {
  const parts = accelerator.split('+')
  const named: Record<string, string> = { Plus: '+', Space: ' ', Up: 'ArrowUp', Down: 'ArrowDown', Esc: 'Escape' }
  // "CmdOrCtrl+Plus" splits into ["CmdOrCtrl", "Plus"]; a literal "+" would leave an empty part.
  const last = parts.at(-1) === '' ? '+' : parts.at(-1)!
  const key = named[last] ?? (last.length === 1 ? last.toLowerCase() : last)
  return { modifiers: parts.slice(0, parts.at(-1) === '' ? -2 : -1), key }
}

describe('menu accelerators and the presenter keys', () => {
  it('the presenter key list is read from the presenter (arrows, space, G, B, Q, P …)', () => {
    const { keys, ignoresModifiers } = presenterKeys()
    for (const key of ['ArrowRight', 'ArrowLeft', ' ', 'PageDown', 'g', 'b', 'q', 'p', 'w', 's', 'Home', '1']) {
      expect(keys, key).toContain(key)
    }
    expect(ignoresModifiers).toBe(true)
  })

  it('no accelerator of the menu, in any build or language, takes a key the presenter uses', () => {
    const { keys } = presenterKeys()
    const letters = [...keys].filter((k) => /^[a-z]$/i.test(k)).map((k) => k.toLowerCase())
    // The app's own shortcuts with Ctrl (editor and paper-entry undo/redo) and text editing.
    const appCtrl = ['z', 'y', 'c', 'v', 'x', 'a']
    // Windows (and Linux); macOS gets its system menus (app and edit roles) with the platform's own keys.
    const accelerators = (['win32', 'linux'] as const).flatMap((platform) =>
      [true, false].flatMap((packaged) =>
        items(menuTemplate({ language: 'vi', packaged, platform, run })).flatMap((item) =>
          item.accelerator ? [item.accelerator] : []
        )
      )
    )
    expect(accelerators).toEqual(expect.arrayContaining(['F1', 'F11', 'CmdOrCtrl+Plus', 'CmdOrCtrl+0']))
    for (const accelerator of accelerators) {
      const { modifiers, key } = parseAccelerator(accelerator)
      const held = modifiers.some((m) => /^(CmdOrCtrl|CommandOrControl|Ctrl|Control|Cmd|Command|Alt|Option)$/.test(m))
      // Without Ctrl/Cmd/Alt the presenter would act on the key too (it ignores keys held with them).
      if (!held) expect(keys.has(key) || keys.has(key.toUpperCase()), accelerator).toBe(false)
      // A presenter letter is never a shortcut even with Ctrl: a slipped finger must not quit or reload mid-session.
      expect(letters, accelerator).not.toContain(key)
      if (held) expect(appCtrl, accelerator).not.toContain(key)
    }
  })

  it('roles that Electron gives a default accelerator get an explicit one here, so the check above sees it', () => {
    const withDefaults = ['togglefullscreen', 'zoomIn', 'zoomOut', 'resetZoom', 'toggleDevTools']
    for (const item of items(menuTemplate({ language: 'en', packaged: false, platform: 'win32', run }))) {
      if (withDefaults.includes(String(item.role))) expect(item.accelerator, String(item.role)).toBeTruthy()
    }
    // Quit keeps Windows' own Alt+F4 rather than the quit role's Ctrl+Q (Linux) next to the presenter's Q.
    for (const platform of ['win32', 'linux'] as const) {
      const all = items(menuTemplate({ language: 'en', packaged: true, platform, run }))
      expect(all.map((item) => item.role)).not.toContain('quit')
      expect(all.find((item) => item.label === en['menu.quit'])?.accelerator).toBeUndefined()
    }
  })
})

/** The trainer's window, recording what it was sent. */
function fakeWindow(url = 'app://roundtable/index.html') {
  const sent: unknown[][] = []
  const calls: string[] = []
  const window: MenuWindow = {
    isDestroyed: () => false,
    isMinimized: () => true,
    restore: () => void calls.push('restore'),
    focus: () => void calls.push('focus'),
    webContents: { getURL: () => url, send: (...args) => void sent.push(args) }
  }
  return { window, sent, calls }
}

let dataDir = ''
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'roundtable-menu-'))
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

function fakeDeps(window: MenuWindow | null) {
  const opened: string[] = []
  const errors: string[][] = []
  const boxes: MessageBoxOptions[] = []
  const warnings: string[] = []
  const quits: string[] = []
  let openResult = ''
  const deps = {
    app: { getVersion: () => '1.4.0', isPackaged: true, quit: () => void quits.push('quit') },
    shell: { openPath: async (path: string) => (opened.push(path), openResult) },
    dialog: {
      showMessageBox: async (options: MessageBoxOptions) => (
        boxes.push(options),
        { response: 0, checkboxChecked: false }
      ),
      showErrorBox: (title: string, content: string) => void errors.push([title, content])
    },
    log: { dir: join(dataDir, 'logs'), warn: (event: string) => void warnings.push(event) },
    mainWindow: () => window
  }
  return { deps, opened, errors, boxes, warnings, quits, failOpen: (reason: string) => (openResult = reason) }
}

describe('menu commands', () => {
  it("“Phones can't connect?” brings the trainer's window up and asks it for the help, on the menu channel", async () => {
    const { window, sent, calls } = fakeWindow()
    await runMenuCommand('phones-help', 'vi', dataDir, fakeDeps(window).deps)
    expect(calls).toEqual(['restore', 'focus'])
    expect(sent).toEqual([['roundtable:menu', 'phones-help']])
  })

  it('“Open the audience screen” is asked of the trainer’s window too (its presenter knows the session)', async () => {
    const { window, sent } = fakeWindow()
    await runMenuCommand('open-audience', 'en', dataDir, fakeDeps(window).deps)
    expect(sent).toEqual([['roundtable:menu', 'open-audience']])
  })

  it('nothing is sent to a window that does not show the app, or when there is none', async () => {
    const foreign = fakeWindow('https://example.org/')
    await runMenuCommand('phones-help', 'vi', dataDir, fakeDeps(foreign.window).deps)
    expect(foreign.sent).toEqual([])
    await expect(runMenuCommand('phones-help', 'vi', dataDir, fakeDeps(null).deps)).resolves.toBeUndefined()
  })

  it('“Open the log folder” opens <data folder>/logs in the file manager, making it if needed', async () => {
    const { deps, opened, errors } = fakeDeps(null)
    await runMenuCommand('open-logs', 'en', dataDir, deps)
    expect(opened).toEqual([join(dataDir, 'logs')])
    expect(existsSync(join(dataDir, 'logs'))).toBe(true)
    expect(errors).toEqual([])
  })

  it('a log folder the system cannot open is named in a message, in the app language, and logged', async () => {
    const { deps, errors, warnings, failOpen } = fakeDeps(null)
    failOpen('Failed to open path')
    await runMenuCommand('open-logs', 'vi', dataDir, deps)
    expect(errors).toEqual([
      [vi['menu.openLogs'], vi['menu.openLogs.failed']!.replace('{path}', join(dataDir, 'logs'))]
    ])
    expect(warnings).toEqual(['open-logs-failed'])
  })

  it('Quit quits the app', async () => {
    const { deps, quits } = fakeDeps(null)
    await runMenuCommand('quit', 'en', dataDir, deps)
    expect(quits).toEqual(['quit'])
  })

  it('About shows the name and the version', async () => {
    const { deps, boxes } = fakeDeps(null)
    await runMenuCommand('about', 'en', dataDir, deps)
    expect(boxes[0]).toMatchObject({ title: en['menu.about'], message: 'Bàn Tròn — Roundtable' })
    expect(boxes[0]!.detail).toContain('Version 1.4.0')
    expect(boxes[0]!.detail).toContain(dataDir)
  })
})

describe('setupMenu', () => {
  it('sets the menu in the saved language and rebuilds it when the trainer switches language', async () => {
    let listener: ((event: ApiEvent) => void) | null = null
    const core = {
      handlers: { 'app.info': async () => ({ dataDir, settings: { language: 'vi' } }) },
      subscribe: (fn: (event: ApiEvent) => void) => ((listener = fn), () => (listener = null))
    } as never
    const set: string[] = []
    const Menu = {
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => template as never,
      setApplicationMenu: (menu: unknown) => void set.push(String((menu as MenuItemConstructorOptions[])[0]!.label))
    }
    const { deps } = fakeDeps(null)
    const stop = await setupMenu({ ...deps, Menu, core, platform: 'win32' })
    expect(set).toEqual([vi['menu.file']])
    listener!({ type: 'settings', settings: { language: 'en' } })
    listener!({ type: 'settings', settings: { language: 'en' } }) // the same language: not rebuilt
    expect(set).toEqual([vi['menu.file'], en['menu.file']])
    stop()
    expect(listener).toBeNull()
  })
})
