// A data folder with 1,000 finished sessions of 300 answers each: the live session's save, and the
// library screen opening with that history.
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startHost, startPhonePoll } from './host.mjs'
import { median, percentile, sessionDetails } from './stats.mjs'

const SESSIONS = 1000
const ANSWERS = 300
const SAVES = 200

/**
 * One finished session made by the core itself (over its API: started, a phone poll opened and
 * closed, finished), given 300 phone answers in the core's own file format, then copied under 1,000
 * ids with their library index entries: written directly, for speed.
 */
async function historyFolder() {
  const dataDir = await mkdtemp(join(tmpdir(), 'roundtable-bench-history-'))
  const host = await startHost(dataDir)
  const { session, poll } = await startPhonePoll(host, sessionDetails)
  await host.call('session.command', { id: session.id, command: { type: 'pollClose', blockId: poll.id } })
  await host.call('session.command', { id: session.id, command: { type: 'status', status: 'finished' } })
  await host.stop()

  const file = JSON.parse(await readFile(join(dataDir, 'sessions', `${session.id}.json`), 'utf8'))
  const library = JSON.parse(await readFile(join(dataDir, 'library.json'), 'utf8'))
  const template = library.sessions[0]
  const answers = file.session.polls[poll.id].answers
  for (let i = 0; i < ANSWERS; i++) {
    const option = poll.options[i % poll.options.length].id
    answers[randomBytes(16).toString('base64url')] = { values: { [poll.id]: [option] }, at: file.session.updatedAt }
  }
  library.sessions = []
  for (let i = 0; i < SESSIONS; i++) {
    const day = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000)
    const date = day.toISOString().slice(0, 10)
    const id = `${date}-${randomBytes(4).toString('hex')}`
    const at = day.toISOString()
    const copy = {
      ...file,
      session: { ...file.session, id, createdAt: at, updatedAt: at, details: { ...file.session.details, date } }
    }
    await writeFile(join(dataDir, 'sessions', `${id}.json`), JSON.stringify(copy))
    library.sessions.push({ ...template, id, date, updatedAt: at })
  }
  await rm(join(dataDir, 'sessions', `${session.id}.json`))
  await rm(join(dataDir, 'sessions', `${session.id}.json.bak`), { force: true })
  await writeFile(join(dataDir, 'library.json'), JSON.stringify(library))
  return dataDir
}

export async function measureHistory(browser, record) {
  const dataDir = await historyFolder()

  // Library: host process start → library screen showing the workshops and the sessions list.
  const opens = []
  for (let i = 0; i < 3; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
    const host = await startHost(dataDir)
    await page.goto(host.url)
    await page.locator('.card button').first().waitFor()
    await page.locator('.session-list li').first().waitFor()
    opens.push(performance.now() - host.started)
    await page.close()
    await host.stop()
  }
  record(
    'library_open_ms_1000_sessions',
    median(opens),
    'ms',
    { max: 1500 },
    { note: 'median of 3, host start to the sessions list shown' }
  )

  // The live session's save with that history on disk: each command is durable before its reply.
  const host = await startHost(dataDir)
  const live = await host.call('session.start', { workshopId: 'conference-briefing', details: sessionDetails })
  const saves = []
  for (let i = 0; i < SAVES; i++) {
    const started = performance.now()
    const reply = await host.call('session.command', { id: live.id, command: { type: i % 2 ? 'previous' : 'next' } })
    saves.push(performance.now() - started)
    if (!reply.saved) throw new Error('the live session was not saved')
  }
  await host.stop()
  record(
    'save_p95_ms_1000_sessions',
    percentile(saves, 95),
    'ms',
    { max: 20 },
    {
      note: `${SAVES} commands over HTTP, each answered after its durable save (median ${median(saves).toFixed(1)} ms)`
    }
  )
  await rm(dataDir, { recursive: true, force: true })
}
