import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { globToRegExp, packPlan, repoRoot, selectFiles, type Lockfile } from './check-pack.mjs'

// What electron-builder would pack (scripts/check-pack.mjs), over this checkout and over made-up ones.

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

/** A made-up checkout: each file gets that many bytes. */
function checkout(files: Record<string, number>): string {
  const root = mkdtempSync(join(tmpdir(), 'roundtable-pack-'))
  folders.push(root)
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), 'x'.repeat(bytes))
  }
  return root
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(join(repoRoot, path), 'utf8'))
const built = existsSync(join(repoRoot, 'out/main/index.js'))

describe('what electron-builder would pack', () => {
  it.skipIf(!built)('this app: only out/ and package.json, no package from node_modules, no problem', () => {
    const plan = packPlan({
      root: repoRoot,
      config: parseYaml(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')),
      packageJson: readJson('package.json') as never,
      lock: readJson('package-lock.json') as Lockfile
    })
    expect(plan.problems).toEqual([])
    expect(plan.packages).toEqual([])
    expect(plan.files).toContain('out/main/index.js')
    expect(plan.files).toContain('out/preload/index.cjs')
    expect(plan.files).toContain('package.json')
    expect(plan.files.every((file) => file === 'package.json' || file.startsWith('out/'))).toBe(true)
    // The built app is a few MB; the production packages alone were 36 MB before they were bundled.
    expect(plan.fileBytes).toBeLessThan(8 * 1024 * 1024)
  })

  it('package.json has no dependencies: everything main and preload use is bundled', () => {
    expect((readJson('package.json') as { dependencies?: object }).dependencies ?? {}).toEqual({})
  })

  it('reports a devDependency that a production dependency pulls in, and a package the app never loads', () => {
    const root = checkout({
      'out/main/index.js': 100,
      'node_modules/docx/index.js': 2000,
      'node_modules/vitest/index.js': 300
    })
    const lock: Lockfile = {
      packages: { '': {}, 'node_modules/docx': {}, 'node_modules/vitest': {}, 'node_modules/eslint': { dev: true } }
    }
    const plan = packPlan({
      root,
      config: { files: ['out/**', 'package.json'] },
      packageJson: { main: 'out/main/index.js', devDependencies: { vitest: '1', eslint: '1' } },
      lock
    })
    expect(plan.packages).toEqual([
      { name: 'docx', bytes: 2000 },
      { name: 'vitest', bytes: 300 }
    ])
    expect(plan.packageBytes).toBe(2300)
    expect(plan.fileBytes).toBe(100)
    expect(plan.problems).toEqual([
      'docx would be packed but the app does not load it at run time',
      'vitest is a devDependency but would be packed (a dependency needs it)'
    ])
  })

  it('a package on the run-time list (with its reason) is no problem', () => {
    const root = checkout({ 'out/main/index.js': 1, 'node_modules/sql-wasm/a.wasm': 10 })
    const plan = packPlan({
      root,
      config: { files: ['out/**'] },
      packageJson: { main: 'out/main/index.js' },
      lock: { packages: { 'node_modules/sql-wasm': {} } },
      runtimePackages: { 'sql-wasm': 'its .wasm is read from node_modules at run time' }
    })
    expect(plan.problems).toEqual([])
    expect(plan.packageBytes).toBe(10)
  })

  it('reports sources, tests and source maps that the files globs would pack, and a main left out', () => {
    const root = checkout({
      'out/main/index.js.map': 1,
      'out/renderer/index.html': 1,
      'electron/main/index.ts': 1,
      'renderer/src/App.svelte': 1,
      'lib/thing.test.ts': 1,
      'package.json': 1
    })
    const plan = packPlan({
      root,
      config: { files: ['**/*'] },
      packageJson: { main: 'out/main/index.js' },
      lock: {}
    })
    expect(plan.problems).toEqual([
      'electron/main/index.ts would be packed (sources, tests, tools)',
      'lib/thing.test.ts would be packed (sources, tests, tools)',
      'out/main/index.js.map would be packed (sources, tests, tools)',
      'renderer/src/App.svelte would be packed (sources, tests, tools)',
      'package.json "main" (out/main/index.js) would not be packed; run the build first?'
    ])
  })

  it('reads globs as electron-builder does: **, *, braces, a folder for its contents, ! to take out', () => {
    expect(globToRegExp('out/**').test('out/main/chunks/a.js')).toBe(true)
    expect(globToRegExp('**/*.map').test('out/a.js.map')).toBe(true)
    expect(globToRegExp('**/*.map').test('a.map')).toBe(true)
    expect(globToRegExp('*.json').test('out/package.json')).toBe(false)
    expect(globToRegExp('*.{json,yml}').test('electron-builder.yml')).toBe(true)
    expect(globToRegExp('out').test('out/renderer/index.html')).toBe(true)
    expect(globToRegExp('package.json').test('package-json')).toBe(false)
    expect(
      selectFiles(['out/a.js', 'out/a.js.map', 'package.json', 'README.md'], ['out/**', '!**/*.map', 'package.json'])
    ).toEqual(['out/a.js', 'package.json'])
  })
})
