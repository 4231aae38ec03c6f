import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { readFile, rm } from 'node:fs/promises'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ApiHandlers } from '../../core/api/dispatch'
import { createAppCore, type AppCore } from '../../core/app-core'
import { bundledCoreOptions, sessionDetails } from '../../testing/bundled-core'
import type { AppCoreOptions } from '../../core/app-context'
import { catalogueProblems } from '../../shared/i18n/parity'
import { participantNetwork } from './index'
import { remoteMessages } from './remote-messages'

/*
 * The trainer's phone remote over real HTTP on 127.0.0.1: a real core over the bundled workshops in a temp
 * folder, its real participant server, and raw requests (so Origin, cookies and bodies can be anything).
 */

interface Reply {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

let core: AppCore | null = null
let options: AppCoreOptions | null = null
afterEach(async () => {
  vi.useRealTimers()
  await core?.close()
  core = null
  if (options) await rm(options.dataDir, { recursive: true, force: true })
  options = null
})

type Call = <M extends keyof ApiHandlers>(method: M, args: Parameters<ApiHandlers[M]>[0]) => ReturnType<ApiHandlers[M]>
const call: Call = (method, args) =>
  (core!.handlers[method] as (a: unknown) => ReturnType<ApiHandlers[typeof method]>)(args)

/** A running session with phones on 127.0.0.1; returns its id and the participant server's origin. */
async function startRoom(): Promise<{ id: string; origin: string; code: string }> {
  options = { ...(await bundledCoreOptions('remote')), participants: participantNetwork }
  core = await createAppCore(options)
  const session = await call('session.start', { workshopId: 'conference-briefing', details: sessionDetails() })
  const phones = await call('participants.start', { address: '127.0.0.1', port: 0 })
  return { id: session.id, origin: new URL(phones.url!).origin, code: phones.code! }
}

function send(
  origin: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string; cookie?: string } = {}
): Promise<Reply> {
  const url = new URL(origin)
  const headers: Record<string, string> = { ...options.headers }
  if (options.cookie) headers.cookie = options.cookie
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded'
    headers['content-length'] = String(Buffer.byteLength(options.body))
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

const cookieNamed = (reply: Reply, name: string): string | undefined =>
  [reply.headers['set-cookie'] ?? []]
    .flat()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0]

/** Opens the QR code's address like the trainer's phone; returns the remote cookie. */
async function pairByQr(origin: string, url: string): Promise<string> {
  const reply = await send(origin, 'GET', new URL(url).pathname)
  expect(reply.status, reply.body).toBe(303)
  expect(reply.headers.location).toBe('/r')
  const cookie = cookieNamed(reply, 'rt_remote')
  expect(cookie).toBeDefined()
  return cookie!
}

/** The remote's anti-forgery token, read from its page as the script does. */
async function tokenOf(origin: string, cookie: string): Promise<string> {
  const page = await send(origin, 'GET', '/r', { cookie })
  expect(page.status).toBe(200)
  return /id="t" name="t" value="([^"]+)"/.exec(page.body)![1]!
}

function command(origin: string, cookie: string, token: string, body: unknown, headers: Record<string, string> = {}) {
  return send(origin, 'POST', '/r/command', {
    cookie,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', 'x-remote-token': token, origin, ...headers }
  })
}

