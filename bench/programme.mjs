// The programme server: one laptop replicating 1,000 finished sessions' summaries to a CouchDB-protocol
// server, and a coordinator pulling 10,000 summaries (200 trainers × 50 sessions) and building the report.
// Budgets: sending runs in the background, so 15 s for a year's sessions at once is ample (measured ~6 s on
// 2 shared cores); a pull is the coordinator's occasional action and stores each summary durably, a page of
// 500 at a time (fsyncs of a page committed together, one folder fsync per page), 120 s for 10,000 (27–99 s
// one per summary, 41 s by page under a load average of 13: too noisy to compare; paired in one process,
// 1,000 summaries take ~7 s one by one, ~2.2 s by page); the report over them 20 s (~9 s) and the host under
// 1 GB (~0.4–0.65 GB). A second sync with nothing new stats the session files and builds no summary (56 ms
// for 1,000, was 2.1–4.8 s).
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { rssMb, startHost } from './host.mjs'
import { sessionDetails } from './stats.mjs'

const require = createRequire(import.meta.url)
const REPLICATED = 1000
const TRAINERS = 200
const PER_TRAINER = 50

/**
 * PouchDB Server's HTTP layer over in-memory databases on 127.0.0.1, in its minimal mode (no users: the
 * credentials the app sends are not checked; the tests cover authentication, the bench the volume).
 */
async function startServer() {
  const PouchDB = require('pouchdb-core').plugin(require('pouchdb-adapter-memory')).plugin(require('pouchdb-mapreduce'))
  const logs = await mkdtemp(join(tmpdir(), 'roundtable-bench-couch-'))
  const app = require('express')()
  const pouch = require('express-pouchdb')(PouchDB.defaults({ adapter: 'memory', prefix: 'bench-' }), {
    mode: 'minimumForPouchDB',
    inMemoryConfig: true,
    logPath: join(logs, 'log.txt')
  })
  app.use('/', pouch)
  const server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  const url = `http://127.0.0.1:${server.address().port}`
  const admin = async (path, method = 'GET', body) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {})
    })
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
    return response.json()
  }
  const database = async (name) => {
    await admin(`/${name}`, 'PUT')
  }
  return { url, admin, database, close: () => new Promise((resolve) => server.close(resolve)), logs }
}

/** A data folder holding `count` finished sessions: one made by the core, copied under new ids. */
async function finishedSessions(count) {
  const dataDir = await mkdtemp(join(tmpdir(), 'roundtable-bench-programme-'))
  const host = await startHost(dataDir)
  const session = await host.call('session.start', { workshopId: 'conference-briefing', details: sessionDetails })
  await host.call('session.command', {
    id: session.id,
    command: { type: 'attendanceSet', sex: 'female', ageGroup: '25-59', count: 12 }
  })
  await host.call('session.command', { id: session.id, command: { type: 'status', status: 'finished' } })
  const [file] = (await host.call('session.export', { id: session.id, language: 'vi', format: 'json' })).files
  await host.stop()
  const stored = JSON.parse(await readFile(join(dataDir, 'sessions', `${session.id}.json`), 'utf8'))
  const library = JSON.parse(await readFile(join(dataDir, 'library.json'), 'utf8'))
  const template = library.sessions[0]
  library.sessions = []
  for (let i = 0; i < count; i++) {
    const id = `2026-11-22-${randomBytes(4).toString('hex')}`
    await writeFile(
      join(dataDir, 'sessions', `${id}.json`),
      JSON.stringify({ ...stored, session: { ...stored.session, id } })
    )
    library.sessions.push({ ...template, id })
  }
  await rm(join(dataDir, 'sessions', `${session.id}.json`))
  await rm(join(dataDir, 'sessions', `${session.id}.json.bak`), { force: true })
  await writeFile(join(dataDir, 'library.json'), JSON.stringify(library))
  return { dataDir, summary: JSON.parse(file.content) }
}

const settings = (url, database, user) => ({ url, database, user, includePaused: false, language: 'vi' })

export async function measureProgramme(record) {
  const server = await startServer()
  const { dataDir, summary } = await finishedSessions(REPLICATED)

  // One laptop, 1,000 finished sessions, none on the server yet: the first sync sends them all.
  await server.database('replicate')
  const trainer = await startHost(dataDir)
  await trainer.call('programme.save', {
    settings: settings(server.url, 'replicate', 'trainer'),
    password: 'trainer-pw'
  })
  let started = performance.now()
  const status = await trainer.call('programme.sync')
  const replicateMs = performance.now() - started
  const trainerRss = await rssMb(trainer.child.pid)
  if (status.lastError || status.pending !== 0) throw new Error(`sync failed: ${JSON.stringify(status)}`)
  const held = (await server.admin('/replicate')).doc_count
  if (held !== REPLICATED) throw new Error(`the server holds ${held} summaries, not ${REPLICATED}`)
  started = performance.now()
  await trainer.call('programme.sync')
  const againMs = performance.now() - started
  await trainer.stop()
  record(
    'programme_replicate_1000_ms',
    replicateMs,
    'ms',
    { max: 15_000 },
    {
      note: `${REPLICATED} summaries built from session files and sent; host RSS after ${trainerRss?.toFixed(0)} MB; a second sync with nothing new ${againMs.toFixed(0)} ms`
    }
  )

  // 200 trainers × 50 sessions on the server; a coordinator pulls them all and builds the report.
  await server.database('pull')
  for (let t = 0; t < TRAINERS; t++) {
    const docs = []
    for (let s = 0; s < PER_TRAINER; s++) {
      const sessionId = `t${t}-s${s}`
      docs.push({
        _id: `summary:${sessionId}`,
        author: `trainer-${t}`,
        ...summary,
        summary: { ...summary.summary, sessionId }
      })
    }
    await server.admin('/pull/_bulk_docs', 'POST', { docs })
  }
  const coordinator = await startHost()
  await coordinator.call('programme.save', {
    settings: settings(server.url, 'pull', 'coordinator'),
    password: 'coordinator-pw'
  })
  started = performance.now()
  const pulled = await coordinator.call('programme.pull')
  const pullMs = performance.now() - started
  if (pulled.outcomes.imported !== TRAINERS * PER_TRAINER) throw new Error(`pulled ${JSON.stringify(pulled.outcomes)}`)
  started = performance.now()
  const { report } = await coordinator.call('report.build', { language: 'vi' })
  const reportMs = performance.now() - started
  const coordinatorRss = await rssMb(coordinator.child.pid)
  if (report.totals.sessions !== TRAINERS * PER_TRAINER) throw new Error(`the report counts ${report.totals.sessions}`)
  await coordinator.stop()
  record(
    'programme_pull_10000_ms',
    pullMs,
    'ms',
    { max: 120_000 },
    {
      note: `${TRAINERS} trainers × ${PER_TRAINER} summaries read 500 at a time, each checked, each page stored durably at once`
    }
  )
  record(
    'programme_report_10000_ms',
    reportMs,
    'ms',
    { max: 20_000 },
    {
      note: `report.build over the 10,000 pulled summaries; host RSS after ${coordinatorRss?.toFixed(0)} MB`
    }
  )
  if (coordinatorRss !== null) record('programme_coordinator_rss_mb', coordinatorRss, 'MB', { max: 1024 })

  await server.close()
  await rm(server.logs, { recursive: true, force: true })
  await rm(dataDir, { recursive: true, force: true })
  await rm(coordinator.dataDir, { recursive: true, force: true })
}
