import { randomBytes, randomInt } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { SESSION_ID_PATTERN } from '../../shared/sessions/ids'
import { DataFile } from '../storage/data-file'
import type { DurableFs } from '../storage/durable-json-file'
import type { StorageIncident } from '../storage/incidents'
import { versionedParser } from '../storage/versioned'

/**
 * What keeps a session's phones the same participants for the whole session: the secret that signs
 * their device cookies, the join code, where phones last reached the app and whether phones were on,
 * and which device key each phone address was given. Kept in `sessions/<id>.phones.json`, beside the
 * session and never in it, so the secret cannot reach a window, an export or a summary.
 */
export const PHONE_IDENTITY_SCHEMA_VERSION = 1

const DeviceId = z.string().regex(/^[A-Za-z0-9_-]{22}$/)

export const PhoneIdentitySchema = z.object({
  schemaVersion: z.literal(PHONE_IDENTITY_SCHEMA_VERSION),
  /** 32 random bytes, base64url. */
  secret: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  code: z.string().regex(/^\d{4}$/),
  address: z.string().max(64).nullable(),
  port: z.number().int().min(1).max(65535).nullable(),
  /** Phones were on when the app last ran this session (a crash leaves it true: phones come back). */
  on: z.boolean(),
  /** Phone address → the device key it was first given, so re-joining from one phone is one participant. */
  devicesByAddress: z.record(z.string().max(64), DeviceId),
  /**
   * The trainer's paired phone remotes (remote-control.ts): an id and the SHA-256 of its secret, never the
   * secret itself. Files from before remotes existed have none.
   */
  remotes: z
    .array(z.object({ id: DeviceId, hash: z.string().regex(/^[a-f0-9]{64}$/), pairedAt: z.string().max(40) }))
    .max(10)
    .default([]),
  /**
   * The trainer said this session's phones share addresses (a hall behind one router): every address is
   * treated like the laptop's own and each phone is known by its device cookie alone. Older files: off.
   */
  sharedAddresses: z.boolean().default(false)
})
export type PhoneIdentity = z.infer<typeof PhoneIdentitySchema>

const parse = versionedParser(PhoneIdentitySchema, PHONE_IDENTITY_SCHEMA_VERSION)

/** A new identity: what a session gets the first time phones are turned on for it. */
export function newPhoneIdentity(): PhoneIdentity {
  return {
    schemaVersion: PHONE_IDENTITY_SCHEMA_VERSION,
    secret: randomBytes(32).toString('base64url'),
    code: String(randomInt(0, 10_000)).padStart(4, '0'),
    address: null,
    port: null,
    on: false,
    devicesByAddress: {},
    remotes: [],
    sharedAddresses: false
  }
}

/** One durable identity file per session, opened on first use and kept open. */
export class PhoneIdentities {
  private readonly files = new Map<string, Promise<DataFile<PhoneIdentity>>>()

  constructor(
    private readonly options: { dataDir: string; onIncident: (incident: StorageIncident) => void; fs?: DurableFs }
  ) {}

  /** The session's identity, made (and saved) the first time it is asked for. */
  async get(sessionId: string): Promise<PhoneIdentity> {
    return (await this.file(sessionId)).data
  }

  /** The session's identity if phones were ever turned on for it, without making one. */
  async find(sessionId: string): Promise<PhoneIdentity | null> {
    if (this.files.has(sessionId)) return this.get(sessionId)
    if (!SESSION_ID_PATTERN.test(sessionId)) return null
    const path = join(this.options.dataDir, 'sessions', `${sessionId}.phones.json`)
    return (await exists(path)) || (await exists(`${path}.bak`)) ? this.get(sessionId) : null
  }

  /** Changes the session's identity; resolves true once it is on disk. */
  async update(sessionId: string, change: (identity: PhoneIdentity) => void): Promise<boolean> {
    return (await this.file(sessionId)).update(change)
  }

  close(): void {
    for (const file of this.files.values()) void file.then((f) => f.close())
  }

  private file(sessionId: string): Promise<DataFile<PhoneIdentity>> {
    if (!SESSION_ID_PATTERN.test(sessionId)) throw new Error(`not a session id: ${sessionId.slice(0, 64)}`)
    let file = this.files.get(sessionId)
    if (!file) {
      file = (async () => {
        const dir = join(this.options.dataDir, 'sessions')
        await fs.mkdir(dir, { recursive: true })
        const data = new DataFile<PhoneIdentity>({
          path: join(dir, `${sessionId}.phones.json`),
          parse,
          defaults: newPhoneIdentity,
          onIncident: this.options.onIncident,
          fs: this.options.fs
        })
        await data.open()
        // A new secret is saved before any phone gets a cookie signed with it.
        if (!(await exists(data.path))) await data.save()
        return data
      })()
      file.catch(() => this.files.delete(sessionId))
      this.files.set(sessionId, file)
    }
    return file
  }
}

async function exists(path: string): Promise<boolean> {
  return fs.access(path).then(
    () => true,
    () => false
  )
}
