import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')

export interface RunningHost {
  url: string
  origin: string
  dataDir: string
  process: ChildProcessWithoutNullStreams
  /** Calls the host's API as the trainer's window does (with the access key); resolves the result. */
  call<T = unknown>(method: string, args?: unknown): Promise<T>
  stop(): Promise<void>
}

export async function newDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'roundtable-e2e-'))
}

/** Starts the built browser-mode host (`npm run build` first) on a free port with its own data folder. */
export async function startHost(dataDir: string): Promise<RunningHost> {
  const child = spawn(
    process.execPath,
    [join(root, 'out/main/browser-host.js'), '--port', '0', '--data-dir', dataDir],
    {
      cwd: root
    }
  )
  let output = ''
  const url = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 15_000)
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolvePromise(match[1])
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('exit', (code) => reject(new Error(`host exited with ${code}:\n${output}`)))
  })
  const origin = new URL(url).origin
  return {
    url,
    origin,
    dataDir,
    process: child,
    call: async (method, args = {}) => {
      const response = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-roundtable-token': url.split('#token=')[1]! },
        body: JSON.stringify(args)
      })
      const reply = (await response.json()) as { ok: boolean; result?: unknown; error?: unknown }
      if (!reply.ok) throw new Error(`${method}: ${JSON.stringify(reply.error)}`)
      return reply.result as never
    },
    stop: () =>
      new Promise((resolvePromise) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolvePromise()
        child.once('exit', () => resolvePromise())
        child.kill('SIGTERM')
      })
  }
}
