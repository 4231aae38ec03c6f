#!/usr/bin/env node
// @ts-check
// What electron-builder would pack into app.asar, computed from electron-builder.yml (its `files`
// globs over this checkout) and from package-lock.json (the production dependency closure, which
// electron-builder copies from node_modules). Fails when a devDependency or any package the app does
// not load at run time would be packed, or when sources or tests would; prints the size estimate.
//   node scripts/check-pack.mjs [--lock other-package-lock.json] [--package other-package.json]
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { parse as parseYaml } from 'yaml'

const here = resolve(fileURLToPath(new URL('.', import.meta.url)))
export const repoRoot = resolve(here, '..')

/**
 * Packages the packaged app loads from node_modules at run time, with the reason each cannot be
 * bundled by electron-vite. None today: everything main and preload import is bundled into out/.
 * @type {Record<string, string>}
 */
export const RUNTIME_PACKAGES = {}

/** Folders that hold sources, tests or tools: none of their files belongs in the app. */
const NEVER_PACKED = /^(electron|renderer|e2e|scripts|bench|workshops|test-results|playwright-report|dist)\//
const TEST_FILE = /(^|\/)[^/]*\.(test|spec)\.[cm]?[jt]s$|\.map$/

/**
 * A glob of electron-builder's `files` (minimatch syntax: `**`, `*`, `?`, `{a,b}`) as a RegExp
 * over paths relative to the app folder, with `/` separators.
 * @param {string} glob
 */
export function globToRegExp(glob) {
  let source = ''
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] ?? ''
    if (char === '*' && glob[i + 1] === '*') {
      // `**/` matches any number of folders (also none); `**` at the end matches everything below.
      const slash = glob[i + 2] === '/'
      source += slash ? '(?:.*/)?' : '.*'
      i += slash ? 2 : 1
    } else if (char === '*') source += '[^/]*'
    else if (char === '?') source += '[^/]'
    else if (char === '{') source += '(?:'
    else if (char === '}') source += ')'
    else if (char === ',') source += '|'
    else source += char.replace(/[.+^$()|[\]\\]/g, '\\$&')
  }
  // A folder name also stands for everything in it, as in electron-builder.
  return new RegExp(`^${source}(?:/.*)?$`)
}

/**
 * Every file under `dir` (relative, `/` separators), without node_modules and dot folders.
 * @param {string} root
 * @param {string} [dir]
 * @returns {string[]}
 */
export function listFiles(root, dir = root) {
  /** @type {string[]} */
  const files = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) files.push(...listFiles(root, path))
    else if (entry.isFile()) files.push(relative(root, path).split(sep).join('/'))
  }
  return files
}

/**
 * The files `patterns` select, in order: a pattern adds what it matches, `!pattern` takes it out again.
 * @param {readonly string[]} files
 * @param {readonly string[]} patterns
 */
export function selectFiles(files, patterns) {
  const rules = patterns.map((pattern) => ({
    exclude: pattern.startsWith('!'),
    test: globToRegExp(pattern.replace(/^!/, '').replace(/^\.\//, ''))
  }))
  return files.filter((file) => {
    let packed = false
    for (const rule of rules) if (rule.test.test(file)) packed = !rule.exclude
    return packed
  })
}

/**
 * @typedef {{ dev?: boolean, devOptional?: boolean, optional?: boolean, link?: boolean }} LockEntry
 * @typedef {{ packages?: Record<string, LockEntry> }} Lockfile
 */

/**
 * The packages a production install has (`npm install --omit=dev`): every lock entry under
 * node_modules that is not marked dev (or devOptional), by its folder and its name.
 * @param {Lockfile} lock
 * @returns {{ folder: string, name: string }[]}
 */
export function productionPackages(lock) {
  return Object.entries(lock.packages ?? {})
    .filter(([folder, entry]) => folder.startsWith('node_modules/') && !entry.dev && !entry.devOptional)
    .map(([folder]) => ({ folder, name: folder.slice(folder.lastIndexOf('node_modules/') + 13) }))
}

/**
 * Bytes of the files in a folder, without its own node_modules (those are separate lock entries).
 * @param {string} dir
 * @returns {number}
 */
export function folderBytes(dir) {
  if (!existsSync(dir)) return 0
  let bytes = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) bytes += folderBytes(path)
    else if (entry.isFile()) bytes += lstatSync(path).size
  }
  return bytes
}

