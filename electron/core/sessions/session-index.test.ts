import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { bundledCoreOptions, sessionDetails } from '../../testing/bundled-core'
import { createAppCore, type AppCoreOptions } from '../app-core'

const folders: string[] = []
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})
async function dataFolder(): Promise<AppCoreOptions> {
  const options = await bundledCoreOptions('index')
  folders.push(options.dataDir)
  return options
}

describe("the library's list of sessions", () => {
  it('is rebuilt from the session files when library.json and its backup are both gone, and says so once', async () => {
    const options = await dataFolder()
    const first = await createAppCore(options)
    const a = await first.handlers['session.start']({
      workshopId: 'conference-briefing',
      details: sessionDetails({ venue: 'Xã An Phú' })
    })
    const b = await first.handlers['session.start']({
      workshopId: 'conference-briefing',
      details: sessionDetails({ venue: 'Xã Bình Minh' })
    })
    await first.handlers['session.command']({ id: b.id, command: { type: 'status', status: 'finished' } })
    await first.close()
    await rm(join(options.dataDir, 'library.json'))
    await rm(join(options.dataDir, 'library.json.bak'), { force: true })

    const second = await createAppCore(options)
    const listed = await second.handlers['session.list']({})
    expect(listed.map((s) => [s.id, s.venue, s.status]).sort()).toEqual(
      [
        [a.id, 'Xã An Phú', 'running'],
        [b.id, 'Xã Bình Minh', 'finished']
      ].sort()
    )
    const notices = (await second.handlers['app.info']({})).notices
    expect(notices.filter((n) => n.kind === 'index-rebuilt')).toHaveLength(1)
    expect(notices.find((n) => n.kind === 'index-rebuilt')?.reason).toEqual({
      key: 'reason.sessions-found',
      params: { count: 2 }
    })
    await second.close()

    const third = await createAppCore(options)
    expect((await third.handlers['app.info']({})).notices.map((n) => n.kind)).not.toContain('index-rebuilt')
    expect(await third.handlers['session.list']({})).toHaveLength(2)
    await third.close()
  }, 30_000)

  it('reports a sessions path that is a file instead of a folder, and the app still starts', async () => {
    const options = await dataFolder()
    await writeFile(join(options.dataDir, 'sessions'), 'not a folder')
    const core = await createAppCore(options)
    const notices = (await core.handlers['app.info']({})).notices
    expect(notices.map((n) => n.kind)).toContain('not-a-folder')
    expect(await core.handlers['session.list']({})).toEqual([])
    await core.close()
  })
})