describe("the trainer's phone remote", () => {
  it('pairs by the QR code, shows the slide and notes, and "next" moves the session', async () => {
    const { id, origin } = await startRoom()
    const pairing = await call('remote.pair', { sessionId: id, another: false })
    expect(pairing.code).toMatch(/^\d{6}$/)
    expect(pairing.url).toMatch(new RegExp(`^${origin}/r/pair/[A-Za-z0-9_-]{22}$`))
    expect(pairing.qr).toMatch(/^data:image\/svg\+xml;base64,/)
    const cookie = await pairByQr(origin, pairing.url)
    expect((await call('remote.status', { sessionId: id })).paired).toBe(1)

    const page = await send(origin, 'GET', '/r', { cookie })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<script src="/r/r.js"></script>')
    expect(page.body).toContain('data-testid="remote-now"')
    const session = await call('session.get', { id })
    const firstBlock = session.snapshot.manifest.blocks[0]!
    expect(page.body).toContain(firstBlock.title.vi!.replace(/&/g, '&amp;'))

    const token = /id="t" name="t" value="([^"]+)"/.exec(page.body)![1]!
    const before = session.position
    const reply = await command(origin, cookie, token, { type: 'next' })
    expect(reply.status, reply.body).toBe(200)
    expect(JSON.parse(reply.body).ok).toBe(true)
    const after = (await call('session.get', { id })).position
    expect(after).not.toEqual(before)

    const state = await send(origin, 'GET', '/r/state', { cookie, headers: { accept: 'application/json' } })
    expect(state.status).toBe(200)
    expect(JSON.parse(state.body).html).toContain('remote-now')
  })

  it('pairs by the typed code, without JavaScript (a form, then a redirect)', async () => {
    const { id, origin } = await startRoom()
    const { code } = await call('remote.pair', { sessionId: id, another: false })
    const form = await send(origin, 'GET', '/r')
    expect(form.status).toBe(401)
    expect(form.body).toContain('<form method="post" action="/r/pair">')
    const reply = await send(origin, 'POST', '/r/pair', { body: `code=${code}`, headers: { origin } })
    expect(reply.status).toBe(303)
    const cookie = cookieNamed(reply, 'rt_remote')!
    const setCookie = [reply.headers['set-cookie'] ?? []].flat().join('\n')
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Strict/i)
    expect(setCookie).toMatch(/Path=\/r/)
    // A button press as a plain form post: the command field and the token field.
    const token = await tokenOf(origin, cookie)
    const press = await send(origin, 'POST', '/r/command', {
      cookie,
      body: new URLSearchParams({ t: token, c: JSON.stringify({ type: 'blank', mode: 'black' }) }).toString(),
      headers: { origin }
    })
    expect(press.status).toBe(303)
    expect((await call('session.get', { id })).blank).toBe('black')
  })

  it('refuses a replayed pairing code, by QR and by typing', async () => {
    const { id, origin } = await startRoom()
    const pairing = await call('remote.pair', { sessionId: id, another: false })
    await pairByQr(origin, pairing.url)
    const again = await send(origin, 'GET', new URL(pairing.url).pathname)
    expect(again.status).toBe(403)
    expect(again.body).toContain('đã được dùng hoặc đã hết hạn')
    expect(cookieNamed(again, 'rt_remote')).toBeUndefined()
    const typed = await send(origin, 'POST', '/r/pair', { body: `code=${pairing.code}`, headers: { origin } })
    expect(typed.status).toBe(403)
    expect((await call('remote.status', { sessionId: id })).paired).toBe(1)
  })

  it('refuses a pairing code after its two minutes', async () => {
    const { id, origin } = await startRoom()
    vi.useFakeTimers({ toFake: ['Date'] })
    const pairing = await call('remote.pair', { sessionId: id, another: false })
    vi.setSystemTime(Date.now() + 121_000)
    const late = await send(origin, 'GET', new URL(pairing.url).pathname)
    expect(late.status).toBe(403)
    expect(cookieNamed(late, 'rt_remote')).toBeUndefined()
    expect((await call('remote.status', { sessionId: id })).paired).toBe(0)
  })

  it('pairing needs phones on', async () => {
    options = await bundledCoreOptions('remote-off')
    options.participants = participantNetwork
    core = await createAppCore(options)
    const session = await call('session.start', { workshopId: 'conference-briefing', details: sessionDetails() })
    await expect(call('remote.pair', { sessionId: session.id, another: false })).rejects.toThrow(/turn phones on/)
    expect((await call('remote.status', { sessionId: session.id })).phonesOn).toBe(false)
  })

  it('a stolen participant cookie gets 401 or 403 on every remote route', async () => {
    const { id, origin, code } = await startRoom()
    await pairByQr(origin, (await call('remote.pair', { sessionId: id, another: false })).url)
    const joined = await send(origin, 'GET', `/j/${code}`)
    const device = cookieNamed(joined, 'rt_device')!
    expect(device).toBeDefined()
    // The participant's cookie as it is, and its value copied under the remote cookie's name.
    for (const cookie of [device, device.replace('rt_device=', 'rt_remote='), `${device}; rt_remote=x.y.z`]) {
      expect((await send(origin, 'GET', '/r', { cookie })).status).toBe(401)
      expect((await send(origin, 'GET', '/r/state', { cookie })).status).toBe(401)
      const press = await command(origin, cookie, 'x'.repeat(22), { type: 'next' })
      expect(press.status).toBe(401)
      const form = await send(origin, 'POST', '/r/command', { cookie, body: 'c=%7B%22type%22%3A%22next%22%7D' })
      expect(form.status).toBe(401)
    }
    expect((await send(origin, 'GET', '/r/pair/AAAAAAAAAAAAAAAAAAAAAA', { cookie: device })).status).toBe(403)
    expect((await call('session.get', { id })).position).toEqual({ block: 0, slide: 0 })
  })

  it('a remote cookie never counts as a participant', async () => {
    const { id, origin } = await startRoom()
    const cookie = await pairByQr(origin, (await call('remote.pair', { sessionId: id, another: false })).url)
    const page = await send(origin, 'GET', '/q', { cookie })
    expect(page.status).toBe(303)
    expect(page.headers.location).toBe('/')
    expect((await send(origin, 'GET', '/v', { cookie })).status).toBe(401)
  })

  it('refuses commands outside the allow-list, bad bodies, a missing token and a foreign Origin', async () => {
    const { id, origin } = await startRoom()
    const cookie = await pairByQr(origin, (await call('remote.pair', { sessionId: id, another: false })).url)
    const token = await tokenOf(origin, cookie)
    // A poll command where the current block has no poll is refused by the core, not run.
    expect((await command(origin, cookie, token, { type: 'poll', action: 'open' })).status).toBe(409)
    // (Each command with the right token spends the remote's budget of 10, even one refused for its body.)
    for (const body of [
      { type: 'goto', block: 3, slide: 0 },
      { type: 'status', status: 'finished' },
      { type: 'pollOpen', blockId: 'x', mode: 'phones' },
      { type: 'next', extra: 1 },
      { type: 'blank', mode: 'pause' },
      { type: 'timer', action: 'reset' },
      'not json',
      '[]'
    ]) {
      const reply = await command(origin, cookie, token, body)
      expect(reply.status, JSON.stringify(body)).toBe(400)
    }
    expect((await command(origin, cookie, token, { type: 'next', pad: 'x'.repeat(600) })).status).toBe(413)
    expect((await command(origin, cookie, '', { type: 'next' })).status).toBe(403)
    expect((await command(origin, cookie, 'A'.repeat(22), { type: 'next' })).status).toBe(403)
    expect((await command(origin, cookie, token, { type: 'next' }, { origin: 'http://evil.example' })).status).toBe(403)
    const noOrigin = await send(origin, 'POST', '/r/command', {
      cookie,
      body: JSON.stringify({ type: 'next' }),
      headers: { 'content-type': 'application/json', 'x-remote-token': token }
    })
    expect(noOrigin.status).toBe(403)
    expect((await call('session.get', { id })).position).toEqual({ block: 0, slide: 0 })
  })

  it("rate-limits each remote's commands and wrong typed codes per address", async () => {
    const { id, origin } = await startRoom()
    const cookie = await pairByQr(origin, (await call('remote.pair', { sessionId: id, another: false })).url)
    const token = await tokenOf(origin, cookie)
    const replies = await Promise.all(
      Array.from({ length: 16 }, () => command(origin, cookie, token, { type: 'blank', mode: 'black' }))
    )
    const statuses = replies.map((r) => r.status)
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(11)
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5)

    const { code } = await call('remote.pair', { sessionId: id, another: true })
    const wrong = code === '000000' ? '000001' : '000000'
    const tries = []
    for (let i = 0; i < 6; i++) {
      tries.push((await send(origin, 'POST', '/r/pair', { body: `code=${wrong}`, headers: { origin } })).status)
    }
    expect(tries).toEqual([403, 403, 403, 403, 403, 429])
    // While the address waits, even the right code is not compared.
    expect((await send(origin, 'POST', '/r/pair', { body: `code=${code}`, headers: { origin } })).status).toBe(429)
  })

  it('one remote at a time unless the trainer adds another; unpair revokes at once', async () => {
    const { id, origin } = await startRoom()
    const first = await pairByQr(origin, (await call('remote.pair', { sessionId: id, another: false })).url)
    const second = await pairByQr(origin, (await call('remote.pair', { sessionId: id, another: false })).url)
    expect((await send(origin, 'GET', '/r/state', { cookie: first })).status).toBe(401)
    expect((await send(origin, 'GET', '/r/state', { cookie: second })).status).toBe(200)
    const third = await pairByQr(origin, (await call('remote.pair', { sessionId: id, another: true })).url)
    expect((await send(origin, 'GET', '/r/state', { cookie: second })).status).toBe(200)
    expect((await send(origin, 'GET', '/r/state', { cookie: third })).status).toBe(200)
    expect((await call('remote.status', { sessionId: id })).paired).toBe(2)

    const token = await tokenOf(origin, third)
    expect(await call('remote.unpair', { sessionId: id })).toMatchObject({ paired: 0 })
    expect((await send(origin, 'GET', '/r/state', { cookie: second })).status).toBe(401)
    expect((await command(origin, third, token, { type: 'next' })).status).toBe(401)
  })

  it('the end of the session revokes the remote', async () => {
    const { id, origin } = await startRoom()
    const cookie = await pairByQr(origin, (await call('remote.pair', { sessionId: id, another: false })).url)
    await call('session.command', { id, command: { type: 'status', status: 'finished' } })
    expect((await call('remote.status', { sessionId: id })).paired).toBe(0)
    const file = JSON.parse(await readFile(`${options!.dataDir}/sessions/${id}.phones.json`, 'utf8'))
    expect(file.remotes).toEqual([])
    expect((await send(origin, 'GET', '/r/state', { cookie })).status).toBe(401)
  })

  it('a remote still works after the app restarts, and not after unpair', async () => {
    const { id, origin } = await startRoom()
    const cookie = await pairByQr(origin, (await call('remote.pair', { sessionId: id, another: false })).url)
    const token = await tokenOf(origin, cookie)
    await core!.close()
    core = await createAppCore(options!)
    // The presenter opens the session again: phones come back on, on the same port.
    const phones = await call('participants.resume', { sessionId: id })
    expect(new URL(phones.url!).origin).toBe(origin)
    expect((await send(origin, 'GET', '/r/state', { cookie })).status).toBe(200)
    expect((await command(origin, cookie, token, { type: 'next' })).status).toBe(200)
    expect((await call('session.get', { id })).position).not.toEqual({ block: 0, slide: 0 })

    await call('remote.unpair', { sessionId: id })
    await core!.close()
    core = await createAppCore(options!)
    await call('participants.resume', { sessionId: id })
    expect((await send(origin, 'GET', '/r/state', { cookie })).status).toBe(401)
  })

  it('only a hash of the remote secret is kept with the phone identity', async () => {
    const { id, origin } = await startRoom()
    const cookie = await pairByQr(origin, (await call('remote.pair', { sessionId: id, another: false })).url)
    const secret = decodeURIComponent(cookie.split('=')[1]!).split('.')[1]!
    const file = await readFile(`${options!.dataDir}/sessions/${id}.phones.json`, 'utf8')
    expect(JSON.parse(file).remotes).toHaveLength(1)
    expect(file).not.toContain(secret)
  })

  it('the projector and the participant pages never carry the pairing code or token', async () => {
    const { id, origin, code } = await startRoom()
    const pairing = await call('remote.pair', { sessionId: id, another: false })
    const token = new URL(pairing.url).pathname.split('/').pop()!
    const audience = JSON.stringify(await call('session.audience', { id }))
    const live = JSON.stringify(await call('session.get', { id }))
    const participants = JSON.stringify(await call('participants.status', {}))
    const device = cookieNamed(await send(origin, 'GET', `/j/${code}`), 'rt_device')!
    const pages = [(await send(origin, 'GET', '/')).body, (await send(origin, 'GET', '/q', { cookie: device })).body]
    for (const text of [audience, live, participants, ...pages]) {
      expect(text).not.toContain(token)
      expect(text).not.toContain(pairing.code)
    }
    expect(pairing.code).not.toBe(code)
  })
})

describe("the remote's messages", () => {
  it('Vietnamese and English match (keys, placeholders, plural forms, no empty text)', () => {
    expect(catalogueProblems(remoteMessages)).toEqual([])
  })
})
