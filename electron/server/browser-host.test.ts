import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import http from 'node:http'
import net from 'node:net'
import { networkInterfaces, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../core/app-core'
import { startBrowserHost, TOKEN_HEADER, type BrowserHost } from './browser-host'

const token = 'test-token-0123456789abcdef'
let core: AppCore
let host: BrowserHost
let scratch: string
let dataDir: string
const SECRET = 'TOP-SECRET-NEXT-TO-THE-RENDERER'

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'roundtable-host-'))
  // A file right next to the renderer folder: path traversal must not reach it.
  await writeFile(join(scratch, 'secret.txt'), SECRET)
  const rendererDir = join(scratch, 'renderer')
  await mkdir(rendererDir)
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title><script src="app.js"></script>')
  await writeFile(join(rendererDir, 'app.js'), 'console.log(1)')
  dataDir = join(scratch, 'data')
  core = await createAppCore({
    dataDir,
    workshopsDir: resolve(__dirname, '../../workshops'),
    host: 'browser',
    version: '0.0.0-test'
  })
  host = await startBrowserHost({ core, rendererDir, token, port: 0 })
})
afterAll(async () => {
  await host?.close()
  await core?.close()
  await rm(scratch, { recursive: true, force: true })
})

interface Reply {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

/** Raw HTTP, so tests can send any Host, Origin or path a browser or an attacker could. */
function send(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer[]
): Promise<Reply> {
  return new Promise<Reply>((done, fail) => {
    // A fresh connection each time: a refused oversized body leaves its socket unusable.
    const req = http.request(
      {
        agent: false,
        host: '127.0.0.1',
        port: host.port,
        method,
        path,
        headers: { Host: `127.0.0.1:${host.port}`, ...headers }
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (text += c))
        res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: text }))
      }
    )
    req.setTimeout(10_000, () => req.destroy(new Error(`timeout: ${method} ${path}`)))
    req.on('error', fail)
    if (Array.isArray(body)) {
      // Chunked, without Content-Length: the limit must hold while the body streams in.
      for (const chunk of body) req.write(chunk)
      req.end()
    } else {
      req.end(body)
    }
  })
}
// Replies are checked field by field; their shapes are the contract's.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any
const json = (reply: Reply) =>
  JSON.parse(reply.body) as { ok: boolean; result?: Json; error?: { code: string; message: string } }
const api = (method: string, args: unknown, headers: Record<string, string> = { [TOKEN_HEADER]: token }) =>
  send('POST', `/api/${method}`, { 'content-type': 'application/json', ...headers }, JSON.stringify(args))
const withToken = (extra: Record<string, string>) => ({ [TOKEN_HEADER]: token, ...extra })

/** Tries a TCP connection; resolves with the error code, or 'connected'. */
function tryConnect(address: string, port: number): Promise<string> {
  return new Promise((done) => {
    const socket = net.connect({ host: address, port })
    socket.setTimeout(2000, () => {
      socket.destroy()
      done('timeout')
    })
    socket.once('connect', () => {
      socket.destroy()
      done('connected')
    })
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? 'error'))
  })
}

describe('browser-mode host: where it listens', () => {
  it('listens on 127.0.0.1 only', async () => {
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`)
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${token}`)
    expect(await tryConnect('127.0.0.1', host.port)).toBe('connected')
    // Not on IPv6 loopback, and not on any other address of this machine.
    expect(await tryConnect('::1', host.port)).not.toBe('connected')
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal)
      .map((i) => i!.address)
    for (const address of others) {
      expect(await tryConnect(address, host.port), address).not.toBe('connected')
    }
  })
})

