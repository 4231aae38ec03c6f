import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { RoundtableBridge } from '../../electron/shared/api/bridge'
import { dispatch } from '../../electron/core/api/dispatch'
import { createAppCore, type AppCore } from '../../electron/core/app-core'
import { clientOf, type ApiClient } from '../src/lib/api/client'

/** A real core in this process, with a fresh data folder and the bundled workshops. */
export interface TestCore {
  core: AppCore
  client: ApiClient
  /** Holds back the reply to the next call of `method` until `release` (replies then arrive out of order). */
  holdNext(method: string): { release(): void }
  close(): Promise<void>
}

const workshopsDir = resolve(__dirname, '../../workshops')

/**
 * The renderer's client over an in-process core, through the same `dispatch` both hosts use: what the
 * state classes get in the app, minus the transport. Nothing is mocked.
 */
export async function startTestCore(): Promise<TestCore> {
  const dataDir = await mkdtemp(join(tmpdir(), 'roundtable-renderer-'))
  const core = await createAppCore({ dataDir, workshopsDir, host: 'browser', version: '0.0.0-test' })
  const gates = new Map<string, Promise<void>>()
  const bridge: RoundtableBridge = {
    async invoke(method, args) {
      const gate = gates.get(method)
      gates.delete(method)
      const reply = await dispatch(core.handlers, method, args)
      await gate
      return reply
    },
    onEvent: (listener) => core.subscribe(listener),
    openAudience: () => undefined,
    printDocument: () => Promise.resolve(),
    setCameraScanning: () => Promise.resolve()
  }
  return {
    core,
    client: clientOf(bridge),
    holdNext(method) {
      let release = (): void => undefined
      gates.set(method, new Promise((done) => (release = done)))
      return { release: () => release() }
    },
    async close() {
      await core.close()
      await rm(dataDir, { recursive: true, force: true })
    }
  }
}
