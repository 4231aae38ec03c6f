// A conference hall on one laptop: closed-loop load from 1,000 phones (each on its own keep-alive
// connection, posting its next answer as soon as the last one is acknowledged), driven from child
// processes; capacity, latency, host memory, refusals, answers lost, and how current the projector stays,
// then 200 phones against the app and against a bare node:http server making each answer durable the
// same way (bench/bare-server.mjs), in the same run.
import { fork } from 'node:child_process'
import http from 'node:http'
import { readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { cpuMs, root, rssMb, startHost, startPhonePoll } from './host.mjs'
import { answer, joinPhone } from './phones.mjs'
import { median, percentile, sessionDetails, sleep } from './stats.mjs'

export const HALL = Number(process.env.BENCH_HALL ?? 1000)
const BASELINE_PHONES = Number(process.env.BENCH_BASELINE_PHONES ?? 200)
/** Two load processes: together they can offer more than the server takes, on 2 cores. */
const LOAD_PROCESSES = 2
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
/**
 * Between an acknowledged answer and the next, for the latency figure: a person answering once a second
 * is ten times what a hall does (1,000 people answer a question within 10 to 20 s). Without a pause, a
 * closed loop's latency is only its capacity restated (Little's law: mean latency = phones / answers per
 * second, so p99 ≤ 250 ms for 1,000 pausing-less phones would need over 4,000 durable answers/s).
 */
const THINK_MS = 1000

/** Sends a message to every load process and waits for each one's reply of `type`. */
function all(children, message, type) {
  return Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          const onMessage = (reply) => {
            if (reply.type !== type) return
            child.off('message', onMessage)
            resolve(reply)
          }
          child.on('message', onMessage)
          child.send(typeof message === 'function' ? message(child) : message)
        })
    )
  )
}

const serverOf = (url) => {
  const u = new URL(url)
  return { hostname: u.hostname, port: u.port, host: u.host, origin: u.origin }
}

/**
 * The trainer API's event stream (what the presenter and the projector windows listen to): calls
 * `onSession` with every live session state it carries.
 */
function watchSessions(host, onSession) {
  const token = host.url.split('#token=')[1]
  const req = http.get(`${host.origin}/api/events?token=${token}`, (res) => {
    let buffer = ''
    res.setEncoding('utf8')
    res.on('data', (chunk) => {
      buffer += chunk
      let end
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const data = block
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trimStart())
          .join('\n')
        if (!block.includes('event: api') || !data.startsWith('{"type":"session"')) continue
        onSession(JSON.parse(data).live)
      }
    })
  })
  req.on('error', () => undefined)
  return () => req.destroy()
}

/**
 * One more phone, answering every 200 ms while the hall loads the server: the time from its answer's
 * acknowledgement to the first live state on the trainer API that has it (the same publish carries the
 * audience view the projector draws).
 */
function projectorProbe(host, server, code, poll) {
  const delays = []
  let stopped = false
  let expected = null
  let seenAt = 0
  let seen = null
  let phone
  const unwatch = watchSessions(host, (live) => {
    const mine = live.polls?.[poll.id]?.answers?.[phone?.deviceKey]?.values?.[poll.id]?.[0]
    if (expected && mine === expected && !seenAt) {
      seenAt = performance.now()
      seen?.()
    }
  })
  const done = (async () => {
    phone = await joinPhone(server, code, HALL + 10)
    for (let n = 0; !stopped; n++) {
      expected = poll.options[n % poll.options.length].id
      seenAt = 0
      const shown = new Promise((resolve) => (seen = resolve))
      const reply = await answer(phone, server, poll.id, expected)
      if (reply.status !== 200) {
        expected = null
        await sleep(1000)
        continue
      }
      const acknowledgedAt = performance.now()
      // Not shown within 5 s counts as 5 s (a miss), never as nothing.
      await Promise.race([shown, sleep(5000)])
      delays.push(Math.max(0, (seenAt || acknowledgedAt + 5000) - acknowledgedAt))
      expected = null
      await sleep(200)
    }
    phone.agent.destroy()
  })()
  return {
    delays,
    stop: async () => {
      stopped = true
      await done
      unwatch()
    }
  }
}

/** The load processes' replies to one round, together: acknowledged answers per second and the rest. */
function together(replies, seconds = SECONDS) {
  return {
    perSecond: replies.reduce((sum, r) => sum + r.ok, 0) / seconds,
    latencies: replies.flatMap((r) => r.latencies),
    refused: replies.reduce((sum, r) => sum + r.refused, 0),
    failed: replies.reduce((sum, r) => sum + r.failed, 0),
    statuses: replies.map((r) => r.statuses),
    acknowledged: Object.assign({}, ...replies.map((r) => r.acknowledged))
  }
}

