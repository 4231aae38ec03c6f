import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { WebContents } from 'electron'
import { createAppCore, type AppCore } from '../core/app-core'
import { makeIpcHandler } from './ipc'
import { appResponseHeaders, resolveAppRequest } from './protocol'
import {
  isAllowedRequest,
  isAppUrl,
  isTrustedSender,
  onNavigate,
  permissionCheckHandler,
  permissionRequestHandler,
  windowOpenHandler
} from './security'
import { audienceWindowOptions, mainWindowOptions, secureWebPreferences } from './window-options'

// Electron's security checklist (electronjs.org/docs/latest/tutorial/security), item by item, on the
// decisions the shell makes. These modules import only Electron's types, so they run under plain Node.

describe('Electron security checklist', () => {
  const prefs = secureWebPreferences('/app/preload.cjs')

  it('2. does not enable Node.js integration for remote or any content', () => {
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInWorker).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
  })
  it('3. enables context isolation', () => expect(prefs.contextIsolation).toBe(true))
  it('4. enables process sandboxing', () => expect(prefs.sandbox).toBe(true))
  it('6. does not disable webSecurity', () => expect(prefs.webSecurity).toBe(true))
  it('8. does not allow insecure content', () => expect(prefs.allowRunningInsecureContent).toBe(false))
  it('9. does not enable experimental features', () => expect(prefs.experimentalFeatures).toBe(false))
  it('10. does not enable Blink features', () => expect(prefs.enableBlinkFeatures).toBe(''))
  it('11. does not use <webview>', () => expect(prefs.webviewTag).toBe(false))
  it('loads the preload it was given, and nothing else loads Node', () => expect(prefs.preload).toBe('/app/preload.cjs'))

  it('every window uses the same secure preferences', () => {
    expect(mainWindowOptions('/p.cjs').webPreferences).toEqual(secureWebPreferences('/p.cjs'))
    expect(audienceWindowOptions('/p.cjs', null).webPreferences).toEqual(secureWebPreferences('/p.cjs'))
  })

  it('puts the audience window on the second display, full screen', () => {
    const options = audienceWindowOptions('/p.cjs', { x: 1920, y: 0, width: 1280, height: 720 })
    expect(options).toMatchObject({ x: 1920, y: 0, width: 1280, height: 720, fullscreen: true })
  })

  it('5. handles permission requests from content: all denied', () => {
    const callback = vi.fn()
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      permissionRequestHandler({} as WebContents, permission, callback)
    }
    expect(callback.mock.calls.every(([granted]) => granted === false)).toBe(true)
    expect(permissionCheckHandler()).toBe(false)
  })

  it('7. defines a Content Security Policy on every app response', () => {
    const csp = appResponseHeaders('text/html')['Content-Security-Policy']
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/)
    expect(appResponseHeaders('text/html')['X-Content-Type-Options']).toBe('nosniff')
  })

  it('13. limits navigation: only the app origin', () => {
    const event = { preventDefault: vi.fn() }
    onNavigate(event, 'app://roundtable/index.html#audience=x')
    expect(event.preventDefault).not.toHaveBeenCalled()
    for (const url of ['https://example.org/', 'file:///etc/passwd', 'http://127.0.0.1:8080/', 'app://evil/']) {
      const blocked = { preventDefault: vi.fn() }
      onNavigate(blocked, url)
      expect(blocked.preventDefault, url).toHaveBeenCalled()
    }
  })

  it('14. limits creation of new windows: content can open none', () => {
    expect(windowOpenHandler()).toEqual({ action: 'deny' })
  })

  it('1 and 12. loads no remote content: requests beyond the app are cancelled', () => {
    expect(isAllowedRequest('app://roundtable/assets/index.js')).toBe(true)
    expect(isAllowedRequest('data:image/svg+xml;base64,AAAA')).toBe(true)
    for (const url of ['https://fonts.googleapis.com/css', 'http://192.168.1.5/', 'ws://127.0.0.1/', 'file:///etc/hosts']) {
      expect(isAllowedRequest(url), url).toBe(false)
    }
  })

  it('18. serves the renderer from a custom protocol, refusing paths outside it', () => {
    const dir = '/opt/roundtable/out/renderer'
    expect(resolveAppRequest('app://roundtable/', dir)).toEqual({ path: `${dir}/index.html`, contentType: 'text/html; charset=utf-8' })
    expect(resolveAppRequest('app://roundtable/assets/a.js', dir)?.path).toBe(`${dir}/assets/a.js`)
    for (const url of [
      'app://roundtable/../../etc/passwd',
      'app://roundtable/%2e%2e/%2e%2e/etc/passwd',
      'app://roundtable/..%2f..%2fetc%2fpasswd',
      'app://other/index.html',
      'app://roundtable/secret.exe',
      'app://roundtable/%E0%A4%A'
    ]) {
      const resolved = resolveAppRequest(url, dir)
      expect(resolved === null || resolved.path.startsWith(`${dir}/`), url).toBe(true)
      expect(resolved?.path ?? '', url).not.toContain('etc/passwd')
    }
  })

  it('recognises the app origin exactly', () => {
    expect(isAppUrl('app://roundtable/index.html')).toBe(true)
    expect(isAppUrl('app://roundtable.evil/index.html')).toBe(false)
    expect(isAppUrl('not a url')).toBe(false)
  })
})

describe('17. IPC: the sender is validated, then the arguments', () => {
  let core: AppCore
  beforeAll(async () => {
    core = await createAppCore({
      dataDir: await mkdtemp(join(tmpdir(), 'roundtable-ipc-')),
      workshopsDir: resolve(__dirname, '../../workshops'),
      host: 'electron',
      version: '0.0.0-test'
    })
  })
  afterAll(() => core.close())

  it('answers frames that show the app', async () => {
    const reply = await makeIpcHandler(core, 'app.info')({ senderFrame: { url: 'app://roundtable/index.html' } } as never, {})
    expect(reply).toMatchObject({ ok: true, result: { host: 'electron', version: '0.0.0-test' } })
  })

  it('refuses frames from anywhere else, before running anything', async () => {
    const spy = vi.spyOn(core.handlers, 'settings.setLanguage')
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'app://roundtable.evil/']) {
      const reply = await makeIpcHandler(core, 'settings.setLanguage')({ senderFrame: { url } } as never, { language: 'en' })
      expect(reply).toMatchObject({ ok: false, error: { message: 'untrusted sender' } })
    }
    const gone = await makeIpcHandler(core, 'app.info')({ senderFrame: null } as never, {})
    expect(gone.ok).toBe(false)
    expect(spy).not.toHaveBeenCalled()
  })

  it('refuses invalid arguments from a trusted frame', async () => {
    const reply = await makeIpcHandler(core, 'settings.setLanguage')(
      { senderFrame: { url: 'app://roundtable/index.html' } } as never,
      { language: 'fr' }
    )
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } })
  })

  it('treats a missing frame as untrusted', () => {
    expect(isTrustedSender(undefined)).toBe(false)
  })
})
