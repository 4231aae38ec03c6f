import type { ChildProcess, SpawnOptions } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises'
import { request as httpRequest, Agent, type IncomingHttpHeaders } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoRoot, startHost as startHostProcess } from '../../scripts/host-process.mjs'

/*
 * Test support (not shipped): the real browser-mode host process (built by `npm run build` into
 * out/main/browser-host.js), killed and restarted by the fault tests, and simulated phones that talk
 * to its participant server over real HTTP on 127.0.0.1.
 */

export const root = repoRoot
export const hostScript = join(root, 'out/main/browser-host.js')
export const hostBuilt = existsSync(hostScript)

const children = new Set<ChildProcess>()
const cleanup: (() => Promise<unknown>)[] = []

/** For `afterEach`: kills every host still running and removes the test's data folders. */
export async function stopHostsAndCleanUp(): Promise<void> {
  await Promise.all([...children].map((child) => killAndWait(child)))
  children.clear()
  for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined)
}

export async function dataFolder(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `roundtable-${prefix}-`))
  cleanup.push(async () => {
    await chmod(dir, 0o755).catch(() => undefined)
    await rm(dir, { recursive: true, force: true })
  })
  return dir
}

/** Registers a process started by the test itself, so `stopHostsAndCleanUp` ends it too. */
export function track(child: ChildProcess): void {
  children.add(child)
}

export function killAndWait(child: ChildProcess): Promise<void> {
  children.delete(child)
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise<void>((done) => {
    const timer = setTimeout(done, 5000)
    child.once('exit', () => {
      clearTimeout(timer)
      done()
    })
    child.kill('SIGKILL')
  })
}

// Replies are checked field by field in the tests; their shapes are the contract's, tested elsewhere.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any
export type Reply = { ok: boolean; result?: Json; error?: { code: string; message: string } }
export interface RunningHost {
  child: ChildProcess
  origin: string
  output: () => string
  call: (method: string, args?: unknown) => Promise<Reply>
}

/** Starts `node out/main/browser-host.js --port 0 --data-dir <dir>`; `stopHostsAndCleanUp` ends it. */
export async function startHost(dataDir: string, options: SpawnOptions = {}): Promise<RunningHost> {
  const host = await startHostProcess({ dataDir, spawnOptions: options })
  children.add(host.child)
  return {
    child: host.child,
    origin: host.origin,
    output: host.output,
    call: (method, args) => host.request(method, args)
  }
}

/** Every JSON data file (and its .bak) under the data folder, sessions included. */
export async function dataFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile() && (e.name.endsWith('.json') || e.name.endsWith('.json.bak')))
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
}

export const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Resolves once `check` holds (polling), or after `ms`; says whether it held. */
export async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms
  while (!check() && Date.now() < end) await pause(5)
  return check()
}

/** Resident memory of a process in MB (Linux /proc), or null where that is not available. */
export function rssMb(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb ? Number(kb) / 1024 : null
  } catch {
    return null
  }
}

/**
 * A running session on a phone poll, as a trainer sets it up: a bundled workshop started,
 * moved to its first single-choice poll, opened for phones, and the participant server on 127.0.0.1.
 */
export async function sessionWithPhonePoll(host: RunningHost): Promise<{ sessionId: string; poll: Json }> {
  // The bundled conference briefing (as in the bench): it has single-choice polls.
  const started = await host.call('session.start', {
    workshopId: 'conference-briefing',
    details: { venue: 'Hội trường', date: '2026-03-01', trainer: 'Lan', language: 'vi', plannedStart: '08:30' }
  })
  if (!started.ok) throw new Error(JSON.stringify(started.error))
  const blocks = started.result.snapshot.manifest.blocks as Json[]
  const index = blocks.findIndex((b) => b.kind === 'poll' && b.type === 'single')
  const sessionId = started.result.id as string
  for (const command of [
    { type: 'goto', block: index, slide: 0 },
    { type: 'pollOpen', blockId: blocks[index].id, mode: 'phones' }
  ]) {
    const reply = await host.call('session.command', { id: sessionId, command })
    if (!reply.ok) throw new Error(JSON.stringify(reply.error))
  }
  return { sessionId, poll: blocks[index] }
}

/** Turns the participant server on (127.0.0.1, a free port); returns its address and join code. */
export async function startParticipants(host: RunningHost): Promise<{ url: URL; code: string }> {
  const reply = await host.call('participants.start', { address: '127.0.0.1', port: 0 })
  if (!reply.ok) throw new Error(JSON.stringify(reply.error))
  return { url: new URL(reply.result.url as string), code: reply.result.code as string }
}

export interface HttpReply {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/**
 * One simulated phone: its own loopback source address (as phones have their own on the Wi-Fi, so
 * per-address limits apply as in a room), one kept-alive connection, and its device cookie once joined.
 */
export class Phone {
  readonly agent: Agent
  cookie: string | null = null
  /** Called the moment a reply's status line arrives, before its body (for ordering proofs). */
  onReplyStarted: ((status: number) => void) | null = null

  constructor(
    readonly server: URL,
    index: number,
    /** Second octet of the source address, so different groups of phones never share one. */
    network = 0
  ) {
    const localAddress = `127.${network}.${1 + Math.floor(index / 250)}.${1 + (index % 250)}`
    this.agent = new Agent({ keepAlive: true, maxSockets: 1, localAddress })
  }

  /** The device key the server stores answers under (the cookie's id part). */
  get deviceKey(): string {
    return decodeURIComponent(this.cookie ?? '').split('.')[0]!
  }

  async join(code: string): Promise<void> {
    const reply = await this.request('GET', `/j/${code}`)
    const cookie = /rt_device=([^;]+)/.exec([reply.headers['set-cookie'] ?? []].flat().join(';'))?.[1]
    if (reply.status !== 303 || !cookie) throw new Error(`the phone could not join (${reply.status})`)
    this.cookie = cookie
  }

  answer(blockId: string, values: Record<string, string>): Promise<HttpReply> {
    const body = new URLSearchParams({ block: blockId, ...values }).toString()
    return this.request('POST', '/answer', body, {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
      Origin: this.server.origin
    })
  }

  request(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<HttpReply> {
    const all: Record<string, string> = { Host: this.server.host, ...headers }
    if (this.cookie) all.Cookie = `rt_device=${this.cookie}`
    if (body !== undefined) all['Content-Length'] = String(Buffer.byteLength(body))
    return new Promise((done, fail) => {
      const req = httpRequest(
        { agent: this.agent, host: this.server.hostname, port: this.server.port, method, path, headers: all },
        (res) => {
          this.onReplyStarted?.(res.statusCode ?? 0)
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () =>
            done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })
          )
          res.on('error', fail)
        }
      )
      req.setTimeout(15_000, () => req.destroy(new Error(`no reply to ${method} ${path} within 15 s`)))
      req.on('error', fail)
      req.end(body)
    })
  }

  close(): void {
    this.agent.destroy()
  }
}
