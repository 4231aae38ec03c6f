// @ts-check
// Starting the built browser-mode host (out/main/browser-host.js) as its own process and reading the
// address it prints: one helper for `npm start`, the bench, the Playwright suites and the Vitest suites.
import { spawn } from 'node:child_process'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** This checkout. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** The line the host prints once it listens: `… running at http://127.0.0.1:PORT/#token=KEY`. */
const READY = /running at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/

/**
 * The address (with its access key) a host printed, once it has.
 * @param {string} output everything the host printed so far
 * @returns {string | null}
 */
export function readyUrl(output) {
  return READY.exec(output)?.[1] ?? null
}

/**
 * The command line that runs the host: node's own flags, the built script, then its options.
 * @param {{ appRoot?: string, nodeArgs?: string[], port?: string | number, dataDir?: string }} options
 * @returns {string[]}
 */
export function hostArgs({ appRoot = repoRoot, nodeArgs = [], port, dataDir }) {
  const args = [...nodeArgs, join(appRoot, 'out/main/browser-host.js')]
  if (port !== undefined) args.push('--port', String(port))
  if (dataDir !== undefined) args.push('--data-dir', dataDir)
  return args
}

/**
 * Starts a host on a free port with its own data folder and resolves once it listens. When it does
 * not (it exits first, or `timeoutMs` passes) the promise rejects with what it printed, and a host
 * still running is killed.
 * @param {import('./host-process.d.mts').HostOptions} options
 * @returns {Promise<import('./host-process.d.mts').HostProcess>}
 */
export async function startHost({
  dataDir,
  appRoot = repoRoot,
  nodeArgs,
  port = 0,
  timeoutMs = 15_000,
  spawnOptions,
  onStderr
}) {
  const child = spawn(process.execPath, hostArgs({ appRoot, nodeArgs, port, dataDir }), {
    cwd: appRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...spawnOptions
  })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => {
    output += chunk
    onStderr?.(chunk)
  })
  const url = await new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      fail(new Error(`the host did not start within ${timeoutMs / 1000} s:\n${output}`))
    }, timeoutMs)
    child.stdout.on('data', () => {
      const found = readyUrl(output)
      if (found) {
        clearTimeout(timer)
        done(found)
      }
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      fail(new Error(`the host exited (${code ?? signal}) before it was ready:\n${output}`))
    })
  })
  const origin = new URL(url).origin
  const token = url.split('#token=')[1] ?? ''
  return {
    child,
    url,
    origin,
    token,
    output: () => output,
    request: apiRequest(origin, token),
    stop: () => stopHost(child)
  }
}

/**
 * Calls the host's API as the trainer's window does (with the access key); resolves the whole reply.
 * @param {string} origin
 * @param {string} token
 */
function apiRequest(origin, token) {
  /** @type {import('./host-process.d.mts').HostProcess['request']} */
  return async (method, args = {}, { timeoutMs = 10_000 } = {}) => {
    const response = await fetch(`${origin}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-roundtable-token': token },
      body: JSON.stringify(args),
      signal: AbortSignal.timeout(timeoutMs)
    })
    return /** @type {import('./host-process.d.mts').ApiReply} */ (await response.json())
  }
}

/**
 * Asks the host to stop (SIGTERM: it closes its files) and resolves once it has exited.
 * @param {import('node:child_process').ChildProcess} child
 * @returns {Promise<void>}
 */
function stopHost(child) {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done()
    child.once('exit', () => done())
    child.kill('SIGTERM')
  })
}
