import { existsSync } from 'node:fs'

/**
 * The Chromium (or Chrome, or Edge) that browser mode uses: for the trainer's app window (scripts/start.mjs)
 * and to print documents to PDF (electron/server/pdf-print.ts). `ROUNDTABLE_CHROMIUM` names another binary.
 * @returns {string | null}
 */
export function findChromium() {
  const chosen = process.env.ROUNDTABLE_CHROMIUM
  if (chosen) return existsSync(chosen) ? chosen : null
  const candidates =
    process.platform === 'win32'
      ? [
          `${process.env['ProgramFiles(x86)']}\\Microsoft\\Edge\\Application\\msedge.exe`,
          `${process.env.ProgramFiles}\\Google\\Chrome\\Application\\chrome.exe`
        ]
      : process.platform === 'darwin'
        ? [
            '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
            '/Applications/Chromium.app/Contents/MacOS/Chromium'
          ]
        : [
            '/usr/bin/chromium',
            '/usr/bin/chromium-browser',
            '/usr/bin/google-chrome',
            '/usr/bin/google-chrome-stable',
            '/snap/bin/chromium'
          ]
  return candidates.find((path) => path && existsSync(path)) ?? null
}
