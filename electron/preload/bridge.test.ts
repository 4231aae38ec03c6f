import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { createBridge, type BridgeIpc } from './bridge'

// Checklist item 20 (do not expose Electron APIs to untrusted content): the bridge hands the page
// only the API, never ipcRenderer or an IPC event, and only reaches the api:* channels.

function fakeIpc() {
  const emitter = new EventEmitter()
  const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, result: 'from main' }))
  const send = vi.fn()
  const ipc = {
    invoke,
    send,
    on: (channel: string, listener: (...args: unknown[]) => void) => emitter.on(channel, listener),
    removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
      emitter.removeListener(channel, listener)
  }
  return { ipc: ipc as unknown as BridgeIpc, invoke, send, emitter }
}

describe('preload bridge', () => {
  it('invoke sends a method to its api: channel and returns main’s reply', async () => {
    const { ipc, invoke } = fakeIpc()
    const reply = await createBridge(ipc).invoke('workshop.get', { id: 'x' })
    expect(invoke).toHaveBeenCalledWith('api:workshop.get', { id: 'x' })
    expect(reply).toEqual({ ok: true, result: 'from main' })
  })

  it('invoke refuses names that are not area.method, so no other channel is reachable', async () => {
    const { ipc, invoke } = fakeIpc()
    const bridge = createBridge(ipc)
    for (const name of [
      'roundtable:print-pdf',
      'api:app.info',
      '../app.info',
      'app.info ',
      'app',
      '',
      'a.b.c',
      42,
      null
    ]) {
      const reply = await bridge.invoke(name as string, {})
      expect(reply, String(name)).toMatchObject({ ok: false, error: { code: 'unknown-method' } })
    }
    expect(invoke).not.toHaveBeenCalled()
  })

  it('onEvent passes only the payload, never the IPC event (whose sender is ipcRenderer)', () => {
    const { ipc, emitter } = fakeIpc()
    const listener = vi.fn()
    const unsubscribe = createBridge(ipc).onEvent(listener)
    const payload = { type: 'settings', settings: { language: 'vi' } }
    emitter.emit('roundtable:event', { sender: 'ipcRenderer itself' }, payload)
    expect(listener).toHaveBeenCalledTimes(1)
    expect(listener.mock.calls[0]).toEqual([payload])
    unsubscribe()
    emitter.emit('roundtable:event', {}, payload)
    expect(listener).toHaveBeenCalledTimes(1)
    expect(emitter.listenerCount('roundtable:event')).toBe(0)
  })

  it('onEvent needs a function', () => {
    expect(() => createBridge(fakeIpc().ipc).onEvent('x' as never)).toThrow(TypeError)
  })

  it('openAudience and printDocument go to their own channels, with strings only', async () => {
    const { ipc, invoke, send } = fakeIpc()
    const bridge = createBridge(ipc)
    bridge.openAudience('abc-123456')
    bridge.openAudience({ evil: true } as never)
    expect(send.mock.calls).toEqual([['roundtable:open-audience', 'abc-123456']])
    await bridge.printDocument('<h1>x</h1>', 'x.html')
    await bridge.printDocument(1 as never, 'x.html')
    expect(invoke.mock.calls).toEqual([['roundtable:print-pdf', '<h1>x</h1>', 'x.html']])
  })

  it('setCameraScanning goes to its own channel, with a boolean only', async () => {
    const { ipc, invoke } = fakeIpc()
    const bridge = createBridge(ipc)
    await bridge.setCameraScanning(true)
    await bridge.setCameraScanning('yes' as never)
    await bridge.setCameraScanning(false)
    expect(invoke.mock.calls).toEqual([
      ['roundtable:camera-scanning', true],
      ['roundtable:camera-scanning', false]
    ])
  })

  it('onMenuAction passes on only the known menu actions, never the IPC event', () => {
    const { ipc, emitter } = fakeIpc()
    const listener = vi.fn()
    const unsubscribe = createBridge(ipc).onMenuAction!(listener)
    emitter.emit('roundtable:menu', { sender: 'ipcRenderer itself' }, 'phones-help')
    emitter.emit('roundtable:menu', {}, 'open-devtools')
    emitter.emit('roundtable:menu', {}, { action: 'phones-help' })
    emitter.emit('roundtable:menu', {}, 'open-audience')
    expect(listener.mock.calls).toEqual([['phones-help'], ['open-audience']])
    unsubscribe()
    expect(emitter.listenerCount('roundtable:menu')).toBe(0)
  })

  it('exposes exactly the RoundtableBridge methods', () => {
    expect(Object.keys(createBridge(fakeIpc().ipc)).sort()).toEqual([
      'invoke',
      'onEvent',
      'onMenuAction',
      'onOpenedFile',
      'openAudience',
      'printDocument',
      'setCameraScanning'
    ])
  })
})
