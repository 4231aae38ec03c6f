import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { PACKAGE_EXTENSION } from '../electron/core/workshops/package-file'
import { globToRegExp, repoRoot } from './check-pack.mjs'
import { drawIcon, encodePng, ICO_SIZES } from './make-icons.mjs'

// electron-builder.yml, read as electron-builder reads it. No Electron binary can be downloaded here,
// so the installers themselves are not built in the tests: these check the settings they are built from.

const read = (path: string): Buffer => readFileSync(join(repoRoot, path))
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const config: any = parseYaml(read('electron-builder.yml').toString('utf8'))
const packageJson = JSON.parse(read('package.json').toString('utf8')) as Record<string, unknown>

describe('electron-builder.yml', () => {
  it('flips every fuse the app does not need to its safe value', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false
    })
    // ASAR integrity and only-load-from-ASAR protect nothing without an archive.
    expect(config.asar).toBe(true)
  })

  it('Windows: an installer for the current user that never asks for an administrator, and a portable .exe', () => {
    expect(config.win.target).toEqual(expect.arrayContaining(['nsis', 'portable']))
    expect(config.nsis.perMachine).toBe(false)
    expect(config.nsis.allowElevation).toBe(false)
    expect(config.nsis.oneClick).toBe(true) // no "for all users" page that needs an administrator
    expect(config.nsis.artifactName).toContain('${version}')
    expect(config.portable.artifactName).toContain('${version}')
    expect(config.nsis.artifactName).not.toBe(config.portable.artifactName)
  })

  it('declares the .roundtable file association (workshop packages, as the app exports them)', () => {
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({ ext: PACKAGE_EXTENSION.slice(1), mimeType: 'application/x-roundtable' })
    ])
    expect(config.fileAssociations[0].description).toMatch(/Roundtable/)
  })

  it('packs the build only: no sources, tests, scripts or source maps match `files`', () => {
    const packed = (path: string): boolean => {
      let result = false
      for (const pattern of config.files as string[]) {
        if (globToRegExp(pattern.replace(/^!/, '')).test(path)) result = !pattern.startsWith('!')
      }
      return result
    }
    for (const source of [
      'electron/main/index.ts',
      'electron/main/window-options.test.ts',
      'renderer/src/App.svelte',
      'e2e/library.spec.ts',
      'scripts/check-pack.mjs',
      'workshops/FORMAT.md',
      'node_modules/docx/package.json',
      'out/main/index.js.map',
      'electron-builder.yml'
    ]) {
      expect(packed(source), source).toBe(false)
    }
    for (const built of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'package.json']) {
      expect(packed(built), built).toBe(true)
    }
  })

  it('product name and version come from package.json, the icons from resources/', () => {
    expect(config.productName).toBeUndefined()
    expect(config.version).toBeUndefined()
    expect(packageJson.productName).toBe('Roundtable')
    expect(packageJson.version).toMatch(/^\d+\.\d+\.\d+/)
    expect(config.win.icon).toBe('resources/icon.ico')
    expect(config.linux.icon).toBe('resources/icon.png')
    expect(config.extraResources).toContainEqual({ from: 'resources/icon.png', to: 'icon.png' })
  })
})

describe('the app icon (scripts/make-icons.mjs)', () => {
  it('icon.png is a 512×512 RGBA PNG', () => {
    const png = read('resources/icon.png')
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[25]]).toEqual([512, 512, 6])
  })

  it('icon.ico holds every size from 16 to 256 px, each one drawn by the script', () => {
    const ico = read('resources/icon.ico')
    expect([ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([1, ICO_SIZES.length])
    const sizes = ICO_SIZES.map((_, index) => ico.readUInt8(6 + 16 * index) || 256)
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256])
    // The committed file is the script's output (the drawing is deterministic): compare the 16 px image.
    const length = ico.readUInt32LE(6 + 8)
    const offset = ico.readUInt32LE(6 + 12)
    expect(ico.subarray(offset, offset + length).equals(encodePng(16, drawIcon(16)))).toBe(true)
  })
})
