import type { ChildProcessByStdio, SpawnOptions } from 'node:child_process'
import type { Readable } from 'node:stream'

/** The API's reply envelope; results are checked by each caller (their shapes are the contract's). */
export interface ApiReply {
  ok: boolean
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  result?: any
  error?: { code: string; message: string; [more: string]: unknown }
}

export interface HostOptions {
  dataDir: string
  /** The checkout whose build runs (default: this one). */
  appRoot?: string
  /** Node's own flags for the host (e.g. --cpu-prof). */
  nodeArgs?: string[]
  /** 0 (the default) picks a free port. */
  port?: string | number
  /** How long to wait for the host to listen (default 15 s). */
  timeoutMs?: number
  /** More for `spawn`: another environment, or another user (uid, gid). */
  spawnOptions?: Omit<SpawnOptions, 'stdio' | 'cwd'>
  /** Sees what the host writes to stderr, as it comes. */
  onStderr?: (chunk: Buffer) => void
}

export interface HostProcess {
  child: ChildProcessByStdio<null, Readable, Readable>
  /** The address to open, with the access key after `#token=`. */
  url: string
  origin: string
  token: string
  /** Everything the host printed so far. */
  output(): string
  /** One API call with the access key; resolves the whole reply, refusals included (default timeout 10 s). */
  request(method: string, args?: unknown, options?: { timeoutMs?: number }): Promise<ApiReply>
  /** SIGTERM, resolved once the host has exited. */
  stop(): Promise<void>
}

export const repoRoot: string
export function readyUrl(output: string): string | null
export function hostArgs(options: {
  appRoot?: string
  nodeArgs?: string[]
  port?: string | number
  dataDir?: string
}): string[]
export function startHost(options: HostOptions): Promise<HostProcess>
