// Starting the built browser-mode host and talking to its API, for the bench.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoRoot, startHost as startHostProcess } from '../scripts/host-process.mjs'

export const root = repoRoot
/** The app whose host is started: this checkout, or BENCH_APP_ROOT (another build, to compare). */
const appRoot = process.env.BENCH_APP_ROOT ?? root

export async function startHost(dataDir) {
  dataDir ??= await mkdtemp(join(tmpdir(), 'roundtable-bench-'))
  const started = performance.now()
  const host = await startHostProcess({
    dataDir,
    appRoot,
    // BENCH_HOST_ARGS: extra node flags for the host while investigating (e.g. --cpu-prof).
    nodeArgs: process.env.BENCH_HOST_ARGS?.split(' ').filter(Boolean) ?? [],
    timeoutMs: 20_000,
    onStderr: (chunk) => process.env.BENCH_HOST_STDERR && process.stderr.write(chunk)
  })
  const call = async (method, args = {}) => {
    // No time limit of its own: a bench group measures slow calls too.
    const reply = await host.request(method, args, { timeoutMs: 600_000 })
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`)
    return reply.result
  }
  return { url: host.url, origin: host.origin, dataDir, child: host.child, started, call, stop: host.stop }
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
  await host.call('session.command', {
    id: session.id,
    command: { type: 'pollOpen', blockId: poll.id, mode: 'phones' }
  })
  return { session, poll }
}
