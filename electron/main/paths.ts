import { join, resolve } from 'node:path'

/**
 * Where the shell finds its files and the user's data. Pure: Electron's `app` is passed in, so the
 * rules are tested under plain Node.
 */

/**
 * `--roundtable-data-dir=DIR` puts this run's data (and Chromium's profile) in DIR instead of the
 * platform's userData folder. `npm start -- --data-dir` and the Electron e2e spec use it so that
 * a test or a demo never touches the trainer's real sessions. We use our own switch rather than
 * Chromium's `--user-data-dir` because `app.setPath('userData')` before ready is the documented way
 * to move everything Electron stores, and it also moves the single-instance lock with it.
 */
export const DATA_DIR_SWITCH = '--roundtable-data-dir='

/** The absolute data folder named on the command line, or null when there is none (or it is empty). */
export function dataDirFromArgs(argv: readonly string[], cwd: string = process.cwd()): string | null {
  const flag = argv.find((arg) => arg.startsWith(DATA_DIR_SWITCH))
  const value = flag?.slice(DATA_DIR_SWITCH.length).trim()
  return value ? resolve(cwd, value) : null
}

/**
 * The built renderer and preload, from the folder of the built main (out/main): electron-vite
 * writes them to its siblings out/renderer and out/preload/index.cjs (see electron.vite.config.ts).
 */
export function shellPaths(mainDir: string): { rendererDir: string; preloadPath: string } {
  return { rendererDir: join(mainDir, '../renderer'), preloadPath: join(mainDir, '../preload/index.cjs') }
}

/**
 * The bundled, read-only workshop packages: `<repo>/workshops` when running from the source tree,
 * `resources/workshops` next to app.asar when packaged (electron-builder.yml copies them there as
 * extraResources, so they stay plain folders the loader can read).
 */
export function bundledWorkshopsDir(app: { isPackaged: boolean; getAppPath(): string }, resourcesPath: string): string {
  return app.isPackaged ? join(resourcesPath, 'workshops') : join(app.getAppPath(), 'workshops')
}

/**
 * The font files embedded in exported HTML (Be Vietnam Pro, woff2): `<repo>/resources/fonts` from the
 * source tree, `resources/fonts` next to app.asar when packaged (extraResources in electron-builder.yml).
 */
export function bundledFontsDir(app: { isPackaged: boolean; getAppPath(): string }, resourcesPath: string): string {
  return app.isPackaged ? join(resourcesPath, 'fonts') : join(app.getAppPath(), 'resources', 'fonts')
}

/**
 * The app icon for the trainer's window on Linux, where the window manager reads it from the window
 * (Windows takes it from the .exe, macOS from the bundle: undefined there). `resources/icon.png` in
 * the source tree; packaged, electron-builder.yml copies it next to app.asar as extraResources.
 */
export function windowIconPath(
  platform: NodeJS.Platform,
  app: { isPackaged: boolean; getAppPath(): string },
  resourcesPath: string
): string | undefined {
  if (platform !== 'linux') return undefined
  return app.isPackaged ? join(resourcesPath, 'icon.png') : join(app.getAppPath(), 'resources', 'icon.png')
}
