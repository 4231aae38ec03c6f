import type { ChildProcessByStdio } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { startHost as startHostProcess } from '../scripts/host-process.mjs'

export interface RunningHost {
  url: string
  origin: string
  dataDir: string
  process: ChildProcessByStdio<null, Readable, Readable>
  /** Calls the host's API as the trainer's window does (with the access key); resolves the result. */
  call<T = unknown>(method: string, args?: unknown): Promise<T>
  stop(): Promise<void>
}

export async function newDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'roundtable-e2e-'))
}

/**
 * Starts the built browser-mode host (`npm run build` first) on a free port with its own data folder;
 * `env` adds to its environment (e.g. `ROUNDTABLE_CHROMIUM` for the Chromium that prints PDFs).
 */
export async function startHost(dataDir: string, env?: Record<string, string>): Promise<RunningHost> {
  const host = await startHostProcess({
    dataDir,
    ...(env ? { spawnOptions: { env: { ...process.env, ...env } } } : {})
  })
  return {
    url: host.url,
    origin: host.origin,
    dataDir,
    process: host.child,
    call: async <T>(method: string, args: unknown = {}): Promise<T> => {
      // No time limit of its own: Playwright's test timeout bounds a slow call.
      const reply = await host.request(method, args, { timeoutMs: 600_000 })
      if (!reply.ok) throw new Error(`${method}: ${JSON.stringify(reply.error)}`)
      return reply.result as T
    },
    stop: host.stop
  }
}
