import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { userMessage } from '../../../electron/shared/i18n/user-message'
import { startTestCore, type TestCore } from '../../test/core-client'
import { Api } from './api/api.svelte'
import { ApiCallError, type ApiClient } from './api/client'
import { SessionState } from './session-state.svelte'

/*
 * The presenter while the app cannot be reached: a real in-process core behind a client that can be cut
 * off, failing every call as the browser-mode bridge does when the host is gone ('connection').
 */
let test: TestCore
let down = false
let state: SessionState

beforeEach(async () => {
  test = await startTestCore()
  down = false
  const call = test.client.call as (method: string, ...args: unknown[]) => Promise<unknown>
  const client: ApiClient = {
    ...test.client,
    call: ((method: string, ...args: unknown[]) =>
      down
        ? Promise.reject(new ApiCallError('failed', 'connection', userMessage('app.error.connection')))
        : call(method, ...args)) as ApiClient['call']
  }
  state = new SessionState(new Api(client), 10)
})
afterEach(async () => {
  state.dispose()
  await test.close()
})

async function runningSession(): Promise<string> {
  const session = await test.client.call('session.start', {
    workshopId: 'parents-teachers-online-safety',
    details: { venue: 'Hội trường', date: '2026-12-03', trainer: 'Lan', language: 'vi', plannedStart: '08:00' }
  })
  await state.load(session.id)
  return session.id
}

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((done) => setTimeout(done, 10))
  expect(check()).toBe(true)
}

describe('the presenter while the app cannot be reached', () => {
  it('does not move ahead on its own: presses are held, the core state is shown, and they replay in order', async () => {
    const id = await runningSession()
    const start = state.live!.position
    down = true
    await Promise.all([state.send({ type: 'next' }), state.send({ type: 'next' })])
    await state.send({ type: 'blank', mode: 'black' })
    expect(state.link).toBe('unreachable')
    expect(state.heldCount).toBe(3)
    expect(state.live!.position).toEqual(start) // nothing shown as done
    expect(state.live!.blank).toBeNull()

    down = false
    await until(() => state.link === 'back')
    expect((await test.client.call('session.get', { id })).position).toEqual(start) // the core never moved
    await state.replay()
    expect(state.link).toBe('ok')
    expect(state.heldCount).toBe(0)
    const core = await test.client.call('session.get', { id })
    expect(core.position).not.toEqual(start)
    expect(core.blank).toBe('black')
    expect(state.live!.position).toEqual(core.position)
  })

  it('discarding the held presses leaves the core where it was', async () => {
    const id = await runningSession()
    const start = state.live!.position
    down = true
    await state.send({ type: 'next' })
    expect(state.live!.position).toEqual(start)
    down = false
    await until(() => state.link === 'back')
    state.discard()
    expect(state.link).toBe('ok')
    expect(state.heldCount).toBe(0)
    expect((await test.client.call('session.get', { id })).position).toEqual(start)
    expect(await state.apply({ type: 'next' })).toBe(true) // and presses go straight through again
  })
})
