import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { App, CrashReporter } from 'electron'
import type { AppLog } from '../core/logging/log-file'

/**
 * Local crash dumps: Electron's crash reporter writes a minidump when a process of the app crashes,
 * into `<data folder>/crashes`, next to the log, for the trainer to hand to support. Nothing is ever
 * uploaded (an offline app; a dump can hold memory with session data in it).
 * Called before ready, as Electron asks, after the data folder is chosen.
 */

export const CRASH_FOLDER = 'crashes'

export function setupCrashDumps(
  app: Pick<App, 'setPath' | 'getVersion'>,
  crashReporter: Pick<CrashReporter, 'start'>,
  dataDir: string,
  log: Pick<AppLog, 'info' | 'warn'>
): string | null {
  const dir = join(dataDir, CRASH_FOLDER)
  try {
    // setPath throws for a folder that does not exist yet.
    mkdirSync(dir, { recursive: true })
    app.setPath('crashDumps', dir)
    crashReporter.start({
      uploadToServer: false,
      submitURL: '',
      productName: 'Roundtable',
      compress: true,
      globalExtra: { roundtableVersion: app.getVersion() }
    })
    log.info('crash-dumps', { folder: CRASH_FOLDER })
    return dir
  } catch (error) {
    // No crash dumps is no reason not to start (a read-only data folder is reported when saving).
    log.warn('crash-dumps-off', { code: (error as NodeJS.ErrnoException).code ?? String(error) })
    return null
  }
}
