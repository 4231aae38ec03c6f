import { rm } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiReply } from '../api/contract'
import { dispatch } from '../api/dispatch'
import { createAppCore, type AppCore } from '../app-core'
import type { CrossSessionReport } from '../reports/cross-session'
import { bundledCoreOptions, sessionDetails } from '../../testing/bundled-core'
import { manualClock } from '../../testing/manual-clock'
import { startCouchServer, startProxy, type CouchServer, type CuttableProxy } from '../../testing/couch-server'
import type { Clock } from './sync'

/**
 * Trainers' and a coordinator's real cores (bundled workshops, temp data folders) against a real
 * CouchDB-protocol server (PouchDB Server on 127.0.0.1) behind a TCP proxy the tests can cut.
 */
const DB = 'programme-test'
let server: CouchServer
let proxy: CuttableProxy
const folders: string[] = []
const cores: AppCore[] = []

async function openCore(name: string, clock: Clock = manualClock()) {
  const options = await bundledCoreOptions(name)
  folders.push(options.dataDir)
  const core = await createAppCore({ ...options, programmeClock: clock })
  cores.push(core)
  const result = async <T>(method: string, args: unknown = {}): Promise<T> => {
    const reply: ApiReply = await dispatch(core.handlers, method, args)
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`)
    return reply.result as T
  }
  return { core, result, dataDir: options.dataDir }
}
type Client = Awaited<ReturnType<typeof openCore>>

async function runSession(client: Client, people: number, status: 'finished' | 'paused' | 'running' = 'finished') {
  const { id } = await client.result<{ id: string }>('session.start', {
    workshopId: 'conference-briefing',
    details: sessionDetails({ trainer: 'Lan' })
  })
  await client.result('session.command', {
    id,
    command: { type: 'attendanceSet', sex: 'female', ageGroup: '25-59', count: people }
  })
  if (status !== 'running') await client.result('session.command', { id, command: { type: 'status', status } })
  return id
}

const settings = (user: string, url = proxy.url) => ({
  url,
  database: DB,
  user,
  includePaused: false,
  language: 'vi' as const
})
interface Status {
  pending: number
  lastError: { key: string } | null
  lastSyncAt: string | null
}

beforeAll(async () => {
  server = await startCouchServer()
  proxy = await startProxy(server.url)
  await server.createProgrammeDb(DB)
  await server.addUser('alice', 'alice-pw', ['trainer'])
  await server.addUser('binh', 'binh-pw', ['trainer'])
  await server.addUser('coordinator', 'coord-pw', ['coordinator'])
  await server.addUser('visitor', 'visitor-pw', [])
}, 30_000)
afterAll(async () => {
  for (const core of cores) await core.close()
  await proxy?.close()
  await server?.close()
  for (const folder of folders) await rm(folder, { recursive: true, force: true })
})

describe('summaries replicate to the programme server and a coordinator pulls them', () => {
  let alice: Client
  let binh: Client
  let coordinator: Client
  let aliceFirst: string

  it('two trainers send their finished sessions only, and the coordinator’s report counts the sum', async () => {
    alice = await openCore('alice')
    binh = await openCore('binh')
    coordinator = await openCore('coordinator')
    aliceFirst = await runSession(alice, 3)
    await runSession(alice, 4)
    await runSession(alice, 50, 'running') // not finished: stays on the laptop
    await runSession(alice, 60, 'paused') // paused, and the trainer did not choose to send paused ones
    await runSession(binh, 5)

    await alice.result('programme.save', { settings: settings('alice'), password: 'alice-pw' })
    await binh.result('programme.save', { settings: settings('binh'), password: 'binh-pw' })
    for (const trainer of [alice, binh]) {
      const status = await trainer.result<Status>('programme.sync')
      expect(status).toMatchObject({ pending: 0, lastError: null })
      expect(status.lastSyncAt).not.toBeNull()
    }

    await coordinator.result('programme.save', { settings: settings('coordinator'), password: 'coord-pw' })
    const pulled = await coordinator.result<{ read: number; outcomes: Record<string, number> }>('programme.pull')
    expect(pulled).toMatchObject({ read: 3, outcomes: { imported: 3, updated: 0 }, refused: [] })
    const { report } = await coordinator.result<{ report: CrossSessionReport }>('report.build', { language: 'vi' })
    expect(report.totals).toMatchObject({ sessions: 3, importedSessions: 3, participants: 3 + 4 + 5 })

    // A second pull changes nothing: each session is counted once.
    const again = await coordinator.result<{ outcomes: Record<string, number> }>('programme.pull')
    expect(again.outcomes).toMatchObject({ imported: 0, updated: 0, already: 3 })
  }, 60_000)

  it('a corrected summary (closing remarks edited) is the next revision and replaces the older one', async () => {
    await alice.result('session.command', {
      id: aliceFirst,
      command: { type: 'closingRemarks', text: 'Đã sửa: thêm 1 người đến muộn' }
    })
    await alice.result('session.command', {
      id: aliceFirst,
      command: { type: 'attendanceSet', sex: 'male', ageGroup: '18-24', count: 1 }
    })
    expect(await alice.result<Status>('programme.sync')).toMatchObject({ pending: 0, lastError: null })

    const doc = (await (await server.adminCall(`/${DB}/summary:${aliceFirst}?revs=true&conflicts=true`)).json()) as {
      _rev: string
      _revisions: { ids: string[] }
      _conflicts?: string[]
    }
    expect(doc._rev).toMatch(/^2-/)
    expect(doc._revisions.ids).toHaveLength(2)
    expect(doc._conflicts).toBeUndefined()

    const pulled = await coordinator.result<{ outcomes: Record<string, number> }>('programme.pull')
    expect(pulled.outcomes).toMatchObject({ imported: 0, updated: 1, already: 2 })
    const { report } = await coordinator.result<{ report: CrossSessionReport }>('report.build', { language: 'vi' })
    expect(report.totals).toMatchObject({ sessions: 3, participants: 3 + 1 + 4 + 5 })
  }, 60_000)

  it('finishing a session asks for a sync two seconds later, and paused sessions go too when the trainer chooses', async () => {
    const clock = manualClock()
    const carol = await openCore('carol', clock)
    await carol.result('programme.save', { settings: settings('binh'), password: 'binh-pw' })
    const paused = await runSession(carol, 7, 'paused')
    const running = await runSession(carol, 8, 'running')
    await carol.result('session.command', { id: running, command: { type: 'status', status: 'finished' } })
    expect(clock.delays.at(-1)).toBe(2_000)
    clock.fire()
    const lastSync = async () => (await carol.result<{ status: Status }>('programme.get')).status.lastSyncAt
    await expect.poll(lastSync).not.toBeNull()
    const heldBefore = (await (await server.adminCall(`/${DB}`)).json()) as { doc_count: number }
    await carol.result('programme.save', { settings: { ...settings('binh'), includePaused: true } })
    expect(await carol.result<Status>('programme.sync')).toMatchObject({ pending: 0, lastError: null })
    const heldAfter = (await (await server.adminCall(`/${DB}`)).json()) as { doc_count: number }
    expect(heldAfter.doc_count - heldBefore.doc_count).toBe(1) // the paused one
    expect((await server.adminCall(`/${DB}/summary:${paused}`)).status).toBe(200)
  }, 60_000)

  it('the status counts the pending summaries from the first look, before any sync', async () => {
    const dana = await openCore('dana')
    await dana.result('programme.save', { settings: settings('binh'), password: 'binh-pw' })
    await runSession(dana, 2)
    await runSession(dana, 3)
    await runSession(dana, 4, 'running')
    await dana.core.close()
    cores.splice(cores.indexOf(dana.core), 1)
    const reopened = await createAppCore({
      ...(await bundledCoreOptions('unused')),
      dataDir: dana.dataDir,
      programmeClock: manualClock() // the first sync does not run
    })
    cores.push(reopened)
    const reply = await dispatch(reopened.handlers, 'programme.get', {})
    expect(reply).toMatchObject({ ok: true, result: { status: { pending: 2, lastSyncAt: null } } })
  }, 60_000)

  it('a restart sends nothing again: the revisions are the same and programme.json says what the server holds', async () => {
    const before = (await (await server.adminCall(`/${DB}`)).json()) as { update_seq: number }
    await alice.core.close()
    cores.splice(cores.indexOf(alice.core), 1)
    const reopened = await createAppCore({
      ...(await bundledCoreOptions('unused')),
      dataDir: alice.dataDir,
      programmeClock: manualClock()
    })
    cores.push(reopened)
    const reply = await dispatch(reopened.handlers, 'programme.sync', {})
    expect(reply).toMatchObject({ ok: true, result: { pending: 0, lastError: null } })
    const after = (await (await server.adminCall(`/${DB}`)).json()) as { update_seq: number }
    expect(after.update_seq).toBe(before.update_seq)
  }, 60_000)
})
