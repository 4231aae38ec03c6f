import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { API_METHODS } from '../core/api/contract'
import { createAppCore, type AppCore } from '../core/app-core'
import { makeIpcHandler, setupIpc } from './ipc'

// Checklist item 17 (validate the sender of every IPC message), then the arguments, against the
// real core on a temporary data folder with the bundled workshops.

const workshopsDir = fileURLToPath(new URL('../../workshops', import.meta.url))
const appFrame = { senderFrame: { url: 'app://roundtable/index.html' } } as never
const frame = (url: string) => ({ senderFrame: { url } }) as never

describe('IPC handlers', () => {
  let dataDir: string
  let core: AppCore
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'roundtable-ipc-'))
    core = await createAppCore({ dataDir, workshopsDir, host: 'electron', version: '0.0.0-test' })
  })
  afterAll(async () => {
    await core.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('registers one handler per API method, on api:<method>', () => {
    const channels: string[] = []
    setupIpc({ handle: (channel: string) => void channels.push(channel) }, core)
    expect(channels).toEqual(API_METHODS.map((method) => `api:${method}`))
  })

  it('a frame showing the app reaches the core', async () => {
    const reply = await makeIpcHandler(core, 'app.info')(appFrame, {})
    expect(reply).toMatchObject({ ok: true, result: { host: 'electron', version: '0.0.0-test', dataDir } })
  })

  it('and its arguments are validated against the contract first', async () => {
    const handler = makeIpcHandler(core, 'settings.setLanguage')
    expect(await handler(appFrame, { language: 'fr' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-arguments' }
    })
    expect(await handler(appFrame, { language: 'en', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-arguments' }
    })
    expect(await handler(appFrame, 'en')).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } })
    expect(await handler(appFrame, { language: 'en' })).toEqual({ ok: true, result: { language: 'en' } })
  })

  it('frames from anywhere else are refused before any handler runs', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const spy = vi.spyOn(core.handlers, 'settings.setLanguage')
    const handler = makeIpcHandler(core, 'settings.setLanguage')
    for (const event of [
      frame('https://evil.example/'),
      frame('file:///tmp/x.html'),
      frame('app://roundtable.evil/'),
      frame('data:text/html,<script>'),
      { senderFrame: null } as never // the frame navigated away or was destroyed
    ]) {
      expect(await handler(event, { language: 'vi' })).toEqual({
        ok: false,
        error: { code: 'failed', message: 'untrusted sender' }
      })
    }
    expect(spy).not.toHaveBeenCalled()
    expect(warn).toHaveBeenCalledTimes(5) // each refusal is logged
    // Nothing changed: the language set by the trusted frame above is still there.
    expect(await makeIpcHandler(core, 'app.info')(appFrame, {})).toMatchObject({
      result: { settings: { language: 'en' } }
    })
    spy.mockRestore()
    warn.mockRestore()
  })
})
