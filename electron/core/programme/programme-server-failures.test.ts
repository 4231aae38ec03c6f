import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiReply } from '../api/contract'
import { dispatch } from '../api/dispatch'
import { createAppCore, type AppCore } from '../app-core'
import type { CrossSessionReport } from '../reports/cross-session'
import { bundledCoreOptions, coreCaller, sessionDetails } from '../../testing/bundled-core'
import { manualClock } from '../../testing/manual-clock'
import {
  closedPortUrl,
  startCouchServer,
  startPlainWebServer,
  startProxy,
  type CouchServer,
  type CuttableProxy
} from '../../testing/couch-server'
import { DataFile } from '../storage/data-file'
import { parseSummaryJson } from '../summaries/json'
import type { SessionSummary } from '../summaries/schema'
import { testConnection } from './connection'
import { EncryptedFileSecretStore, OwnerOnlyFileSecretStore, secretStoreFor } from './secret-store'
import type { ProgrammeSettings } from './settings'
import { FIRST_RETRY_MS, ProgrammeSync, SYNC_PERIOD_MS } from './sync'
import { defaultProgrammeFile, parseProgrammeFile, type ProgrammeFile } from './sync-state'

const DB = 'programme-failures'
let server: CouchServer
let proxy: CuttableProxy
let core: AppCore
let template: SessionSummary
const folders: string[] = []

const settingsFor = (user: string, url = proxy.url, database = DB): ProgrammeSettings => ({
  url,
  database,
  user,
  includePaused: false,
  language: 'vi'
})

async function tempDir(name: string) {
  const dir = await mkdtemp(join(tmpdir(), `roundtable-${name}-`))
  folders.push(dir)
  return dir
}

