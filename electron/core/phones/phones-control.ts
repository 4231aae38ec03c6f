import type { ApiEvent, ParticipantsStatus } from '../api/contract'
import { ApiError } from '../api/dispatch'
import { userMessage } from '../../shared/i18n/user-message'
import type {
  ParticipantGateway,
  ParticipantNetwork,
  RunningParticipantServer,
  SharedAddressSuspicion
} from '../sessions/participant-network'
import type { SessionService } from '../sessions/session-service'
import type { PhoneIdentities, PhoneIdentity } from './phone-identity'
import type { RemoteGateway } from './remote-gateway'

type PhonesNotice = ParticipantsStatus['notice']

/** A hall re-joining through one router tells the windows at most this often (the latest totals each time). */
const SUSPICION_EVENT_MS = 1_000

/** The address phones open, as the participant server prints it. */
const urlOf = (address: string, port: number): string => `http://${address}${port === 80 ? '' : `:${port}`}/`

/**
 * Phones on the local network: at most one participant server, answering the active session with
 * that session's identity (secret, join code, port; see phone-identity.ts). Starting, stopping and
 * following the active session run one at a time.
 */
export class PhonesControl {
  private running: { server: RunningParticipantServer; sessionId: string | null } | null = null
  private notice: PhonesNotice = null
  private queue: Promise<unknown> = Promise.resolve()
  /** Addresses of the running server that look like many phones behind one router (shared-address.ts). */
  private suspicion: SharedAddressSuspicion | null = null
  private suspicionEvent: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly options: {
      network: ParticipantNetwork | undefined
      sessions: SessionService
      identities: PhoneIdentities
      /** The trainer's phone remote the server carries for a session (remote-control.ts). */
      remote?: (sessionId: string) => RemoteGateway
      emit: (event: ApiEvent) => void
    }
  ) {}

  async status(): Promise<ParticipantsStatus> {
    const server = this.running?.server ?? null
    const sessionId = this.running ? this.running.sessionId : this.options.sessions.activeSessionId()
    const identity = sessionId ? await this.options.identities.find(sessionId) : null
    return {
      running: server !== null,
      address: server?.address ?? null,
      url: server?.url ?? null,
      code: server?.code ?? null,
      qr: this.options.sessions.join?.qr ?? null,
      sessionId,
      lastAddress: identity?.address ?? null,
      notice: this.notice,
      sharedAddresses: identity?.sharedAddresses ?? false,
      sharedAddressSuspected: this.running && !identity?.sharedAddresses ? this.suspicion : null
    }
  }

  /**
   * The trainer says whether this session's phones share addresses (a hall behind one router). Running phones
   * follow at once, without a restart: joined phones keep their cookies, only later joins are treated anew.
   */
  setSharedAddresses(sessionId: string, on: boolean): Promise<ParticipantsStatus> {
    return this.serial(async () => {
      await this.options.sessions.get(sessionId) // refuses an unknown session
      await this.options.identities.update(sessionId, (identity) => void (identity.sharedAddresses = on))
      if (this.running?.sessionId === sessionId) this.running.server.setSharedAddresses(on)
      return this.changed()
    })
  }

  /** The trainer turns phones on for the active session, on this address (its previous port first). */
  start(address: string, port: number): Promise<ParticipantsStatus> {
    return this.serial(async () => {
      await this.startFor(this.options.sessions.activeSessionId(), address, port)
      return this.changed()
    })
  }

  /** The trainer turns phones off: they stay off after a restart too. */
  stop(): Promise<ParticipantsStatus> {
    return this.serial(async () => {
      const sessionId = this.running?.sessionId
      if (sessionId) await this.options.identities.update(sessionId, (identity) => void (identity.on = false))
      await this.shutdown()
      this.notice = null
      return this.changed()
    })
  }

  /**
   * The presenter opened a session: it becomes the one phones answer. If phones were on for it when
   * the app stopped (a crash, a restart), they come back on by themselves, at the same address and
   * port when it still exists; otherwise the trainer is told that phones are off.
   */
  resume(sessionId: string): Promise<ParticipantsStatus> {
    return this.serial(async () => {
      const session = await this.options.sessions.get(sessionId) // refuses an unknown session
      this.options.sessions.use(sessionId)
      // A finished session is only looked at: phones stay with the session they answer.
      if (session.status === 'finished') return this.status()
      if (this.running) {
        if (this.running.sessionId !== sessionId) await this.restartFor(sessionId, this.running.server.address)
      } else {
        const identity = await this.options.identities.find(sessionId)
        if (identity?.on && identity.address) await this.restartFor(sessionId, identity.address)
      }
      return this.changed()
    })
  }

  /** After a session starts or changes: if phones answer another session than the active one, switch. */
  async followActiveSession(): Promise<void> {
    const active = this.options.sessions.activeSessionId()
    if (!this.running || !active || this.running.sessionId === active) return
    await this.serial(async () => {
      if (!this.running || this.running.sessionId === active) return
      await this.restartFor(active, this.running.server.address)
      await this.changed()
    })
  }

  /** The app closes: the server stops, but phones that were on come back with the session. */
  close(): Promise<void> {
    return this.serial(() => this.shutdown())
  }

  /** Starts phones for a session on its own, saying so plainly when that is not possible. */
  private async restartFor(sessionId: string, address: string): Promise<void> {
    try {
      await this.startFor(sessionId, address, 0)
    } catch {
      await this.shutdown()
      this.notice = { kind: 'not-restarted', address }
    }
  }

  private async startFor(sessionId: string | null, address: string, port: number): Promise<void> {
    const { network, identities, sessions } = this.options
    if (!network) throw new ApiError('failed', userMessage('error.phones-unavailable'))
    if (!network.interfaces().some((i) => i.address === address)) {
      throw new ApiError('failed', userMessage('error.address-not-local', { address }))
    }
    await this.shutdown()
    const identity = sessionId ? await identities.get(sessionId) : null
    const launch = (tryPort: number): Promise<RunningParticipantServer> =>
      network.start({
        address,
        port: tryPort,
        gateway: this.gateway(sessionId),
        ...this.identityOptions(sessionId, identity)
      })
    // The session's previous port first, so phones on the old page reach the app again; if another
    // program took it meanwhile, any free one (and the room is told the address changed).
    const preferred = identity?.port ?? port
    const server = await launch(preferred).catch((error: unknown) => {
      if (preferred === port) throw error
      return launch(port)
    })
    const previous = identity?.address && identity.port ? urlOf(identity.address, identity.port) : null
    this.notice = previous && previous !== server.url ? { kind: 'moved', from: previous, to: server.url } : null
    if (sessionId) {
      await identities.update(sessionId, (saved) => {
        saved.address = address
        saved.port = server.port
        saved.on = true
      })
    }
    this.running = { server, sessionId }
    const qr = `data:image/svg+xml;base64,${Buffer.from(network.qrSvg(server.joinUrl)).toString('base64')}`
    sessions.join = { url: server.url, code: server.code, qr, movedFrom: this.notice?.from ?? null }
  }

  private identityOptions(
    sessionId: string | null,
    identity: PhoneIdentity | null
  ): Partial<Parameters<ParticipantNetwork['start']>[0]> {
    if (!sessionId || !identity) return {}
    return {
      secret: Buffer.from(identity.secret, 'base64url'),
      code: identity.code,
      devicesByAddress: identity.devicesByAddress,
      remote: this.options.remote?.(sessionId),
      sharedAddresses: identity.sharedAddresses,
      onSharedAddress: (suspicion) => this.suspected(sessionId, suspicion),
      rememberDevice: (address, deviceId) =>
        this.options.identities.update(sessionId, (saved) => void (saved.devicesByAddress[address] = deviceId))
    }
  }

  /** What the server may do: read and answer its own session, nothing else. */
  private gateway(sessionId: string | null): ParticipantGateway {
    const { sessions } = this.options
    return {
      current: async () => (sessionId ? { sessionId, session: await sessions.get(sessionId) } : null),
      answer: (id, input) => sessions.answer(id, input),
      question: (id, input) => sessions.question(id, input)
    }
  }

  /** The running server saw addresses re-join like a router: the windows hear it now, then at most once a second. */
  private suspected(sessionId: string, suspicion: SharedAddressSuspicion): void {
    if (this.running?.sessionId !== sessionId) return
    const first = this.suspicion === null
    this.suspicion = suspicion
    if (this.suspicionEvent) return
    this.suspicionEvent = setTimeout(
      () => {
        this.suspicionEvent = null
        void this.status().then((status) => this.options.emit({ type: 'participants', status }))
      },
      first ? 0 : SUSPICION_EVENT_MS
    )
    this.suspicionEvent.unref?.()
  }

  private async shutdown(): Promise<void> {
    const running = this.running
    this.running = null
    this.suspicion = null
    if (this.suspicionEvent) clearTimeout(this.suspicionEvent)
    this.suspicionEvent = null
    this.options.sessions.join = null
    await running?.server.close()
  }

  private async changed(): Promise<ParticipantsStatus> {
    const status = await this.status()
    this.options.emit({ type: 'participants', status })
    const active = this.options.sessions.activeSessionId()
    if (active) this.options.sessions.republish(active)
    return status
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work)
    this.queue = next.catch(() => undefined)
    return next
  }
}
