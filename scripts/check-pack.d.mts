/** Types of check-pack.mjs (plain JavaScript, checked with @ts-check), for the tests. */
export const repoRoot: string
export const RUNTIME_PACKAGES: Record<string, string>
export function globToRegExp(glob: string): RegExp
export function listFiles(root: string, dir?: string): string[]
export function selectFiles(files: readonly string[], patterns: readonly string[]): string[]
export interface LockEntry {
  dev?: boolean
  devOptional?: boolean
  optional?: boolean
  link?: boolean
}
export interface Lockfile {
  packages?: Record<string, LockEntry>
}
export function productionPackages(lock: Lockfile): { folder: string; name: string }[]
export function folderBytes(dir: string): number
export interface BuilderConfig {
  files?: string[]
  extraResources?: ({ from: string } | string)[]
}
export interface PackageJson {
  main?: string
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
}
export interface PackPlan {
  files: string[]
  fileBytes: number
  packages: { name: string; bytes: number }[]
  packageBytes: number
  extraBytes: number
  problems: string[]
}
export function packPlan(input: {
  root: string
  config: BuilderConfig
  packageJson: PackageJson
  lock: Lockfile
  runtimePackages?: Record<string, string>
}): PackPlan
export function describePlan(plan: PackPlan): string[]