describe('browser-mode host: who may call the API', () => {
  it('answers the API with the right token', async () => {
    const reply = await api('app.info', {})
    expect(reply.status).toBe(200)
    expect(json(reply)).toMatchObject({
      ok: true,
      result: { name: 'Roundtable', host: 'browser', version: '0.0.0-test', dataDir }
    })
  })

  it('refuses the API without the token, with a wrong one, or with the token elsewhere than its header', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { [TOKEN_HEADER]: 'wrong' },
      { [TOKEN_HEADER]: `${token}x` },
      { [TOKEN_HEADER]: token.replace(/.$/, 'X') },
      { [TOKEN_HEADER]: '' }
    ]
    for (const headers of attempts) {
      const reply = await api('app.info', {}, headers)
      expect(reply.status, JSON.stringify(headers)).toBe(401)
      expect(json(reply)).toMatchObject({ ok: false, error: { code: 'refused' } })
    }
    expect(
      (await send('POST', `/api/app.info?token=${token}`, { 'content-type': 'application/json' }, '{}')).status
    ).toBe(401)
    expect((await api('app.info', {}, { Authorization: `Bearer ${token}` })).status).toBe(401)
  })

  it('refuses a change without the token, and the change does not happen', async () => {
    const before = json(await api('app.info', {})).result.settings.language
    const other = before === 'vi' ? 'en' : 'vi'
    expect((await api('settings.setLanguage', { language: other }, {})).status).toBe(401)
    expect(json(await api('app.info', {})).result.settings.language).toBe(before)
  })

  it('refuses a foreign Origin even with the token', async () => {
    for (const origin of [
      'http://evil.example',
      'null',
      `http://127.0.0.1:${host.port + 1}`,
      `https://127.0.0.1:${host.port}`,
      `http://127.0.0.1:${host.port}.evil.example`
    ]) {
      const reply = await api('app.info', {}, withToken({ Origin: origin }))
      expect(reply.status, origin).toBe(403)
      expect(json(reply).error?.code).toBe('refused')
    }
  })

  it('accepts its own origin, by address or as localhost', async () => {
    expect((await api('app.info', {}, withToken({ Origin: `http://127.0.0.1:${host.port}` }))).status).toBe(200)
    expect(
      (
        await api(
          'app.info',
          {},
          withToken({ Host: `localhost:${host.port}`, Origin: `http://localhost:${host.port}` })
        )
      ).status
    ).toBe(200)
  })

  it('refuses a foreign Host header (DNS rebinding), with or without the token', async () => {
    const post = await send(
      'POST',
      '/api/app.info',
      { Host: `evil.example:${host.port}`, [TOKEN_HEADER]: token, 'content-type': 'application/json' },
      '{}'
    )
    expect(post.status).toBe(421)
    expect(json(post).ok).toBe(false)
    expect((await send('GET', '/', { Host: `evil.example:${host.port}` })).status).toBe(421)
    expect((await send('GET', '/', { Host: '127.0.0.1' })).status).toBe(421) // port missing
    expect((await send('GET', '/', { Host: `127.0.0.1:${host.port + 1}` })).status).toBe(421)
    expect((await send('GET', `/api/events?token=${token}`, { Host: `evil.example:${host.port}` })).status).toBe(421)
    // An absolute request target naming another site, with our own Host: refused as well.
    expect((await send('GET', `http://evil.example:${host.port}/api/events?token=${token}`)).status).toBe(421)
  })

  it('refuses requests that browsers mark as cross-site or same-site, and accepts same-origin ones', async () => {
    expect((await api('app.info', {}, withToken({ 'sec-fetch-site': 'cross-site' }))).status).toBe(403)
    expect((await api('app.info', {}, withToken({ 'sec-fetch-site': 'same-site' }))).status).toBe(403)
    expect((await send('GET', '/', { 'sec-fetch-site': 'cross-site' })).status).toBe(403)
    expect((await api('app.info', {}, withToken({ 'sec-fetch-site': 'same-origin' }))).status).toBe(200)
    expect((await send('GET', '/', { 'sec-fetch-site': 'none' })).status).toBe(200)
  })
})

