import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { hostArgs, readyUrl, repoRoot, startHost, type HostProcess } from '../../scripts/host-process.mjs'
import { hostBuilt } from '../testing/host-process'

/** The one helper scripts, bench, e2e and Vitest use to start the browser-mode host process. */
const hosts: HostProcess[] = []
const folders: string[] = []
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.stop()))
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})
async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'roundtable-host-start-'))
  folders.push(dir)
  return dir
}

describe('host-process helper', () => {
  it('finds the address and access key in what the host prints, and nothing before it is ready', () => {
    expect(readyUrl('Roundtable (browser mode) is running at http://127.0.0.1:4780/#token=a-B_9\nData folder: x')).toBe(
      'http://127.0.0.1:4780/#token=a-B_9'
    )
    expect(readyUrl('Building Roundtable…')).toBeNull()
  })

  it('builds the host command line: node flags, the built script, then port and data folder', () => {
    expect(hostArgs({ nodeArgs: ['--cpu-prof'], port: 0, dataDir: '/d' })).toEqual([
      '--cpu-prof',
      join(repoRoot, 'out/main/browser-host.js'),
      '--port',
      '0',
      '--data-dir',
      '/d'
    ])
    expect(hostArgs({})).toEqual([join(repoRoot, 'out/main/browser-host.js')])
  })
})

describe.skipIf(!hostBuilt)('host-process helper with the built host', () => {
  it('starts a host on a free port whose API answers with the access key, and stops it', async () => {
    const host = await startHost({ dataDir: await folder() })
    hosts.push(host)
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(host.url).toBe(`${host.origin}/#token=${host.token}`)
    const reply = await host.request('app.info')
    expect(reply.ok).toBe(true)
    await host.stop()
    expect(host.child.exitCode ?? host.child.signalCode).not.toBeNull()
  })

  it('rejects with what the host printed when it exits before it is ready', async () => {
    await expect(startHost({ dataDir: await folder(), port: 'not-a-port' })).rejects.toThrow(
      /exited \(2\) before it was ready:\n.*--port must be a number/s
    )
  })
})
