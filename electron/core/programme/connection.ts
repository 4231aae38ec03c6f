import { userMessage, type UserMessage } from '../../shared/i18n/user-message'
import { basicAuth, databaseUrl, settingsProblem, type ProgrammeSettings } from './settings'

/** What "Test connection" found; each problem is one thing the trainer or the NGO's IT can fix. */
export type ConnectionProblem =
  | 'settings'
  | 'unreachable'
  | 'not-couchdb'
  | 'wrong-credentials'
  | 'no-database'
  | 'no-write-permission'
  | 'server-error'

export type ConnectionResult =
  { ok: true; server: string } | { ok: false; problem: ConnectionProblem; reason: UserMessage }

const TIMEOUT_MS = 10_000
/** The connection test's probe, `probe:<user>`: written and deleted to prove the design document accepts this user. */
export const PROBE_DOC_PREFIX = 'probe:'

type Fetch = typeof fetch

function failed(problem: ConnectionProblem, key: Parameters<typeof userMessage>[0], params = {}): ConnectionResult {
  return { ok: false, problem, reason: userMessage(key, params) }
}

/**
 * Tries the server step by step: is it there, is it a CouchDB (its welcome JSON), do these credentials
 * open the database, and may this user write to it.
 */
export async function testConnection(
  settings: ProgrammeSettings,
  password: string,
  fetchImpl: Fetch = fetch
): Promise<ConnectionResult> {
  const problem = settingsProblem(settings)
  if (problem) return { ok: false, problem: 'settings', reason: problem }
  const call = (url: string, init: RequestInit = {}): Promise<Response | null> =>
    fetchImpl(url, {
      ...init,
      headers: { Accept: 'application/json', Authorization: basicAuth(settings.user, password), ...init.headers },
      signal: AbortSignal.timeout(TIMEOUT_MS)
    }).catch(() => null)

  const welcome = await call(settings.url, { headers: { Authorization: '' } })
  if (!welcome) return failed('unreachable', 'programme.test.unreachable', { url: settings.url })
  const server = couchDbName(await welcome.json().catch(() => null))
  if (!server) return failed('not-couchdb', 'programme.test.not-couchdb')

  const db = await call(databaseUrl(settings))
  if (!db) return failed('unreachable', 'programme.test.unreachable', { url: settings.url })
  if ((db.status === 401 || db.status === 403) && (await signedIn(call, settings))) {
    // CouchDB answers 403 to a signed-in user outside the database's members, PouchDB Server 401.
    return failed('no-write-permission', 'programme.test.forbidden')
  }
  const dbProblem = statusProblem(db.status)
  if (dbProblem) return dbProblem

  const write = await writeTest(call, databaseUrl(settings), settings.user)
  if (!write) return failed('unreachable', 'programme.test.unreachable', { url: settings.url })
  if (write.status === 401 || write.status === 403) return failed('no-write-permission', 'programme.test.no-write')
  return statusProblem(write.status) ?? { ok: true, server }
}

/**
 * Writes the probe document `probe:<user>` (with `author`), which the design document validates as it
 * validates a summary (a trainer, writing as the author it names), then deletes it: the server's answer
 * to the write tells whether this user may send summaries, and nothing is left behind but a deletion.
 * (A `_local` document would pass any account: `validate_doc_update` never sees those.)
 */
async function writeTest(
  call: (url: string, init?: RequestInit) => Promise<Response | null>,
  database: string,
  user: string
): Promise<Response | null> {
  const url = `${database}/${encodeURIComponent(`${PROBE_DOC_PREFIX}${user}`)}`
  const held = await call(url)
  const heldRev = held?.ok ? ((await held.json().catch(() => ({}))) as { _rev?: string })._rev : undefined
  const write = await call(url, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...(heldRev ? { _rev: heldRev } : {}), author: user, at: new Date().toISOString() })
  })
  if (write?.ok) {
    const { rev } = (await write
      .clone()
      .json()
      .catch(() => ({}))) as { rev?: string }
    if (rev) await call(`${url}?rev=${encodeURIComponent(rev)}`, { method: 'DELETE' })
  }
  return write
}

/** Whether the server knows this user with this password (`_session` names the user). */
async function signedIn(
  call: (url: string, init?: RequestInit) => Promise<Response | null>,
  settings: ProgrammeSettings
): Promise<boolean> {
  const session = await call(`${settings.url.replace(/\/+$/, '')}/_session`)
  if (!session?.ok) return false
  const body = (await session.json().catch(() => null)) as { userCtx?: { name?: unknown } } | null
  return body?.userCtx?.name === settings.user
}

function statusProblem(status: number): ConnectionResult | null {
  if (status >= 200 && status < 300) return null
  if (status === 401) return failed('wrong-credentials', 'programme.test.wrong-credentials')
  if (status === 403) return failed('no-write-permission', 'programme.test.forbidden')
  if (status === 404) return failed('no-database', 'programme.test.no-database')
  return failed('server-error', 'programme.test.server-error', { status })
}

/**
 * The server's name and version from its welcome JSON, or null if it is not a CouchDB: Apache CouchDB
 * answers `{"couchdb":"Welcome","version":…}`, PouchDB Server `{"express-pouchdb":"Welcome!",…}`.
 */
export function couchDbName(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null
  const welcome = body as Record<string, unknown>
  const version = typeof welcome.version === 'string' ? ` ${welcome.version}` : ''
  if (welcome.couchdb === 'Welcome') return `CouchDB${version}`
  if (typeof welcome['express-pouchdb'] === 'string') return `PouchDB Server${version}`
  return null
}
