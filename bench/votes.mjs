// Phones: participant page size, vote ingest from 300 phones (load driven from child processes) against
// bare node:http, answer latency, host memory, lost votes, and vote-to-projector delay.
import { fork } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, open, rename, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { cpuMs, root, rssMb, startHost, startPhonePoll } from './host.mjs'
import { answer, joinPhone, request } from './phones.mjs'
import { median, percentile, sessionDetails } from './stats.mjs'

const PHONES = 300
/** Two load processes: together they can offer more than the server takes, on 2 cores. */
const LOAD_PROCESSES = 2
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const SECONDS = 5

/** A running session on the first single-choice poll, opened for phones, with the participant server on. */
async function openPoll(host) {
  const { session, poll } = await startPhonePoll(host, sessionDetails)
  const participants = await host.call('participants.start', { address: '127.0.0.1', port: 0 })
  const url = new URL(participants.url)
  const server = { hostname: url.hostname, port: url.port, host: url.host, origin: url.origin }
  return { session, poll, server, code: participants.code }
}

/**
 * What the disk alone costs an answer: the session file written to a temp file, fsynced, renamed over
 * the old one, and the folder fsynced (the durable path without the rest of the app), p95 of 50.
 */
async function diskCommitP95(text) {
  const dir = await mkdtemp(join(tmpdir(), 'roundtable-bench-fsync-'))
  const times = []
  for (let i = 0; i < 50; i++) {
    const started = performance.now()
    const file = await open(join(dir, 'session.json.tmp'), 'w')
    await file.writeFile(text)
    await file.sync()
    await file.close()
    await rename(join(dir, 'session.json.tmp'), join(dir, 'session.json'))
    const folder = await open(dir, 'r')
    await folder.sync()
    await folder.close()
    times.push(performance.now() - started)
  }
  await rm(dir, { recursive: true, force: true })
  return percentile(times, 95)
}

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
          child.send(message)
        })
    )
  )
}