/** A trainer's sync over `count` new summaries made from one real session's, in its own temp data folder. */
let syncs = 0
async function syncOver(count: number, password: string, clock = manualClock()) {
  const prefix = `t${++syncs}`
  const dir = await tempDir('sync')
  const file = new DataFile<ProgrammeFile>({
    path: join(dir, 'programme.json'),
    parse: parseProgrammeFile,
    defaults: defaultProgrammeFile,
    onIncident: () => undefined
  })
  await file.open()
  await file.update((data) => void (data.settings = settingsFor('alice')))
  const secrets = new OwnerOnlyFileSecretStore(join(dir, 'programme-password'))
  await secrets.save(password)
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`)
  /** Each session file's fingerprint (a test changes one to stand for an edit), and the summaries built. */
  const fingerprints = new Map(ids.map((id) => [id, 'v1']))
  const built: string[] = []
  const sync = new ProgrammeSync({
    file,
    secrets,
    clock,
    source: {
      list: () => ids.map((id) => ({ id, status: 'finished' as const })),
      fingerprint: async (id) => fingerprints.get(id) ?? null,
      summary: async (id) => {
        built.push(id)
        const remarks = fingerprints.get(id) === 'v1' ? template.closingRemarks : `Sửa ${fingerprints.get(id)}`
        return { ...template, sessionId: id, closingRemarks: remarks }
      }
    }
  })
  return { sync, file, clock, ids, fingerprints, built }
}

const dbInfo = async () =>
  (await (await server.adminCall(`/${DB}`)).json()) as { doc_count: number; update_seq: number }

beforeAll(async () => {
  server = await startCouchServer()
  proxy = await startProxy(server.url)
  await server.createProgrammeDb(DB)
  await server.addUser('alice', 'alice-pw', ['trainer'])
  await server.addUser('coordinator', 'coord-pw', ['coordinator'])
  await server.addUser('visitor', 'visitor-pw', [])
  const options = await bundledCoreOptions('failures')
  folders.push(options.dataDir)
  core = await createAppCore({ ...options, programmeClock: manualClock() })
  const call = coreCaller(core.handlers)
  const { id } = await call<{ id: string }>('session.start', {
    workshopId: 'conference-briefing',
    details: sessionDetails()
  })
  await call('session.command', { id, command: { type: 'attendanceSet', sex: 'male', ageGroup: '25-59', count: 2 } })
  await call('session.command', { id, command: { type: 'status', status: 'finished' } })
  const files = await call<{ files: { content: string }[] }>('session.export', { id, language: 'vi', format: 'json' })
  template = parseSummaryJson(files.files[0]!.content)
}, 30_000)
afterAll(async () => {
  await core?.close()
  await proxy?.close()
  await server?.close()
  for (const folder of folders) await rm(folder, { recursive: true, force: true })
})

describe('test connection says what is wrong, in words', () => {
  it('reports a working server, wrong credentials, a missing database and a user without access', async () => {
    expect(await testConnection(settingsFor('alice'), 'alice-pw')).toEqual({ ok: true, server: 'PouchDB Server 4.2.0' })
    expect(await testConnection(settingsFor('alice'), 'wrong')).toMatchObject({
      ok: false,
      problem: 'wrong-credentials',
      reason: { key: 'programme.test.wrong-credentials' }
    })
    expect(await testConnection(settingsFor('alice', proxy.url, 'no-such-db'), 'alice-pw')).toMatchObject({
      problem: 'no-database'
    })
    expect(await testConnection(settingsFor('visitor'), 'visitor-pw')).toMatchObject({
      problem: 'no-write-permission'
    })
  })

  it('a user the design document refuses (the coordinator) has no permission to write, and the test leaves nothing behind', async () => {
    const before = await dbInfo()
    expect(await testConnection(settingsFor('coordinator'), 'coord-pw')).toMatchObject({
      ok: false,
      problem: 'no-write-permission',
      reason: { key: 'programme.test.no-write' }
    })
    expect(await testConnection(settingsFor('alice'), 'alice-pw')).toMatchObject({ ok: true })
    expect((await dbInfo()).doc_count).toBe(before.doc_count)
    expect((await server.adminCall(`/${DB}/probe:alice`)).status).toBe(404)
  })

  it('reports an unreachable server, a server that is not a CouchDB, and plain HTTP to another computer', async () => {
    expect(await testConnection(settingsFor('alice', await closedPortUrl()), 'x')).toMatchObject({
      problem: 'unreachable',
      reason: { key: 'programme.test.unreachable' }
    })
    const web = await startPlainWebServer()
    expect(await testConnection(settingsFor('alice', web.url), 'x')).toMatchObject({ problem: 'not-couchdb' })
    await web.close()

    expect(await testConnection(settingsFor('alice', 'http://couch.example.org'), 'x')).toMatchObject({
      problem: 'settings',
      reason: { key: 'programme.problem.https' }
    })
  })
})

describe('the trainer’s sync when things go wrong', () => {
  it('with a wrong password nothing is sent, the error says so and it tries again after 30 s', async () => {
    const { sync, clock } = await syncOver(3, 'wrong')
    const status = await sync.syncNow()
    expect(status).toMatchObject({ pending: 3, lastError: { key: 'programme.test.wrong-credentials' } })
    expect(clock.delays.at(-1)).toBe(FIRST_RETRY_MS)
  })

  it('an unreachable server: back-off doubles, and once it is back everything is sent', async () => {
    const { sync, clock } = await syncOver(5, 'alice-pw')
    await proxy.cut()
    try {
      expect(await sync.syncNow()).toMatchObject({ pending: 5, lastError: { key: 'programme.sync.unreachable' } })
      expect(await sync.syncNow()).toMatchObject({ pending: 5, lastError: { key: 'programme.sync.unreachable' } })
      expect(clock.delays.slice(-2)).toEqual([FIRST_RETRY_MS, 2 * FIRST_RETRY_MS])
    } finally {
      await proxy.restore()
    }
    clock.fire() // the back-off timer runs the next attempt
    await new Promise((resolve) => setTimeout(resolve, 50))
    const status = await sync.syncNow()
    expect(status).toMatchObject({ pending: 0, lastError: null })
    expect(clock.delays.at(-1)).toBe(SYNC_PERIOD_MS)
  }, 30_000)

  it('a sync with nothing new builds no summary; an edited session file is built and sent as its next revision', async () => {
    const { sync, ids, fingerprints, built } = await syncOver(3, 'alice-pw')
    expect(await sync.syncNow()).toMatchObject({ pending: 0, lastError: null })
    expect(built).toHaveLength(3)
    built.length = 0
    const before = await dbInfo()
    expect(await sync.syncNow()).toMatchObject({ pending: 0, lastError: null })
    expect(built).toEqual([])
    fingerprints.set(ids[1]!, 'v2')
    expect(await sync.syncNow()).toMatchObject({ pending: 0, lastError: null })
    expect(built).toEqual([ids[1]])
    const doc = (await (await server.adminCall(`/${DB}/summary:${ids[1]}`)).json()) as { _rev: string }
    expect(doc._rev).toMatch(/^2-/)
    expect((await dbInfo()).update_seq - before.update_seq).toBe(1)
  })

  it('the line cut in the middle of sending 200 summaries: after it is back each arrives once', async () => {
    const before = await dbInfo()
    const { sync, file } = await syncOver(200, 'alice-pw')
    proxy.cutOnRequest('_bulk_docs', 2) // the first batch is written, the second request is cut
    const cut = await sync.syncNow()
    await proxy.restore()
    expect(cut.lastError).toMatchObject({ key: 'programme.sync.unreachable' })
    // What the server accepted before the cut is recorded as sent; the rest is not.
    const sentBeforeCut = Object.keys(file.data.sent).length
    expect(sentBeforeCut).toBeGreaterThan(0)
    expect(sentBeforeCut).toBeLessThan(200)
    expect((await dbInfo()).doc_count - before.doc_count).toBe(sentBeforeCut)

    expect(await sync.syncNow()).toMatchObject({ pending: 0, lastError: null })
    const after = await dbInfo()
    expect(after.doc_count - before.doc_count).toBe(200)
    // Every write adds one to update_seq: 200 writes for 200 new summaries, none sent twice.
    expect(after.update_seq - before.update_seq).toBe(200)
  }, 60_000)
})

describe('the server refuses what is not a trainer’s own well-formed summary, and the pull refuses it too', () => {
  const put = (path: string, user: string, password: string, body: unknown) =>
    fetch(`${proxy.url}/${DB}/${path}`, {
      method: 'PUT',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
      },
      body: JSON.stringify(body)
    })

  it('validate_doc_update (loaded from docs/programme-server/) refuses another author, other documents and wrong shapes', async () => {
    const good = {
      author: 'alice',
      format: 'roundtable-summary',
      version: 1,
      summary: { ...template, sessionId: 'v-1' }
    }
    expect((await put('summary:v-1', 'alice', 'alice-pw', { ...good, author: 'binh' })).status).toBe(403)
    expect((await put('note:1', 'alice', 'alice-pw', { text: 'hi' })).status).toBe(403)
    expect((await put('summary:v-1', 'alice', 'alice-pw', { ...good, summary: { sessionId: 'v-1' } })).status).toBe(403)
    expect((await put('summary:v-1', 'coordinator', 'coord-pw', { ...good, author: 'coordinator' })).status).toBe(403)
    expect((await put('summary:v-1', 'alice', 'alice-pw', good)).status).toBe(201)
    // The connection test's probe: only the trainer it names writes and deletes it.
    expect((await put('probe:alice', 'alice', 'alice-pw', { author: 'binh' })).status).toBe(403)
    expect((await put('probe:binh', 'alice', 'alice-pw', { author: 'alice' })).status).toBe(403)
    expect((await put('probe:coordinator', 'coordinator', 'coord-pw', { author: 'coordinator' })).status).toBe(403)
    const probe = await put('probe:alice', 'alice', 'alice-pw', { author: 'alice' })
    expect(probe.status).toBe(201)
    const { rev } = (await probe.json()) as { rev: string }
    expect((await put('probe:alice', 'coordinator', 'coord-pw', { _rev: rev, _deleted: true })).status).toBe(403)
    expect((await put('probe:alice', 'alice', 'alice-pw', { _rev: rev, _deleted: true })).ok).toBe(true)
  })

  it('a malicious document is refused by the pull, and script in a summary’s text is shown as text', async () => {
    const adminPut = (id: string, body: unknown) =>
      server.adminCall(`/${DB}/${encodeURIComponent(id)}`, { method: 'PUT', body: JSON.stringify(body) })
    // Written as the server admin, whom validate_doc_update lets through (a mistake or a compromised account).
    await adminPut('summary:evil-shape', { format: 'roundtable-summary', version: 1, summary: { sessionId: 'evil' } })
    await adminPut('summary:evil-format', { format: 'something-else', version: 1, summary: template })
    const script = '<script>alert("x")</script>'
    await adminPut('summary:evil-script', {
      author: 'alice',
      format: 'roundtable-summary',
      version: 1,
      summary: { ...template, sessionId: 'evil-script', venue: script, trainer: script, closingRemarks: script }
    })

    const dir = await tempDir('coordinator')
    const coordinator = await createAppCore({
      ...(await bundledCoreOptions('unused')),
      dataDir: dir,
      programmeClock: manualClock()
    })
    try {
      const call = (method: string, args: unknown = {}) => dispatch(coordinator.handlers, method, args)
      await call('programme.save', { settings: settingsFor('coordinator'), password: 'coord-pw' })
      const pulled = (await call('programme.pull')) as ApiReply<{
        refused: { id: string; reason: { key: string } }[]
        outcomes: Record<string, number>
      }>
      if (!pulled.ok) throw new Error(pulled.error.message)
      const refused = Object.fromEntries(pulled.result.refused.map((r) => [r.id, r.reason.key]))
      expect(refused).toEqual({
        'summary:evil-shape': 'reason.summary-invalid',
        'summary:evil-format': 'reason.summary-not-summary'
      })
      const built = (await call('report.build', { language: 'vi' })) as ApiReply<{
        report: CrossSessionReport
        html: string
      }>
      if (!built.ok) throw new Error(built.error.message)
      expect(built.result.html).not.toContain('<script>alert')
      expect(built.result.html).toContain('&lt;script&gt;')
    } finally {
      await coordinator.close()
    }
  }, 60_000)
})

describe('the kept password', () => {
  it('is used to test the saved server, and never sent to another address', async () => {
    const dir = await tempDir('kept')
    const app = await createAppCore({
      ...(await bundledCoreOptions('unused')),
      dataDir: dir,
      programmeClock: manualClock()
    })
    try {
      const call = (method: string, args: unknown) => dispatch(app.handlers, method, args)
      await call('programme.save', { settings: settingsFor('alice'), password: 'alice-pw' })
      expect(await call('programme.test', { settings: settingsFor('alice') })).toMatchObject({
        ok: true,
        result: { ok: true }
      })
      // Another address (here the same server under another name) gets no password unless one is typed.
      const elsewhere = settingsFor('alice', proxy.url.replace('127.0.0.1', 'localhost'))
      expect(await call('programme.test', { settings: elsewhere })).toMatchObject({
        ok: true,
        result: { ok: false, problem: 'wrong-credentials' }
      })
      // Saving another address without typing the password forgets the kept one.
      expect(await call('programme.save', { settings: elsewhere })).toMatchObject({
        ok: true,
        result: { hasPassword: false }
      })
    } finally {
      await app.close()
    }
  })
})

describe('the password’s store', () => {
  it('browser mode: a file only its owner may read; Electron: encrypted by the system keychain', async () => {
    const dir = await tempDir('secrets')
    const file = secretStoreFor(join(dir, 'plain'))
    await file.save('pässwörd')
    expect(file.kind).toBe('owner-only-file')
    expect(await file.load()).toBe('pässwörd')
    if (process.platform !== 'win32') expect((await stat(join(dir, 'plain'))).mode & 0o777).toBe(0o600)

    // A stand-in for safeStorage: reverses the bytes (the real one is the OS keychain).
    const keychain = {
      isEncryptionAvailable: () => true,
      encryptString: (text: string) => Buffer.from(text, 'utf8').reverse(),
      decryptString: (data: Buffer) => Buffer.from(data).reverse().toString('utf8')
    }
    const encrypted = secretStoreFor(join(dir, 'sealed'), keychain)
    expect(encrypted).toBeInstanceOf(EncryptedFileSecretStore)
    await encrypted.save('pässwörd')
    expect(await encrypted.load()).toBe('pässwörd')
    expect(secretStoreFor(join(dir, 'x'), { ...keychain, isEncryptionAvailable: () => false }).kind).toBe(
      'owner-only-file'
    )
    // Linux without a keyring: Electron would encrypt with a fixed key, which is no keychain.
    expect(secretStoreFor(join(dir, 'x'), { ...keychain, getSelectedStorageBackend: () => 'basic_text' }).kind).toBe(
      'owner-only-file'
    )
  })
})
