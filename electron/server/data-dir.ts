import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * The same folder Electron's app.getPath('userData') gives for "Roundtable", so the desktop app and
 * browser mode on one machine share their data.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Roundtable')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Roundtable')
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Roundtable')
}
