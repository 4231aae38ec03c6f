import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore } from '../../../test/core-client'
import { Api, Loader } from './api.svelte'

let test: TestCore
beforeEach(async () => {
  test = await startTestCore()
})
afterEach(() => test.close())

describe('calling the core through Api', () => {
  it('answers the result of an accepted call and keeps no error', async () => {
    const api = new Api(test.client)
    const workshop = await api.call('workshop.get', { id: 'conference-briefing' })
    expect(workshop?.summary.id).toBe('conference-briefing')
    expect(api.error).toBeNull()
  })

  it('turns a refused call into a message with the core reason, not an exception', async () => {
    const api = new Api(test.client)
    expect(await api.call('workshop.get', { id: 'no-such-workshop' })).toBeUndefined()
    expect(api.error?.key).toBe('app.error.api')
    expect(api.error?.params.message).toMatchObject({ key: expect.any(String) })
    // The next call starts clean: an old failure does not stay on screen.
    await api.call('library.list')
    expect(api.error).toBeNull()
  })

  it('turns arguments the contract refuses (an id with spaces) into a message naming the field', async () => {
    const api = new Api(test.client)
    expect(await api.call('workshop.get', { id: 'Not An Id' })).toBeUndefined()
    expect(api.error?.params.message).toMatchObject({ key: 'error.invalid-arguments', params: { field: 'id' } })
  })
})

describe('loading with Loader', () => {
  it('keeps the newest request: an older reply arriving later never overwrites it', async () => {
    const api = new Api(test.client)
    const loader = new Loader<string>()
    const slow = test.holdNext('workshop.get')
    const first = loader.load(async () => (await api.call('workshop.get', { id: 'conference-briefing' }))?.summary.id)
    const second = await loader.load(
      async () => (await api.call('workshop.get', { id: 'parents-teachers-online-safety' }))?.summary.id
    )
    expect(second).toBe('parents-teachers-online-safety')
    slow.release()
    expect(await first).toBeUndefined()
    expect(loader.value).toBe('parents-teachers-online-safety')
    expect(loader.loading).toBe(false)
  })

  it('keeps what was shown when a reload fails, and the failure becomes a message', async () => {
    const api = new Api(test.client)
    const loader = new Loader<string>()
    await loader.load(async () => (await api.call('workshop.get', { id: 'conference-briefing' }))?.summary.id)
    await loader.load(async () => (await api.call('workshop.get', { id: 'gone' }))?.summary.id)
    expect(loader.value).toBe('conference-briefing')
    expect(api.error?.key).toBe('app.error.api')
  })
})
