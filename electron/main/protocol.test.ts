import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from '../core/security/content-security-policy'
import { appResponseHeaders, resolveAppRequest, serveAppRequest, setupAppProtocol } from './protocol'

// Checklist item 18 (serve the renderer from a custom protocol, not file://) and item 7 (a CSP on
// every response), on the resolver and on real files served from a temporary folder.

const dir = '/opt/roundtable/out/renderer'

describe('resolveAppRequest', () => {
  it('serves index.html for the root and files of the renderer folder', () => {
    expect(resolveAppRequest('app://roundtable/', dir)).toEqual({
      path: `${dir}/index.html`,
      contentType: 'text/html; charset=utf-8'
    })
    expect(resolveAppRequest('app://roundtable/index.html?x=1', dir)?.path).toBe(`${dir}/index.html`)
    expect(resolveAppRequest('app://roundtable/assets/index-BkOI.js', dir)?.path).toBe(`${dir}/assets/index-BkOI.js`)
  })

  it('gives each file type of the renderer its content type', () => {
    const types = Object.fromEntries(
      ['a.html', 'a.js', 'a.css', 'a.woff2', 'a.svg', 'a.png', 'a.json'].map((name) => [
        name,
        resolveAppRequest(`app://roundtable/assets/${name}`, dir)?.contentType
      ])
    )
    expect(types).toEqual({
      'a.html': 'text/html; charset=utf-8',
      'a.js': 'text/javascript; charset=utf-8',
      'a.css': 'text/css; charset=utf-8',
      'a.woff2': 'font/woff2',
      'a.svg': 'image/svg+xml',
      'a.png': 'image/png',
      'a.json': 'application/json; charset=utf-8'
    })
  })

  it('refuses other file types, folders and foreign hosts', () => {
    expect(resolveAppRequest('app://roundtable/setup.exe', dir)).toBeNull()
    expect(resolveAppRequest('app://roundtable/assets/index.js.map', dir)).toBeNull()
    expect(resolveAppRequest('app://roundtable/assets/', dir)).toBeNull()
    expect(resolveAppRequest('app://other/index.html', dir)).toBeNull()
    expect(resolveAppRequest('app://roundtable.evil/index.html', dir)).toBeNull()
    expect(resolveAppRequest('file:///opt/roundtable/out/renderer/index.html', dir)).toBeNull()
  })

  it('never resolves outside the renderer folder, however the path is written', () => {
    // Plain and %2e dot segments are removed by the URL parser itself (they land inside the folder);
    // an encoded slash survives the parser and is decoded here, so it must be caught after decoding.
    for (const url of [
      'app://roundtable/../../etc/passwd',
      'app://roundtable/%2e%2e/%2e%2e/etc/passwd',
      'app://roundtable/%2E%2E/%2e%2E/etc/passwd.json'
    ]) {
      const resolved = resolveAppRequest(url, dir)
      expect(resolved === null || resolved.path.startsWith(`${dir}/`), url).toBe(true)
    }
    for (const url of [
      'app://roundtable/..%2f..%2fetc%2fpasswd',
      'app://roundtable/%2e%2e%2f%2e%2e%2fetc%2fpasswd.json',
      'app://roundtable/assets/..%2f..%2f..%2fmain%2findex.js',
      // A sibling folder whose name starts like the renderer's: a prefix check alone would let it through.
      'app://roundtable/..%2frenderer-evil%2findex.html',
      'app://roundtable/index.html%00.png',
      'app://roundtable/%E0%A4%A' // malformed escape
    ]) {
      expect(resolveAppRequest(url, dir), url).toBeNull()
    }
  })
})

describe('app:// responses', () => {
  let root: string
  let handler: (request: Request) => Promise<Response> | Response

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'roundtable-protocol-'))
    await mkdir(join(root, 'renderer/assets'), { recursive: true })
    await writeFile(join(root, 'renderer/index.html'), '<!doctype html><title>Bàn Tròn</title>')
    await writeFile(join(root, 'renderer/assets/app.js'), 'console.log(1)')
    await writeFile(join(root, 'secret.json'), '{"secret":true}') // next to the renderer folder: never served
    const protocol = {
      handle: (scheme: string, h: typeof handler) => {
        expect(scheme).toBe('app')
        handler = h
      }
    }
    setupAppProtocol(protocol, join(root, 'renderer'))
  })
  afterAll(() => rm(root, { recursive: true, force: true }))

  const get = (url: string) => Promise.resolve(handler(new Request(url)))

  it('serves the renderer with its content type, the CSP and nosniff', async () => {
    const response = await get('app://roundtable/index.html')
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('<!doctype html><title>Bàn Tròn</title>')
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy())
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    const script = await get('app://roundtable/assets/app.js')
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  })

  it('answers 404, still with the CSP, for escapes, missing files and foreign hosts', async () => {
    for (const url of [
      'app://roundtable/..%2fsecret.json',
      'app://roundtable/%2e%2e%2fsecret.json',
      'app://roundtable/../secret.json',
      'app://roundtable/missing.js',
      'app://elsewhere/index.html'
    ]) {
      const response = await get(url)
      expect(response.status, url).toBe(404)
      expect(await response.text(), url).not.toContain('secret')
      expect(response.headers.get('content-security-policy'), url).toBe(contentSecurityPolicy())
    }
  })

  it('the CSP allows only the app itself: no inline script, no eval, no remote origin, no framing', () => {
    const csp = appResponseHeaders('text/html')['Content-Security-Policy']!
    expect(csp).toContain("default-src 'none'")
    expect(csp).toMatch(/script-src 'self'(;|$)/)
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/)
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("object-src 'none'")
  })

  it('serveAppRequest is what the handler answers with', async () => {
    const response = await serveAppRequest('app://roundtable/', join(root, 'renderer'))
    expect(response.status).toBe(200)
  })
})
