// Starting the built browser-mode host and talking to its API, for the bench.
import { spawn } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
/** The app whose host is started: this checkout, or BENCH_APP_ROOT (another build, to compare). */
const appRoot = process.env.BENCH_APP_ROOT ?? root

export async function startHost(dataDir) {
  dataDir ??= await mkdtemp(join(tmpdir(), 'roundtable-bench-'))
  const started = performance.now()
  // BENCH_HOST_ARGS: extra node flags for the host while investigating (e.g. --cpu-prof).
  const nodeArgs = process.env.BENCH_HOST_ARGS?.split(' ').filter(Boolean) ?? []
  const child = spawn(process.execPath, [...nodeArgs, join(appRoot, 'out/main/browser-host.js'), '--port', '0', '--data-dir', dataDir], { cwd: appRoot })
  let output = ''
  const url = await new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start: ${output}`)), 20_000)
    child.stdout.on('data', (chunk) => {
      output += chunk
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolvePromise(match[1])
      }
    })
    child.stderr.on('data', (chunk) => { output += chunk; if (process.env.BENCH_HOST_STDERR) process.stderr.write(chunk) })
    child.on('exit', (code) => reject(new Error(`host exited ${code}: ${output}`)))
  })
  const origin = new URL(url).origin
  const token = url.split('#token=')[1]
  const call = async (method, args = {}) => {
    const response = await fetch(`${origin}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-roundtable-token': token },
      body: JSON.stringify(args)
    })
    const reply = await response.json()
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`)
    return reply.result
  }
  return {
    url,
    origin,
    dataDir,
    child,
    started,
    call,
    stop: () =>
      new Promise((r) => {
        if (child.exitCode !== null || child.signalCode !== null) return r()
        child.once('exit', r)
        child.kill('SIGTERM')
      })
  }
}

/** Resident memory of a process in MB, from /proc (Linux). */
export async function rssMb(pid) {
  const { readFile } = await import('node:fs/promises')
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8')
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
  } catch {
    return null
  }
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux; 100 ticks/s). */
export async function cpuMs(pid) {
  const { readFile } = await import('node:fs/promises')
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return null
  }
}

/** A new session on the bundled briefing, moved to its first single-choice poll and opened for phones. */
export async function startPhonePoll(host, details) {
  const session = await host.call('session.start', { workshopId: 'conference-briefing', details })
  const blocks = session.snapshot.manifest.blocks
  const pollIndex = blocks.findIndex((b) => b.kind === 'poll' && b.type === 'single')
  const poll = blocks[pollIndex]
  await host.call('session.command', { id: session.id, command: { type: 'goto', block: pollIndex, slide: 0 } })
  await host.call('session.command', { id: session.id, command: { type: 'pollOpen', blockId: poll.id, mode: 'phones' } })
  return { session, poll }
}