/** The hall, then 200 phones against the app and the baseline in turns; then every acknowledged answer looked for on disk. */
async function againstApp(children) {
  const host = await startHost()
  const { session, poll } = await startPhonePoll(host, sessionDetails)
  const participants = await host.call('participants.start', { address: '127.0.0.1', port: 0 })
  const server = serverOf(participants.url)
  const joining = performance.now()
  await Promise.all(
    children.map((child, c) =>
      all(
        [child],
        {
          type: 'join',
          server,
          code: participants.code,
          indexes: Array.from({ length: HALL / LOAD_PROCESSES }, (_, i) => c + i * LOAD_PROCESSES)
        },
        'joined'
      )
    )
  )
  const joinSeconds = (performance.now() - joining) / 1000
  const options = poll.options.map((o) => o.id)
  const round = async (phones, thinkMs = 0, seconds = SECONDS, shareDevices = false) =>
    together(
      await all(
        children,
        {
          type: 'load',
          server,
          pollId: poll.id,
          options,
          seconds,
          count: phones / LOAD_PROCESSES,
          thinkMs,
          shareDevices
        },
        'loaded'
      ),
      seconds
    )

  let peakRss = 0
  const sampler = setInterval(async () => (peakRss = Math.max(peakRss, (await rssMb(host.child.pid)) ?? 0)), 200)
  const probe = projectorProbe(host, server, participants.code, poll)
  // Not measured: the first second of load also compiles the answer path and opens 1,000 connections again.
  await round(HALL, 0, 1)
  const hall = []
  for (let r = 0; r < ROUNDS; r++) hall.push(await round(HALL))
  const saturated = probe.delays.splice(0)
  const people = []
  for (let r = 0; r < ROUNDS; r++) people.push(await round(HALL, THINK_MS))
  await probe.stop()
  // The app and the baseline in turns, round by round, so both meet the same load from others on the machine.
  const baseline = await startBaseline(sessionFileOf(host, session), poll)
  const twoHundred = []
  const baselineRounds = []
  let cpu = 0
  for (let r = 0; r < ROUNDS; r++) {
    const before = await cpuMs(host.child.pid)
    // 200 connections carrying the hall's 1,000 phones in turn (see phone-load.mjs): capacity, not the per-phone limit.
    twoHundred.push(await round(BASELINE_PHONES, 0, SECONDS, true))
    cpu += (await cpuMs(host.child.pid)) - before
    baselineRounds.push(await baseline.round(children, options))
  }
  baselineRounds.cpu = await baseline.stop()
  clearInterval(sampler)
  await host.stop()

  const onDisk = JSON.parse(readFileSync(sessionFileOf(host, session), 'utf8')).session.polls[poll.id].answers
  await rm(host.dataDir, { recursive: true, force: true })
  const acknowledged = Object.entries(twoHundred.at(-1).acknowledged).filter(([, option]) => option)
  const lost = acknowledged.filter(([device, option]) => onDisk[device]?.values[poll.id]?.[0] !== option).length
  return {
    hall,
    people,
    twoHundred,
    cpu,
    peakRss,
    probe: probe.delays,
    saturated,
    lost,
    acknowledged,
    joinSeconds,
    baseline: baselineRounds
  }
}

const sessionFileOf = (host, session) => join(host.dataDir, 'sessions', `${session.id}.json`)

/**
 * Bare node:http making each answer durable the same way, started from the app's session file as it is
 * (the same size to write); `round` loads it with the same 200 phones (their own connections to it).
 */
async function startBaseline(sessionFile, poll) {
  const bare = fork(join(root, 'bench/bare-server.mjs'))
  bare.send({ type: 'start', sessionFile, pollPath: ['session', 'polls', poll.id, 'answers'] })
  const port = await new Promise((resolve) => bare.once('message', (m) => resolve(m.port)))
  const server = serverOf(`http://127.0.0.1:${port}/`)
  let cpu = 0
  return {
    async round(children, options) {
      const message = {
        type: 'load',
        server,
        pollId: poll.id,
        options,
        seconds: SECONDS,
        count: BASELINE_PHONES / LOAD_PROCESSES,
        shareDevices: true
      }
      const before = await cpuMs(bare.pid)
      const result = together(await all(children, message, 'loaded'))
      cpu += (await cpuMs(bare.pid)) - before
      return result
    },
    async stop() {
      bare.send('exit')
      return cpu
    }
  }
}