/**
 * @typedef {{ files?: string[], extraResources?: ({ from: string } | string)[] }} BuilderConfig
 * @typedef {{ main?: string, dependencies?: Record<string, string>, devDependencies?: Record<string, string> }} PackageJson
 * @typedef {{
 *   files: string[], fileBytes: number,
 *   packages: { name: string, bytes: number }[], packageBytes: number,
 *   extraBytes: number, problems: string[]
 * }} PackPlan
 */

/**
 * What electron-builder would pack, and what is wrong with it.
 * @param {{ root: string, config: BuilderConfig, packageJson: PackageJson, lock: Lockfile,
 *   runtimePackages?: Record<string, string> }} input
 * @returns {PackPlan}
 */
export function packPlan({ root, config, packageJson, lock, runtimePackages = RUNTIME_PACKAGES }) {
  const files = selectFiles(listFiles(root).sort(), config.files ?? ['**/*'])
  const fileBytes = files.reduce((sum, file) => sum + lstatSync(join(root, file)).size, 0)
  const packages = productionPackages(lock).map(({ folder, name }) => ({
    name,
    bytes: folderBytes(join(root, folder))
  }))
  const packageBytes = packages.reduce((sum, entry) => sum + entry.bytes, 0)
  const extraBytes = (config.extraResources ?? []).reduce((sum, extra) => {
    const path = join(root, typeof extra === 'string' ? extra : extra.from)
    return sum + (!existsSync(path) ? 0 : lstatSync(path).isDirectory() ? folderBytes(path) : lstatSync(path).size)
  }, 0)

  /** @type {string[]} */
  const problems = []
  const dev = new Set(Object.keys(packageJson.devDependencies ?? {}))
  for (const { name } of packages) {
    if (dev.has(name)) problems.push(`${name} is a devDependency but would be packed (a dependency needs it)`)
    else if (!(name in runtimePackages))
      problems.push(`${name} would be packed but the app does not load it at run time`)
  }
  for (const file of files) {
    if (NEVER_PACKED.test(file) || TEST_FILE.test(file))
      problems.push(`${file} would be packed (sources, tests, tools)`)
  }
  if (packageJson.main && !files.includes(packageJson.main)) {
    problems.push(`package.json "main" (${packageJson.main}) would not be packed; run the build first?`)
  }
  return { files, fileBytes, packages, packageBytes, extraBytes, problems }
}

/** @param {number} bytes */
const megabytes = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

/**
 * The report lines for a plan.
 * @param {PackPlan} plan
 */
export function describePlan(plan) {
  const biggest = [...plan.packages].sort((a, b) => b.bytes - a.bytes).slice(0, 5)
  return [
    `app files: ${plan.files.length} (${megabytes(plan.fileBytes)})`,
    `production packages from node_modules: ${plan.packages.length} (${megabytes(plan.packageBytes)})` +
      (biggest.length ? `, biggest: ${biggest.map((p) => `${p.name} ${megabytes(p.bytes)}`).join(', ')}` : ''),
    `packed into app.asar, before compression: ${megabytes(plan.fileBytes + plan.packageBytes)}`,
    `next to it (extraResources: bundled workshops, icon): ${megabytes(plan.extraBytes)}`,
    ...plan.problems.map((problem) => `PROBLEM: ${problem}`)
  ]
}

/** @param {string} path */
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'))

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { lock: { type: 'string' }, package: { type: 'string' } } })
  const plan = packPlan({
    root: repoRoot,
    config: parseYaml(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8')),
    packageJson: readJson(values.package ?? join(repoRoot, 'package.json')),
    lock: readJson(values.lock ?? join(repoRoot, 'package-lock.json'))
  })
  for (const line of describePlan(plan)) console.log(line)
  process.exit(plan.problems.length === 0 ? 0 : 1)
}
