import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import type { ApiEvent, ApiReply, ParticipantsStatus, RemotePairing, RemoteStatus } from '../api/contract'
import { ApiError } from '../api/dispatch'
import { userMessage } from '../../shared/i18n/user-message'
import type { SessionCommand } from '../../shared/sessions/commands'
import type { SessionService } from '../sessions/session-service'
import type { PhoneIdentities } from './phone-identity'
import type { RemoteCommand, RemoteCredential, RemoteGateway } from './remote-gateway'
import { remoteState } from './remote-state'

/** A pairing code lasts two minutes, and is used once. */
export const PAIRING_TTL_MS = 120_000
/** Paired remotes one session keeps at most (the trainer adds them one by one). */
export const MAX_REMOTES = 5

interface Pending {
  token: string
  code: string
  expiresAt: number
  /** "Add another": the new remote joins those paired; otherwise it replaces them. */
  another: boolean
}

const hashOf = (secret: string): string => createHash('sha256').update(secret).digest('hex')

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * The trainer's phone as a remote. The presenter asks for a one-time pairing code (a token in a QR code
 * and a 6-digit code to type, valid two minutes, used once); the phone redeems it on the participant
 * server and gets its own credential, of which only a hash is kept with the session's phone identity
 * (so a paired remote survives a restart of the app). Unpairing, or the end of the session, revokes it.
 * Its commands go through the same `session.command` path as the presenter's.
 */
export class RemoteControl {
  private readonly pending = new Map<string, Pending>()

  constructor(
    private readonly options: {
      sessions: SessionService
      identities: PhoneIdentities
      phones: () => Promise<ParticipantsStatus>
      qrSvg: ((text: string) => string) | undefined
      /** The presenter's own command path (dispatch of `session.command`: validated, then the handler). */
      command: (id: string, command: SessionCommand) => Promise<ApiReply>
      emit: (event: ApiEvent) => void
      now?: () => number
    }
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now()
  }

  async status(sessionId: string): Promise<RemoteStatus> {
    const phones = await this.options.phones()
    const identity = await this.options.identities.find(sessionId)
    const finished = (await this.options.sessions.get(sessionId)).status === 'finished'
    // The session ended: its remotes end with it (a remote's next request would find out too).
    if (finished && identity?.remotes.length) {
      await this.options.identities.update(sessionId, (saved) => void (saved.remotes = []))
    }
    return {
      sessionId,
      phonesOn: phones.running && phones.sessionId === sessionId,
      paired: finished ? 0 : (identity?.remotes.length ?? 0)
    }
  }

  /** A new pairing code for the session (the previous one, if any, stops working). Phones must be on for it. */
  async pair(sessionId: string, another: boolean): Promise<RemotePairing> {
    const session = await this.options.sessions.get(sessionId)
    if (session.status === 'finished') throw new ApiError('failed', userMessage('error.remote-finished'))
    const phones = await this.options.phones()
    if (!phones.running || phones.sessionId !== sessionId || !phones.url) {
      throw new ApiError('failed', userMessage('error.remote-phones-off'))
    }
    const pending: Pending = {
      token: randomBytes(16).toString('base64url'),
      code: String(randomInt(0, 1_000_000)).padStart(6, '0'),
      expiresAt: this.now() + PAIRING_TTL_MS,
      another
    }
    this.pending.set(sessionId, pending)
    const url = `${phones.url}r/pair/${pending.token}`
    const svg = this.options.qrSvg?.(url)
    return {
      url,
      code: pending.code,
      address: `${phones.url}r`,
      qr: svg ? `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` : null,
      expiresAt: new Date(pending.expiresAt).toISOString()
    }
  }

  /** Revokes every remote of the session at once, and any code not yet used. */
  async unpair(sessionId: string): Promise<RemoteStatus> {
    this.pending.delete(sessionId)
    await this.options.identities.update(sessionId, (identity) => void (identity.remotes = []))
    return this.changed(sessionId)
  }

  /** What the participant server of `sessionId` may do with remotes. */
  gateway(sessionId: string): RemoteGateway {
    return {
      redeem: (given) => this.redeem(sessionId, given),
      authorise: (id, secret) => this.authorise(sessionId, id, secret),
      state: async (language) => remoteState(await this.options.sessions.get(sessionId), language, this.now()),
      command: (command) => this.command(sessionId, command)
    }
  }

  private async redeem(
    sessionId: string,
    given: { token: string } | { code: string }
  ): Promise<RemoteCredential | null> {
    const pending = this.pending.get(sessionId)
    if (!pending) return null
    const matches = 'token' in given ? sameText(given.token, pending.token) : sameText(given.code, pending.code)
    if (!matches) return null
    this.pending.delete(sessionId) // used once, whatever happens next
    if (this.now() > pending.expiresAt) return null
    if ((await this.options.sessions.get(sessionId)).status === 'finished') return null
    const credential = { id: randomBytes(16).toString('base64url'), secret: randomBytes(32).toString('base64url') }
    const saved = await this.options.identities.update(sessionId, (identity) => {
      const kept = pending.another ? identity.remotes.slice(-(MAX_REMOTES - 1)) : []
      identity.remotes = [
        ...kept,
        { id: credential.id, hash: hashOf(credential.secret), pairedAt: new Date(this.now()).toISOString() }
      ]
    })
    await this.changed(sessionId)
    return saved ? credential : null
  }

  private async authorise(sessionId: string, id: string, secret: string): Promise<boolean> {
    const identity = await this.options.identities.find(sessionId)
    const remote = identity?.remotes.find((r) => r.id === id)
    if (!remote || !sameText(remote.hash, hashOf(secret))) return false
    if ((await this.options.sessions.get(sessionId)).status !== 'finished') return true
    // The session ended: its remotes end with it.
    await this.options.identities.update(sessionId, (saved) => void (saved.remotes = []))
    return false
  }

  private async command(sessionId: string, command: RemoteCommand): Promise<boolean> {
    const session = await this.options.sessions.get(sessionId)
    const block = session.snapshot.manifest.blocks[session.position.block]
    let sessionCommand: SessionCommand
    if (command.type === 'poll') {
      if (!block || (block.kind !== 'poll' && block.kind !== 'quiz')) return false
      const run = session.polls[block.id]
      sessionCommand =
        command.action === 'close'
          ? { type: 'pollClose', blockId: block.id }
          : // The participant server is on (the remote reaches the app through it): phones, unless it ran by hand.
            { type: 'pollOpen', blockId: block.id, mode: run?.mode ?? 'phones' }
    } else {
      sessionCommand = command
    }
    const reply = await this.options.command(sessionId, sessionCommand)
    return reply.ok
  }

  private async changed(sessionId: string): Promise<RemoteStatus> {
    const status = await this.status(sessionId)
    this.options.emit({ type: 'remote', status })
    return status
  }
}
