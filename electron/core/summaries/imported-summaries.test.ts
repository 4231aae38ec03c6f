import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiReply } from '../api/contract'
import { dispatch } from '../api/dispatch'
import { bundledCoreOptions, sessionDetails } from '../../testing/bundled-core'
import { createAppCore, type AppCore } from '../app-core'

// A real core on a temp data folder: a session run here, its summary exported as JSON in both languages
// and imported back through the API, as a coordinator does with files from a USB stick.
let core: AppCore
let dataDir: string
let sessionId: string
const result = async <T>(method: string, args: unknown): Promise<T> => {
  const reply: ApiReply = await dispatch(core.handlers, method, args)
  if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`)
  return reply.result as T
}
const exportJson = async (language: 'vi' | 'en'): Promise<string> =>
  (await result<{ files: { content: string }[] }>('session.export', { id: sessionId, language, format: 'json' }))
    .files[0]!.content
const importText = (text: string, fileName = 'summary.json') =>
  result<{ ok: boolean; outcome?: string; entry?: { workshopTitle: string; date: string } }>('summary.import', {
    fileName,
    text
  })
type ListEntry = { id: string; sessionId: string; versions: { id: string; language: string; workshopTitle: string }[] }

beforeAll(async () => {
  const options = await bundledCoreOptions('imported')
  dataDir = options.dataDir
  core = await createAppCore(options)
  const session = await result<{ id: string }>('session.start', {
    workshopId: 'conference-briefing',
    details: sessionDetails({ date: '2026-11-02', trainer: 'Chị Lan', plannedStart: '08:30' })
  })
  sessionId = session.id
})
afterAll(async () => {
  await core?.close()
  await rm(dataDir, { recursive: true, force: true })
})

describe('summary.import and summary.list', () => {
  it('says the same export imported twice was already imported, and stores it once', async () => {
    const vi = await exportJson('vi')
    expect(await importText(vi)).toMatchObject({ ok: true, outcome: 'imported' })
    expect(await importText(vi, 'copy of summary.json')).toMatchObject({
      ok: true,
      outcome: 'already',
      entry: { date: '2026-11-02' }
    })
    expect(await readdir(join(dataDir, 'summaries'))).toHaveLength(1)
    expect(await result<ListEntry[]>('summary.list', {})).toHaveLength(1)
  })

  it('shows the Vietnamese and English summaries of one session as one entry with both versions', async () => {
    expect(await importText(await exportJson('en'))).toMatchObject({ ok: true, outcome: 'imported' })
    const list = await result<ListEntry[]>('summary.list', {})
    expect(list).toHaveLength(1)
    expect(list[0]!.sessionId).toBe(sessionId)
    expect(list[0]!.versions.map((v) => v.language)).toEqual(['vi', 'en'])
    expect(list[0]!.versions[1]!.workshopTitle).toMatch(/^Briefing/)
    expect(list[0]!.id).toBe(list[0]!.versions[0]!.id)
    // Each version still opens on its own.
    for (const version of list[0]!.versions) {
      const { files } = await result<{ files: { name: string }[] }>('summary.export', {
        id: version.id,
        format: 'html'
      })
      expect(files[0]!.name).toMatch(new RegExp(`-${version.language}\\.html$`))
    }
  })

  it('replaces an older export of the same summary with a newer one, but never a newer with an older', async () => {
    const older = await exportJson('vi')
    await new Promise((done) => setTimeout(done, 5))
    const newer = await exportJson('vi')
    const generatedAt = (text: string): string =>
      (JSON.parse(text) as { summary: { generatedAt: string } }).summary.generatedAt
    expect(generatedAt(newer) > generatedAt(older)).toBe(true)
    expect(await importText(older)).toMatchObject({ ok: true, outcome: 'updated' })
    expect(await importText(newer)).toMatchObject({ ok: true, outcome: 'updated' })
    expect(await importText(older)).toMatchObject({ ok: true, outcome: 'newer-held' })
    expect(await readdir(join(dataDir, 'summaries'))).toHaveLength(2)
  })
})
