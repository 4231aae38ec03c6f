import { mkdtemp, writeFile } from 'node:fs/promises'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, type AppCore } from '../core/app-core'
import { startBrowserHost, TOKEN_HEADER, type BrowserHost } from './browser-host'

const token = 'test-token-0123456789abcdef'
let core: AppCore
let host: BrowserHost

beforeAll(async () => {
  const rendererDir = await mkdtemp(join(tmpdir(), 'roundtable-renderer-'))
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>')
  core = await createAppCore({
    dataDir: await mkdtemp(join(tmpdir(), 'roundtable-host-')),
    workshopsDir: resolve(__dirname, '../../workshops'),
    host: 'browser',
    version: '0.0.0-test'
  })
  host = await startBrowserHost({ core, rendererDir, token, port: 0 })
})
afterAll(async () => {
  await host.close()
  await core.close()
})

/** Raw HTTP, so tests can send any Host or Origin header a browser or attacker could. */
function send(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((done, fail) => {
    // A fresh connection each time: a refused oversized body leaves its socket unusable.
    const req = http.request({ agent: false, host: '127.0.0.1', port: host.port, method, path, headers: { Host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      let text = ''
      res.on('data', (c) => (text += c))
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: text }))
    })
    req.on('error', fail)
    req.end(body)
  })
}
const api = (method: string, args: unknown, headers: Record<string, string> = { [TOKEN_HEADER]: token }) =>
  send('POST', `/api/${method}`, { 'content-type': 'application/json', ...headers }, JSON.stringify(args))

describe('browser-mode host', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`)
  })

  it('answers the API with the token', async () => {
    const reply = await api('app.info', {})
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, result: { host: 'browser' } })
  })

  it('refuses the API without the token or with a wrong one', async () => {
    expect((await api('app.info', {}, {})).status).toBe(401)
    expect((await api('app.info', {}, { [TOKEN_HEADER]: 'wrong' })).status).toBe(401)
    expect((await api('app.info', {}, { [TOKEN_HEADER]: `${token}x` })).status).toBe(401)
  })

  it('refuses a foreign Origin even with the token', async () => {
    expect((await api('app.info', {}, { [TOKEN_HEADER]: token, Origin: 'http://evil.example' })).status).toBe(403)
  })

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const reply = await send('POST', '/api/app.info', { Host: `evil.example:${host.port}`, [TOKEN_HEADER]: token, 'content-type': 'application/json' }, '{}')
    expect(reply.status).toBe(421)
    expect((await send('GET', '/', { Host: `evil.example:${host.port}` })).status).toBe(421)
  })

  it('refuses cross-site requests that browsers mark as such', async () => {
    expect((await api('app.info', {}, { [TOKEN_HEADER]: token, 'sec-fetch-site': 'cross-site' })).status).toBe(403)
  })

  it('validates methods and arguments', async () => {
    const unknown = await api('nothing.here', {})
    expect(unknown.status).toBe(404)
    expect(JSON.parse(unknown.body).error.code).toBe('unknown-method')
    const bad = await api('settings.setLanguage', { language: 'fr' })
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body).error.code).toBe('invalid-arguments')
    const notJson = await send('POST', '/api/app.info', { [TOKEN_HEADER]: token, 'content-type': 'application/json' }, '{not json')
    expect(notJson.status).toBe(400)
    const big = await send('POST', '/api/app.info', { [TOKEN_HEADER]: token, 'content-type': 'application/json' }, JSON.stringify({ x: 'y'.repeat(300 * 1024) }))
    expect(big.status).toBe(413)
  })

  it('pushes events to a client holding the token', async () => {
    expect((await send('GET', '/api/events')).status).toBe(401)
    const received = new Promise<string>((done) => {
      const req = http.get({ host: '127.0.0.1', port: host.port, path: `/api/events?token=${token}`, headers: { Host: `127.0.0.1:${host.port}` } }, (res) => {
        res.on('error', () => undefined)
        res.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('"settings"')) {
            done(chunk.toString())
            req.destroy()
          }
        })
      })
      req.on('error', () => undefined) // destroying the stream on purpose ends it with an error
    })
    await new Promise((r) => setTimeout(r, 100))
    await api('settings.setLanguage', { language: 'en' })
    expect(await received).toContain('"language":"en"')
  })

  it('serves the page with a strict Content Security Policy', async () => {
    const page = await send('GET', '/')
    expect(page.status).toBe(200)
    const csp = String(page.headers['content-security-policy'])
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-eval')
    expect(page.headers['x-content-type-options']).toBe('nosniff')
  })

  it('does not serve files outside the renderer folder', async () => {
    for (const path of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd']) {
      const reply = await send('GET', path)
      expect(reply.body, path).not.toContain('root:')
    }
  })
})
