#!/usr/bin/env node
// `npm test`: type-check, lint, build, then every suite (Vitest under Node, Playwright in Chromium).
// The last line is the sum over all of them: `N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const results = join(root, 'test-results')
rmSync(results, { recursive: true, force: true })
mkdirSync(results, { recursive: true })

const totals = { passed: 0, failed: 0, skipped: 0 }
const bin = (pkg, file) => join(root, 'node_modules', pkg, file)

function run(title, args) {
  console.log(`\n=== ${title}`)
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: '0' }
  })
  return result.status === 0
}

/** Type-check and lint count as one check each: they either pass or they do not. */
function check(title, args) {
  if (run(title, args)) totals.passed++
  else totals.failed++
}

check('typecheck: tsc (electron, server; against electron types)', [
  bin('typescript', 'bin/tsc'),
  '-p',
  'tsconfig.node.json'
])
check('typecheck: tsc (e2e)', [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.e2e.json'])
check('typecheck: svelte-check (renderer)', [
  bin('svelte-check', 'bin/svelte-check'),
  '--tsconfig',
  './tsconfig.web.json',
  '--fail-on-warnings'
])
check('lint: eslint (layers, imports, code)', [bin('eslint', 'bin/eslint.js'), '.'])
check('format: prettier --check', [bin('prettier', 'bin/prettier.cjs'), '--check', '--log-level', 'warn', '.'])
check('imports: no cycles', [join(root, 'scripts', 'check-import-cycles.mjs')])

if (!run('build: electron-vite', [bin('electron-vite', 'bin/electron-vite.js'), 'build'])) {
  totals.failed++
  finish()
}
check('pack: what electron-builder would pack (scripts/check-pack.mjs)', [join(root, 'scripts', 'check-pack.mjs')])

run('unit and integration: vitest', [
  bin('vitest', 'vitest.mjs'),
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${join(results, 'vitest.json')}`
])
const vitest = readJson(join(results, 'vitest.json'))
if (vitest) {
  totals.passed += vitest.numPassedTests
  totals.failed += vitest.numFailedTests + (vitest.numRuntimeErrorTestSuites ?? 0)
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests
} else {
  totals.failed++
}

run('end to end: playwright (Chromium)', [bin('@playwright/test', 'cli.js'), 'test'])
const playwright = readJson(join(results, 'playwright.json'))
if (playwright) {
  totals.passed += playwright.stats.expected + playwright.stats.flaky
  totals.failed += playwright.stats.unexpected + (playwright.errors?.length ?? 0)
  totals.skipped += playwright.stats.skipped
} else {
  totals.failed++
}

finish()

function readJson(path) {
  if (!existsSync(path)) return null
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return null
  }
}

function finish() {
  console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
  process.exit(totals.failed === 0 ? 0 : 1)
}
