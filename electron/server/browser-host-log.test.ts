import { readFile, rm, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { startHost, type HostProcess } from '../../scripts/host-process.mjs'
import { hostBuilt } from '../testing/host-process'

/** Browser mode keeps the same local log as the app: the real host process, started and stopped. */
let host: HostProcess | null = null
let dataDir = ''
afterEach(async () => {
  await host?.stop()
  host = null
  await rm(dataDir, { recursive: true, force: true })
})

it.skipIf(!hostBuilt)(
  'the browser-mode host logs its start and stop in <data folder>/logs/roundtable.log, without its access token',
  async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'roundtable-host-log-'))
    host = await startHost({ dataDir })
    const info = await host.request('app.info', {})
    expect(info).toMatchObject({ ok: true, result: { logDir: join(dataDir, 'logs') } })
    await host.stop()
    const text = await readFile(join(dataDir, 'logs', 'roundtable.log'), 'utf8')
    expect(text).toMatch(/^\S+Z INFO start host=browser version=\S+ /m)
    expect(text).toMatch(/^\S+Z INFO stop/m)
    expect(host.token.length).toBeGreaterThan(8)
    expect(text).not.toContain(host.token)
    host = null
  }
)
