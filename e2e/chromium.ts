import { existsSync } from 'node:fs'

/**
 * How every test browser starts: Debian's Chromium where it is installed (Playwright's own browser
 * download is blocked here), Playwright's bundled browser on machines that have it; never reaching
 * beyond this machine on its own (no background networking, updates or sync).
 */
const debianChromium = '/usr/bin/chromium'

export const chromiumLaunch = {
  executablePath: existsSync(debianChromium) ? debianChromium : undefined,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run'
  ]
}