async function ingest(record) {
  const host = await startHost()
  const { session, poll, server, code } = await openPoll(host)

  // Participant page: everything a phone loads to answer (the page and its one script), gzipped.
  const phone = await joinPhone(server, code, 0)
  const headers = { Cookie: `rt_device=${phone.cookie}` }
  const page = await request(phone.agent, server, 'GET', '/q', undefined, headers)
  const script = await request(phone.agent, server, 'GET', '/p.js', undefined, headers)
  record('participant_page_gzip_kb', (gzipSync(page.body).length + gzipSync(script.body).length) / 1024, 'KB', {
    max: 25
  })
  phone.agent.destroy()

  const children = Array.from({ length: LOAD_PROCESSES }, () => fork(join(root, 'bench/phone-load.mjs')))
  const indexes = (c) => Array.from({ length: PHONES / LOAD_PROCESSES }, (_, i) => c + i * LOAD_PROCESSES)
  await Promise.all(
    children.map((child, c) => all([child], { type: 'join', server, code, indexes: indexes(c) }, 'joined'))
  )
  const options = poll.options.map((o) => o.id)
  const loadRound = async (target) => {
    const replies = await all(
      children,
      { type: 'load', server: target, pollId: poll.id, options, seconds: SECONDS },
      'loaded'
    )
    return {
      perSecond: replies.reduce((sum, r) => sum + r.ok, 0) / SECONDS,
      latencies: replies.flatMap((r) => r.latencies),
      acknowledged: Object.assign({}, ...replies.map((r) => r.acknowledged))
    }
  }

  let peakRss = 0
  const sampler = setInterval(async () => (peakRss = Math.max(peakRss, (await rssMb(host.child.pid)) ?? 0)), 200)
  const rounds = []
  const cpuBefore = await cpuMs(host.child.pid)
  for (let r = 0; r < ROUNDS; r++) rounds.push(await loadRound(server))
  // CPU the host spent per 1,000 answers: steadier than latency on a machine others are using.
  const cpuPer1000 =
    (((await cpuMs(host.child.pid)) - cpuBefore) / rounds.reduce((n, r) => n + r.perSecond * SECONDS, 0)) * 1000
  clearInterval(sampler)

  // Every acknowledged answer must be in the session file on disk, as last acknowledged.
  await host.stop()
  const onDisk = JSON.parse(readFileSync(join(host.dataDir, 'sessions', `${session.id}.json`), 'utf8')).session.polls[
    poll.id
  ].answers
  const acknowledged = Object.entries(rounds.at(-1).acknowledged).filter(([, option]) => option)
  const lost = acknowledged.filter(([device, option]) => onDisk[device]?.values[poll.id]?.[0] !== option).length

  const commit = await diskCommitP95(readFileSync(join(host.dataDir, 'sessions', `${session.id}.json`), 'utf8'))

  // The baseline: the same phones and POSTs against bare node:http in its own process.
  const bare = fork(join(root, 'bench/bare-server.mjs'))
  const port = await new Promise((resolve) => bare.once('message', (m) => resolve(m.port)))
  const bareServer = { hostname: '127.0.0.1', port, host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` }
  await all(children, { type: 'rebind' }, 'rebound')
  const baselineRounds = []
  for (let r = 0; r < ROUNDS; r++) baselineRounds.push(await loadRound(bareServer))
  bare.send('exit')
  children.forEach((child) => child.send({ type: 'exit' }))

  const rate = median(rounds.map((r) => r.perSecond))
  const baseline = median(baselineRounds.map((r) => r.perSecond))
  const note = `${PHONES} phones at 10 answers/s each from ${LOAD_PROCESSES} load processes, ${ROUNDS} rounds of ${SECONDS} s; host CPU ${Math.round(cpuPer1000)} ms per 1,000 answers`
  record(
    'vote_ingest_per_s',
    rate,
    '/s',
    { min: 3000 },
    { baseline, ratio: rate / baseline, ratioBudget: { min: 0.5 }, note }
  )
  record(
    'vote_p99_ms',
    median(rounds.map((r) => percentile(r.latencies, 99))),
    'ms',
    { max: 50 },
    {
      note:
        `bare node:http p99 ${median(baselineRounds.map((r) => percentile(r.latencies, 99))).toFixed(1)} ms under the same load; ` +
        `one durable commit of this session file on this disk, alone: p95 ${commit.toFixed(1)} ms`
    }
  )
  record(
    'host_rss_mb_300_phones',
    peakRss,
    'MB',
    { max: 150 },
    { note: 'peak VmRSS of the host process, sampled every 200 ms' }
  )
  record(
    'votes_lost',
    lost,
    'votes',
    { max: 0 },
    { note: `${acknowledged.length} phones' last acknowledged answers checked on disk` }
  )
}

/** A phone's acknowledged answer until the audience view shows it. */
async function toProjector(browser, record) {
  const host = await startHost()
  const { session, poll, server, code } = await openPoll(host)
  const audience = await browser.newPage({ viewport: { width: 1280, height: 720 } })
  await audience.goto(`${host.url}&audience=${session.id}`)
  await audience.getByTestId('option-count').first().waitFor()
  const counts = () =>
    audience.evaluate(() =>
      [...document.querySelectorAll('[data-testid=option-count]')].map((e) => e.textContent).join()
    )
  const delays = []
  for (let i = 0; i < 20; i++) {
    const phone = await joinPhone(server, code, i)
    const before = await counts()
    const reply = await answer(phone, server, poll.id, poll.options[i % poll.options.length].id)
    const acknowledged = performance.now()
    if (reply.status !== 200) throw new Error(`answer refused: ${reply.status}`)
    await audience.waitForFunction(
      (prev) => [...document.querySelectorAll('[data-testid=option-count]')].map((e) => e.textContent).join() !== prev,
      before,
      { polling: 'raf' }
    )
    delays.push(performance.now() - acknowledged)
    phone.agent.destroy()
  }
  record('vote_to_projector_p95_ms', percentile(delays, 95), 'ms', { max: 250 })
  await audience.close()
  await host.stop()
}

export async function measureVotes(browser, record) {
  await ingest(record)
  await toProjector(browser, record)
}
