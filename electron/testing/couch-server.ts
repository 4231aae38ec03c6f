import { createRequire, Module } from 'node:module'
import { mkdtempSync, readFileSync } from 'node:fs'
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net'
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { Pouch } from '../core/programme/pouch'

/**
 * A real CouchDB-protocol server for tests: PouchDB Server's HTTP layer (express-pouchdb) over in-memory
 * databases, on 127.0.0.1, with an admin, trainers and a coordinator as CouchDB users, the programme
 * database's `_security`, and the design document of docs/programme-server/ loaded from its file.
 */
export interface CouchServer {
  url: string
  admin: { user: string; password: string }
  addUser(name: string, password: string, roles: string[]): Promise<void>
  createProgrammeDb(name: string): Promise<void>
  /** A request as the admin (bypasses validate_doc_update, as a compromised admin or a bug would). */
  adminCall(path: string, init?: RequestInit): Promise<Response>
  close(): Promise<void>
}

const require = createRequire(import.meta.url)
const ADMIN = { user: 'admin', password: 'admin-secret' }
export const DESIGN_DOC_PATH = join(import.meta.dirname, '../../docs/programme-server/design-roundtable.json')

type Handler = (req: unknown, res: unknown, next: unknown) => void
interface ExpressApp {
  use(path: string, handler: Handler): void
  listen(port: number, host: string, ready: () => void): HttpServer
}

/**
 * PouchDB Server's validation plugin replaces a new document's `_revisions` with the stored document's
 * before running `validate_doc_update`, so a replicated edit (`new_edits: false`, rev 2 whose parent is
 * rev 1) is silently dropped; Apache CouchDB keeps the revision history it is sent. The test server loads
 * the plugin with that one line changed to keep the history the document brings.
 */
function patchValidationRevisions(): void {
  const path = require.resolve('pouchdb-validation', { paths: [dirname(require.resolve('express-pouchdb'))] })
  if (require.cache[path]) return
  const original = 'newDoc._revisions = (oldDoc || {})._revisions;'
  const source = readFileSync(path, 'utf8')
  if (!source.includes(original)) throw new Error('pouchdb-validation changed: check the _revisions patch')
  const patched = new Module(path)
  patched.filename = path
  patched.paths = require.resolve.paths(path) ?? []
  const compile = (patched as unknown as { _compile(code: string, file: string): void })._compile
  compile.call(
    patched,
    source.replace(original, 'newDoc._revisions = newDoc._revisions || (oldDoc || {})._revisions;'),
    path
  )
  patched.loaded = true
  require.cache[path] = patched
}

export async function startCouchServer(): Promise<CouchServer> {
  // The app's PouchDB (plugins change the one shared constructor, so they are added once) plus map/reduce,
  // which the server's _users database needs.
  const PouchDB = (Pouch as unknown as { plugin(p: unknown): { defaults(o: object): unknown } }).plugin(
    require('pouchdb-mapreduce')
  )
  patchValidationRevisions()
  const express = require('express') as () => ExpressApp
  const expressPouchDb = require('express-pouchdb') as (
    db: unknown,
    options: object
  ) => Handler & {
    couchConfig: { set(section: string, key: string, value: string, done: (e?: Error) => void): void }
  }
  const logs = mkdtempSync(join(tmpdir(), 'couch-log-'))
  const pouchApp = expressPouchDb(PouchDB.defaults({ adapter: 'memory', prefix: `${randomUUID()}-` }), {
    mode: 'fullCouchDB',
    inMemoryConfig: true,
    logPath: join(logs, 'log.txt')
  })
  const set = (section: string, key: string, value: string) =>
    new Promise<void>((resolve, reject) =>
      pouchApp.couchConfig.set(section, key, value, (e) => (e ? reject(e) : resolve()))
    )
  await set('log', 'file', join(logs, 'log.txt'))
  await set('admins', ADMIN.user, ADMIN.password)
  const app = express()
  app.use('/', pouchApp)
  const server = await new Promise<HttpServer>((resolve) => {
    const s: HttpServer = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const auth = `Basic ${Buffer.from(`${ADMIN.user}:${ADMIN.password}`).toString('base64')}`
  const adminCall = (path: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: { Authorization: auth, 'Content-Type': 'application/json', ...init.headers }
    })
  const ok = async (response: Promise<Response>) => {
    const r = await response
    if (!r.ok) throw new Error(`${r.status} ${await r.text()}`)
  }
  return {
    url,
    admin: ADMIN,
    adminCall,
    addUser: (name, password, roles) =>
      ok(
        adminCall(`/_users/org.couchdb.user:${name}`, {
          method: 'PUT',
          body: JSON.stringify({ _id: `org.couchdb.user:${name}`, name, password, roles, type: 'user' })
        })
      ),
    async createProgrammeDb(name) {
      await ok(adminCall(`/${name}`, { method: 'PUT' }))
      const security = { admins: { names: [], roles: [] }, members: { names: [], roles: ['trainer', 'coordinator'] } }
      await ok(adminCall(`/${name}/_security`, { method: 'PUT', body: JSON.stringify(security) }))
      await ok(adminCall(`/${name}/_design/roundtable`, { method: 'PUT', body: readFileSync(DESIGN_DOC_PATH, 'utf8') }))
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

/**
 * A TCP proxy in front of the server that a test can cut (every connection dropped, new ones refused)
 * and bring back on the same port: the network going away in the middle of a replication.
 */
export interface CuttableProxy {
  url: string
  cut(): Promise<void>
  restore(): Promise<void>
  /** Cuts the line when a request's first bytes contain `marker` for the `nth` time. */
  cutOnRequest(marker: string, nth: number): void
  close(): Promise<void>
}

export async function startProxy(target: string): Promise<CuttableProxy> {
  const targetPort = Number(new URL(target).port)
  const sockets = new Set<Socket>()
  let trigger: { marker: string; left: number } | null = null
  let server: Server
  const proxy: CuttableProxy = {
    url: '',
    async cut() {
      for (const socket of sockets) socket.destroy()
      sockets.clear()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
    async restore() {
      server = listen()
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()))
    },
    cutOnRequest(marker, nth) {
      trigger = { marker, left: nth }
    },
    close: () => proxy.cut().catch(() => undefined)
  }
  const listen = () =>
    createServer((client) => {
      const upstream = connect(targetPort, '127.0.0.1')
      sockets.add(client).add(upstream)
      client.on('data', (chunk: Buffer) => {
        if (trigger && chunk.toString('latin1').includes(trigger.marker) && --trigger.left === 0) {
          trigger = null
          void proxy.cut()
          return
        }
        upstream.write(chunk)
      })
      upstream.on('data', (chunk) => client.write(chunk))
      const end = () => {
        client.destroy()
        upstream.destroy()
        sockets.delete(client)
        sockets.delete(upstream)
      }
      client.on('close', end).on('error', end)
      upstream.on('close', end).on('error', end)
    })
  server = listen()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const port = (server.address() as AddressInfo).port
  proxy.url = `http://127.0.0.1:${port}`
  return proxy
}

/** An address on 127.0.0.1 where nothing listens (a port taken and given back). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const port = (server.address() as AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}

/** A web server that is not a CouchDB (a router's page); `close` stops it. */
export async function startPlainWebServer(): Promise<{ url: string; close(): Promise<void> }> {
  const web = createHttpServer((_, res) => res.end('<html>a router page</html>'))
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', () => resolve()))
  return {
    url: `http://127.0.0.1:${(web.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => web.close(() => resolve()))
  }
}