const p = (rounds, q) => median(rounds.map((r) => percentile(r.latencies, q)))
const sum = (rounds, key) => rounds.reduce((n, r) => n + r[key], 0)
/** CPU time a server used per 1,000 acknowledged answers: steadier than rates on a machine others use. */
const perThousand = (cpu, rounds) => Math.round((cpu / (sum(rounds, 'perSecond') * SECONDS)) * 1000)

export async function measureHall(record) {
  const children = Array.from({ length: LOAD_PROCESSES }, () => fork(join(root, 'bench/phone-load.mjs')))
  const app = await againstApp(children)
  const baseline = app.baseline
  children.forEach((child) => child.send({ type: 'exit' }))

  const load = `closed loop from ${LOAD_PROCESSES} load processes, ${ROUNDS} rounds of ${SECONDS} s, median round`
  const hallRate = median(app.hall.map((r) => r.perSecond))
  record(
    'hall_answers_per_s',
    hallRate,
    '/s',
    { min: 1000 },
    {
      note: `${HALL} phones, each on its own connection (${app.joinSeconds.toFixed(1)} s to join them all), ${load} (rounds: ${app.hall.map((r) => Math.round(r.perSecond)).join(', ')}); every answer durable before it is acknowledged`
    }
  )
  record(
    'hall_answer_p99_ms',
    p(app.people, 99),
    'ms',
    { max: 250 },
    {
      note:
        `${HALL} phones each answering again ${THINK_MS} ms after its last answer was acknowledged ` +
        `(${Math.round(median(app.people.map((r) => r.perSecond)))} answers/s): p50 ${p(app.people, 50).toFixed(1)} ms; ` +
        `without the pause (capacity): p50 ${p(app.hall, 50).toFixed(0)} ms, p99 ${p(app.hall, 99).toFixed(0)} ms`
    }
  )
  const hallRounds = [...app.hall, ...app.people]
  const failures = hallRounds.flatMap((r) => r.statuses).filter((s) => Object.keys(s).length > 0)
  record(
    'hall_answers_refused',
    sum(hallRounds, 'refused') + sum(hallRounds, 'failed'),
    'answers',
    { max: 0 },
    {
      note: `${HALL} phones, all rounds: ${sum(hallRounds, 'refused')} refused (429), ${sum(hallRounds, 'failed')} failed${failures.length ? ` ${JSON.stringify(failures)} (status 0: no reply)` : ''}`
    }
  )
  record(
    'host_rss_mb_hall',
    app.peakRss,
    'MB',
    { max: 300 },
    {
      note: `peak VmRSS of the host process with ${HALL} phones, sampled every 200 ms`
    }
  )
  record(
    'hall_projector_current_p99_ms',
    percentile(app.probe, 99),
    'ms',
    { max: 250 },
    {
      note:
        `one more phone while the ${HALL} phones answer with their pauses, ${app.probe.length} answers: acknowledged → the live state on the trainer API's event stream ` +
        `(the publish that carries the projector's view); p50 ${percentile(app.probe, 50).toFixed(0)} ms; ` +
        `while they answer without pauses (the server saturated): p50 ${percentile(app.saturated, 50).toFixed(0)} ms, p99 ${percentile(app.saturated, 99).toFixed(0)} ms`
    }
  )
  record(
    'answers_lost',
    app.lost,
    'answers',
    { max: 0 },
    {
      note: `${app.acknowledged.length} phones' last acknowledged answers checked in the session file after the host stopped`
    }
  )
  const rate = median(app.twoHundred.map((r) => r.perSecond))
  const bare = median(baseline.map((r) => r.perSecond))
  record(
    'answer_capacity_per_s_200',
    rate,
    '/s',
    { min: 1000 },
    {
      baseline: bare,
      ratio: rate / bare,
      ratioBudget: { min: 0.6 },
      note:
        `${BASELINE_PHONES} connections carrying the ${HALL} phones in turn, ${load}; p99 ${p(app.twoHundred, 99).toFixed(1)} ms (baseline ${p(baseline, 99).toFixed(1)} ms); ` +
        `refused ${sum(app.twoHundred, 'refused')} (baseline ${sum(baseline, 'refused')}); ` +
        `server CPU per 1,000 answers ${perThousand(app.cpu, app.twoHundred)} ms (baseline ${perThousand(baseline.cpu, baseline)} ms); ` +
        'baseline = bare node:http with the same durable group commit (bench/bare-server.mjs)'
    }
  )
}