describe('browser-mode host: what the API accepts', () => {
  it('answers an unknown method with 404 unknown-method, including names of Object’s own properties', async () => {
    for (const method of ['nothing.here', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const reply = await api(method, {})
      expect(reply.status, method).toBe(404)
      expect(json(reply).error?.code, method).toBe('unknown-method')
    }
  })

  it('answers invalid arguments with 400 invalid-arguments', async () => {
    const bad = await api('settings.setLanguage', { language: 'fr' })
    expect(bad.status).toBe(400)
    expect(json(bad)).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } })
    expect(json(bad).error!.message).toContain('language')
    const extra = await api('settings.setLanguage', { language: 'en', admin: true })
    expect(extra.status).toBe(400)
    expect(json(extra).error?.code).toBe('invalid-arguments')
    const array = await api('settings.setLanguage', ['en'])
    expect(array.status).toBe(400)
  })

  it('refuses a body that is not JSON, or not declared as JSON', async () => {
    const notJson = await send('POST', '/api/app.info', withToken({ 'content-type': 'application/json' }), '{not json')
    expect(notJson.status).toBe(400)
    expect(json(notJson).ok).toBe(false)
    // A form post or text/plain is what a cross-site page could send without a preflight.
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const reply = await send(
        'POST',
        '/api/settings.setLanguage',
        withToken({ 'content-type': type }),
        '{"language":"en"}'
      )
      expect(reply.status, type).toBe(400)
    }
  })

  it('refuses a body over 256 KB with 413, declared or streamed', async () => {
    const big = JSON.stringify({ x: 'y'.repeat(300 * 1024) })
    const declared = await send('POST', '/api/app.info', withToken({ 'content-type': 'application/json' }), big)
    expect(declared.status).toBe(413)
    const chunks = Array.from({ length: 40 }, () => Buffer.from('y'.repeat(8 * 1024)))
    const streamed = await send(
      'POST',
      '/api/app.info',
      withToken({ 'content-type': 'application/json', 'transfer-encoding': 'chunked' }),
      [Buffer.from('{"x":"'), ...chunks, Buffer.from('"}')]
    )
    expect(streamed.status).toBe(413)
    // Just under the limit is fine (and then refused for its arguments, not its size).
    const under = await api('app.info', { x: 'y'.repeat(200 * 1024) })
    expect(under.status).toBe(400)
    expect(json(under).error?.code).toBe('invalid-arguments')
  })

  it('checks the token before reading a large body', async () => {
    const reply = await send(
      'POST',
      '/api/app.info',
      { 'content-type': 'application/json' },
      JSON.stringify({ x: 'y'.repeat(300 * 1024) })
    )
    expect(reply.status).toBe(401)
  })

  it('has no other endpoints under /api', async () => {
    expect((await send('GET', '/api/app.info', { [TOKEN_HEADER]: token })).status).toBe(404)
    expect(
      (await send('PUT', '/api/app.info', { [TOKEN_HEADER]: token, 'content-type': 'application/json' }, '{}')).status
    ).toBe(404)
    expect(
      (await send('POST', '/api/events', { [TOKEN_HEADER]: token, 'content-type': 'application/json' }, '{}')).status
    ).toBe(404)
  })
})

