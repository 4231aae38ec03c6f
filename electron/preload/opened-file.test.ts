import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { createBridge, type BridgeIpc } from './bridge'

// The preload's side of a double-clicked .roundtable file: it takes the waiting file when the page
// subscribes and whenever main says one waits, and passes on only what has the shape of one.

function fakeIpc(replies: unknown[]) {
  const emitter = new EventEmitter()
  const invoke = vi.fn(async (..._args: unknown[]) => replies.shift() ?? null)
  const ipc = {
    invoke,
    send: vi.fn(),
    on: (channel: string, listener: (...args: unknown[]) => void) => emitter.on(channel, listener),
    removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
      emitter.removeListener(channel, listener)
  }
  return { ipc: ipc as unknown as BridgeIpc, invoke, emitter }
}

const settle = () => new Promise((done) => setTimeout(done, 0))

describe('preload bridge: opened files', () => {
  it('takes the waiting file on subscribing and again whenever main announces one', async () => {
    const first = { fileName: 'a.roundtable', base64: 'UEs=' }
    const second = { fileName: 'b.roundtable', problem: 'not-found' }
    const { ipc, invoke, emitter } = fakeIpc([first, second])
    const listener = vi.fn()
    const unsubscribe = createBridge(ipc).onOpenedFile?.(listener)
    await settle()
    expect(invoke).toHaveBeenCalledWith('roundtable:take-opened-file')
    emitter.emit('roundtable:file-waiting', { sender: 'ipcRenderer itself' })
    await settle()
    expect(listener.mock.calls).toEqual([[first], [second]])
    unsubscribe?.()
    emitter.emit('roundtable:file-waiting', {})
    await settle()
    expect(invoke).toHaveBeenCalledTimes(2)
  })

  it('passes on nothing that is not an opened file (nothing waiting, a wrong shape, an unknown problem)', async () => {
    const { ipc, emitter } = fakeIpc([
      { fileName: '', base64: 'UEs=' },
      { fileName: 'x.roundtable', problem: 'format-disk' },
      { fileName: 'x.roundtable', base64: 42 },
      'a string'
    ])
    const listener = vi.fn()
    createBridge(ipc).onOpenedFile?.(listener)
    for (let i = 0; i < 4; i++) emitter.emit('roundtable:file-waiting', {})
    await settle()
    expect(listener).not.toHaveBeenCalled()
  })
})
