import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { translateNested } from '../../../electron/shared/i18n/user-message'
import { startTestCore, type TestCore } from '../../test/core-client'
import { AppState } from './app-state.svelte'
import { i18n } from './i18n.svelte'

let test: TestCore
beforeEach(async () => {
  test = await startTestCore()
})
afterEach(() => test.close())

describe('the app state', () => {
  it('starts with the core information, the bundled workshops and no sessions', async () => {
    const app = new AppState(test.client)
    await app.start('')
    expect(app.status).toBe('ready')
    expect(app.info?.host).toBe('browser')
    expect(app.workshops.map((w) => w.id)).toContain('conference-briefing')
    expect(app.sessions).toEqual([])
    expect(app.audienceOf).toBeNull()
  })

  it('knows from the address that its window is a session audience screen', async () => {
    const app = new AppState(test.client)
    await app.start('#audience=2026-12-03-abc')
    expect(app.audienceOf).toBe('2026-12-03-abc')
  })

  it('asks nothing without a token and says so', async () => {
    const app = new AppState(null)
    await app.start('')
    expect(app.status).toBe('no-token')
    expect(app.workshops).toEqual([])
  })

  it('shows a refused call as a message that follows the language, and refreshes the library after a change', async () => {
    const app = new AppState(test.client)
    await app.start('')
    const copy = await app.api.call('workshop.duplicate', { id: 'conference-briefing' })
    await app.refreshLibrary()
    expect(app.workshops.map((w) => w.id)).toContain(copy!.id)

    await app.api.call('workshop.remove', { id: 'conference-briefing' })
    const error = app.error!
    expect(error.key).toBe('app.error.api')
    const vi = translateNested('vi', error.key, error.params)
    const en = translateNested('en', error.key, error.params)
    expect(vi).not.toBe(en)
  })

  it('keeps the language the trainer picks for the next start', async () => {
    const app = new AppState(test.client)
    await app.start('')
    await app.setLanguage('en')
    expect(i18n.language).toBe('en')
    const again = new AppState(test.client)
    i18n.set('vi')
    await again.start('')
    expect(i18n.language).toBe('en')
  })
})
