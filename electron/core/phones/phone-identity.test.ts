import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PhoneIdentities } from './phone-identity'

const dirs: string[] = []
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })))
})

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'phone-identity-'))
  dirs.push(dir)
  return dir
}

const noIncident = (): void => {
  throw new Error('no storage incident expected')
}

describe('phone identities', () => {
  it('a session keeps its secret, code and remembered phones across a reopen of the data folder (a restart)', async () => {
    const dir = await dataDir()
    const first = new PhoneIdentities({ dataDir: dir, onIncident: noIncident })
    const made = structuredClone(await first.get('2026-01-01-aaaa1111'))
    expect(made.secret).toMatch(/^[\w-]{43}$/)
    expect(made.code).toMatch(/^\d{4}$/)
    await first.update('2026-01-01-aaaa1111', (identity) => {
      identity.address = '192.168.1.10'
      identity.port = 8080
      identity.on = true
      identity.devicesByAddress['192.168.1.23'] = 'B'.repeat(22)
    })
    first.close()

    const again = new PhoneIdentities({ dataDir: dir, onIncident: noIncident })
    expect(await again.get('2026-01-01-aaaa1111')).toEqual({
      ...made,
      address: '192.168.1.10',
      port: 8080,
      on: true,
      devicesByAddress: { '192.168.1.23': 'B'.repeat(22) }
    })
    const onDisk = JSON.parse(await readFile(join(dir, 'sessions', '2026-01-01-aaaa1111.phones.json'), 'utf8'))
    expect(onDisk.secret).toBe(made.secret)
    again.close()
  })

  it('each session has its own secret; asking about a session whose phones were never on makes no file', async () => {
    const dir = await dataDir()
    const identities = new PhoneIdentities({ dataDir: dir, onIncident: noIncident })
    const a = await identities.get('2026-01-01-aaaa1111')
    const b = await identities.get('2026-01-01-bbbb2222')
    expect(a.secret).not.toBe(b.secret)
    expect(await identities.find('2026-01-01-cccc3333')).toBeNull()
    expect((await identities.find('2026-01-01-aaaa1111'))?.secret).toBe(a.secret)
    expect((await readdir(join(dir, 'sessions'))).sort()).toEqual([
      '2026-01-01-aaaa1111.phones.json',
      '2026-01-01-bbbb2222.phones.json'
    ])
    identities.close()
  })

  it('a file from before the shared-address switch loads with it off, and the switch is kept once set', async () => {
    const dir = await dataDir()
    const file = join(dir, 'sessions', '2026-01-01-dddd4444.phones.json')
    const first = new PhoneIdentities({ dataDir: dir, onIncident: noIncident })
    await first.get('2026-01-01-dddd4444')
    first.close()
    const { sharedAddresses, ...older } = JSON.parse(await readFile(file, 'utf8'))
    expect(sharedAddresses).toBe(false)
    await writeFile(file, JSON.stringify(older))

    const again = new PhoneIdentities({ dataDir: dir, onIncident: noIncident })
    expect((await again.get('2026-01-01-dddd4444')).sharedAddresses).toBe(false)
    await again.update('2026-01-01-dddd4444', (identity) => void (identity.sharedAddresses = true))
    again.close()
    const third = new PhoneIdentities({ dataDir: dir, onIncident: noIncident })
    expect((await third.get('2026-01-01-dddd4444')).sharedAddresses).toBe(true)
    third.close()
  })
})
