import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OpenedFile } from '../../../electron/shared/api/bridge'
import { startTestCore, type TestCore } from '../../test/core-client'
import type { ApiClient } from './api/client'
import { AppState } from './app-state.svelte'

// A double-clicked .roundtable file reaching the trainer's window (the preload's onOpenedFile).

let test: TestCore
beforeEach(async () => {
  test = await startTestCore()
})
afterEach(() => test.close())

/** The in-process client, with a preload that announces opened files when told to. */
function clientWithOpenedFiles(): { client: ApiClient; open(file: OpenedFile): void; listeners(): number } {
  const listeners = new Set<(file: OpenedFile) => void>()
  const client: ApiClient = {
    ...test.client,
    onOpenedFile(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }
  }
  return { client, open: (file) => listeners.forEach((listener) => listener(file)), listeners: () => listeners.size }
}

const file: OpenedFile = { fileName: 'ws-1.0.0.roundtable', base64: 'UEs=' }

describe('an opened file', () => {
  it('is kept for the library’s import, which is shown from any screen', async () => {
    const shell = clientWithOpenedFiles()
    const app = new AppState(shell.client)
    await app.start('')
    app.open({ name: 'report' })
    shell.open(file)
    expect(app.openedFile).toEqual(file)
    expect(app.view).toEqual({ name: 'library' })
  })

  it('during a session the presenter stays on screen; the file waits for the library', async () => {
    const shell = clientWithOpenedFiles()
    const app = new AppState(shell.client)
    await app.start('')
    app.open({ name: 'presenter', id: 'abc-123' })
    shell.open(file)
    expect(app.view).toEqual({ name: 'presenter', id: 'abc-123' })
    expect(app.openedFile).toEqual(file)
  })

  it('the audience window never asks for opened files', async () => {
    const shell = clientWithOpenedFiles()
    await new AppState(shell.client).start('#audience=abc-123')
    expect(shell.listeners()).toBe(0)
    await new AppState(shell.client).start('')
    expect(shell.listeners()).toBe(1)
  })
})
