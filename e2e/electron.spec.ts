import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'

/**
 * The desktop app itself, driven by Playwright's Electron support. It needs the Electron binary,
 * which `npm install` does not download here (see `allowScripts` in package.json); where it is
 * missing the test is skipped with the reason, and runs wherever `npm run electron:install` worked.
 */

const NOT_INSTALLED =
  'Electron binary not installed here (its download host is unreachable); run `npm run electron:install` on a machine with internet'

/** The path of the Electron binary, or null. The electron package exports that path, and throws when it was never downloaded. */
function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    return null
  }
}

const repoRoot = resolve(import.meta.dirname, '..')
const binary = electronBinary()
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY

test('the desktop app opens the library in a secure window', async () => {
  test.skip(binary === null, NOT_INSTALLED)
  test.skip(noDisplay, 'no display to open a window on (DISPLAY is not set); run the tests under xvfb-run')
  expect(existsSync(join(repoRoot, 'out/main/index.js')), 'build the app first: npm run build').toBe(true)

  // Its own data folder, so the test never touches a trainer's sessions (see electron/main/paths.ts).
  const dataDir = await mkdtemp(join(tmpdir(), 'roundtable-electron-'))
  const app = await electron.launch({
    executablePath: binary!,
    args: ['.', `--roundtable-data-dir=${dataDir}`],
    cwd: repoRoot
  })
  try {
    const page = await app.firstWindow()
    await expect(page.getByRole('heading', { name: /Thư viện hội thảo/ })).toBeVisible()
    expect(await page.title()).toBe('Bàn Tròn — Roundtable')
    expect(page.url()).toBe('app://roundtable/index.html')
    expect(await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'))).toBe(dataDir)

    // The page sees the bridge and nothing of Node or Electron.
    const globals = await page.evaluate(() => {
      const scope = window as unknown as Record<string, unknown>
      return { bridge: typeof scope.roundtable, require: typeof scope.require, process: typeof scope.process }
    })
    expect(globals).toEqual({ bridge: 'object', require: 'undefined', process: 'undefined' })

    // The bridge reaches the core, which knows it runs in Electron.
    const info = await page.evaluate(() =>
      (window as unknown as { roundtable: { invoke(m: string, a: unknown): Promise<unknown> } }).roundtable.invoke(
        'app.info',
        {}
      )
    )
    expect(info).toMatchObject({ ok: true, result: { host: 'electron' } })

    // app:// responses carry the CSP.
    const csp = await page.evaluate(async () =>
      (await fetch('app://roundtable/index.html')).headers.get('content-security-policy')
    )
    expect(csp).toContain("default-src 'none'")

    // Content cannot open windows or navigate away from the app.
    expect(await page.evaluate(() => window.open('https://example.org/') === null)).toBe(true)
    await page.evaluate(() => {
      location.href = 'https://example.org/'
    })
    await page.waitForTimeout(500)
    expect(page.url()).toBe('app://roundtable/index.html')
    expect(app.windows()).toHaveLength(1)
  } finally {
    await app.close()
    await rm(dataDir, { recursive: true, force: true })
  }
})
