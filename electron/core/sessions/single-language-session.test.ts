import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { dispatch } from '../api/dispatch'
import { bundledCoreOptions, sessionDetails } from '../../testing/bundled-core'
import { writePackage } from '../../testing/sample-package'
import { vietnameseOnlyPackage } from '../../testing/vietnamese-only-package'
import { translateNested } from '../../shared/i18n/user-message'
import { buildSummary } from '../summaries/summary'
import { createAppCore } from '../app-core'

const folders: string[] = []
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

async function coreWithVietnameseOnlyWorkshop() {
  const options = await bundledCoreOptions('single-language')
  folders.push(options.dataDir)
  await writePackage(join(options.dataDir, 'workshops', 'hop-phu-huynh'), vietnameseOnlyPackage())
  return createAppCore(options)
}

describe('a session of a Vietnamese-only workshop', () => {
  it('is refused in English through the API, with a message naming the languages it has', async () => {
    const core = await coreWithVietnameseOnlyWorkshop()
    const reply = await dispatch(core.handlers, 'session.start', {
      workshopId: 'hop-phu-huynh',
      details: sessionDetails({ language: 'en' })
    })
    expect(reply.ok).toBe(false)
    if (reply.ok || !reply.error.reason) return expect.fail('no reason given')
    expect(reply.error.reason.key).toBe('error.session-language-not-in-workshop')
    expect(translateNested('vi', reply.error.reason.key, reply.error.reason.params)).toContain('(vi)')
    expect(translateNested('en', reply.error.reason.key, reply.error.reason.params)).toContain('“en”')
    expect(await core.handlers['session.list']({})).toEqual([])
    await core.close()
  })

  it('starts in Vietnamese, and its English summary keeps the Vietnamese texts and says so', async () => {
    const core = await coreWithVietnameseOnlyWorkshop()
    const reply = await dispatch(core.handlers, 'session.start', {
      workshopId: 'hop-phu-huynh',
      details: sessionDetails({ language: 'vi' })
    })
    if (!reply.ok) expect.fail(JSON.stringify(reply.error))
    const session = await core.handlers['session.get']({ id: (reply.result as { id: string }).id })
    const summary = buildSummary(session, 'en', new Date('2026-12-03T10:00:00Z'))
    expect(summary.workshop.title).toBe('Họp phụ huynh về an toàn trên mạng')
    expect(summary.textLanguage).toBe('vi')
    expect(summary.polls.map((p) => p.title)).toEqual(['Điều cha mẹ lo nhất'])
    expect(JSON.stringify(summary)).not.toContain('undefined')
    expect(buildSummary(session, 'vi').textLanguage).toBeUndefined()
    await core.close()
  })
})
