import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { windowIconPath } from './paths'
import { allowDevTools, audienceWindowOptions, mainWindowOptions, secureWebPreferences } from './window-options'

// What differs in the packaged app: DevTools closed, the window icon found next to app.asar.

const mainDir = resolve(__dirname)
const source = (file: string): string => readFileSync(join(mainDir, file), 'utf8')

afterEach(() => allowDevTools(false))

describe('DevTools', () => {
  it('are closed in every window unless allowed', () => {
    expect(secureWebPreferences('/p.cjs').devTools).toBe(false)
    expect(mainWindowOptions('/p.cjs').webPreferences?.devTools).toBe(false)
    expect(audienceWindowOptions('/p.cjs', null).webPreferences?.devTools).toBe(false)
    allowDevTools(true)
    expect(mainWindowOptions('/p.cjs').webPreferences?.devTools).toBe(true)
  })

  it('are allowed only when the app is not packaged, and nothing in main opens them', () => {
    expect(source('index.ts')).toMatch(/^allowDevTools\(!app\.isPackaged\)$/m)
    const shell = readdirSync(mainDir).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    for (const file of shell) expect(source(file), file).not.toMatch(/openDevTools|devTools:\s*true/)
  })
})

describe('the window icon', () => {
  const dev = { isPackaged: false, getAppPath: () => '/repo' }
  const packaged = { isPackaged: true, getAppPath: () => '/opt/Roundtable/resources/app.asar' }

  it('on Linux: resources/icon.png in the source tree, icon.png next to app.asar when packaged', () => {
    expect(windowIconPath('linux', dev, '/unused')).toBe(join('/repo', 'resources', 'icon.png'))
    expect(windowIconPath('linux', packaged, '/opt/Roundtable/resources')).toBe(
      join('/opt/Roundtable/resources', 'icon.png')
    )
    expect(mainWindowOptions('/p.cjs', '/r/icon.png').icon).toBe('/r/icon.png')
  })

  it('elsewhere none: Windows takes it from the .exe, macOS from the bundle', () => {
    expect(windowIconPath('win32', packaged, 'C:\\Roundtable\\resources')).toBeUndefined()
    expect(windowIconPath('darwin', packaged, '/Applications/Roundtable.app/Contents/Resources')).toBeUndefined()
    expect(mainWindowOptions('/p.cjs')).not.toHaveProperty('icon')
  })
})