describe('browser-mode host: live events', () => {
  /** Opens the event stream and collects parsed `api` events until `until` is satisfied. */
  function events(path: string, until: (seen: Json[]) => boolean) {
    let req!: http.ClientRequest
    const opened = new Promise<http.IncomingMessage>((ready, fail) => {
      req = http.get(
        { agent: false, host: '127.0.0.1', port: host.port, path, headers: { Host: `127.0.0.1:${host.port}` } },
        ready
      )
      req.on('error', fail)
    })
    const seen: Json[] = []
    const collected = opened.then(
      (res) =>
        new Promise<Json[]>((done, fail) => {
          const timer = setTimeout(() => fail(new Error(`events so far: ${JSON.stringify(seen)}`)), 5000)
          let buffer = ''
          res.setEncoding('utf8')
          res.on('error', () => undefined) // destroying the stream on purpose ends it with an error
          res.on('data', (chunk: string) => {
            buffer += chunk
            let end: number
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const message = buffer.slice(0, end)
              buffer = buffer.slice(end + 2)
              const lines = message.split('\n')
              const event = lines
                .find((l) => l.startsWith('event:'))
                ?.slice(6)
                .trim()
              const data = lines
                .filter((l) => l.startsWith('data:'))
                .map((l) => l.slice(5).trim())
                .join('\n')
              if (event === 'api') seen.push(JSON.parse(data))
            }
            if (until(seen)) {
              clearTimeout(timer)
              done(seen)
              req.destroy()
            }
          })
        })
    )
    return { opened, collected, close: () => req.destroy() }
  }

  it('refuses the event stream without the right token or from a foreign origin', async () => {
    expect((await send('GET', '/api/events')).status).toBe(401)
    expect((await send('GET', '/api/events?token=wrong')).status).toBe(401)
    expect((await send('GET', '/api/events', { [TOKEN_HEADER]: token })).status).toBe(401) // the query parameter is what counts here
    expect((await send('GET', `/api/events?token=${token}`, { Origin: 'http://evil.example' })).status).toBe(403)
  })

  it('pushes settings and notices events to a client holding the token', async () => {
    const stream = events(
      `/api/events?token=${encodeURIComponent(token)}`,
      (seen) => seen.some((e) => e.type === 'settings') && seen.some((e) => e.type === 'notices')
    )
    const res = await stream.opened
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/)
    // Give the server a moment to subscribe the stream before changing anything.
    await new Promise((r) => setTimeout(r, 100))
    expect(json(await api('settings.setLanguage', { language: 'en' })).ok).toBe(true)
    expect(json(await api('notices.dismiss', { id: 'none' })).ok).toBe(true)
    const seen = await stream.collected
    expect(seen).toContainEqual({ type: 'settings', settings: { language: 'en' } })
    expect(seen).toContainEqual({ type: 'notices', notices: [] })
    // And the change was saved to disk before it was acknowledged.
    expect(JSON.parse(await readFile(join(dataDir, 'library.json'), 'utf8')).settings.language).toBe('en')
  })
})

describe('browser-mode host: the page', () => {
  it('serves index.html with a strict Content Security Policy and safe headers', async () => {
    for (const path of ['/', '/index.html']) {
      const page = await send('GET', path)
      expect(page.status, path).toBe(200)
      expect(page.body).toContain('<title>t</title>')
      const csp = String(page.headers['content-security-policy'])
      expect(csp).toContain("script-src 'self'")
      expect(csp).not.toContain('unsafe-eval')
      const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'))!
      expect(scriptSrc).not.toContain('unsafe-inline')
      expect(csp).toContain("frame-ancestors 'none'")
      expect(page.headers['x-content-type-options']).toBe('nosniff')
      expect(page.headers['x-frame-options']).toBe('DENY')
      expect(page.headers['cache-control']).toBe('no-store')
    }
    const script = await send('GET', '/app.js')
    expect(script.status).toBe(200)
    expect(script.body).toBe('console.log(1)')
  })

  it('does not serve files outside the renderer folder', async () => {
    const attempts = [
      '/../../etc/passwd',
      '/../../../../../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/%252e%252e/%252e%252e/etc/passwd',
      '/..\\..\\..\\etc\\passwd',
      '/..%5c..%5c..%5cetc%5cpasswd',
      '//etc/passwd',
      '/%2fetc%2fpasswd',
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/./../secret.txt',
      '/renderer/../../secret.txt'
    ]
    const passwd = await readFile('/etc/passwd', 'utf8').catch(() => 'root:x:0:0')
    for (const path of attempts) {
      const reply = await send('GET', path)
      expect(reply.body, path).not.toContain(SECRET)
      expect(reply.body, path).not.toContain(passwd.split('\n')[0]!)
      expect(reply.body, path).not.toContain('root:')
    }
  })
})
