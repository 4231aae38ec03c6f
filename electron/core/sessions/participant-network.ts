import type { AnswerInput, AnswerRefusal } from '../../shared/sessions/answers'
import type { Session } from '../../shared/sessions/model'
import type { RemoteGateway } from '../phones/remote-gateway'
import type { QuestionInput, QuestionRefusal } from '../../shared/sessions/questions'

/**
 * The participants' network, as the core sees it. The HTTP server that implements it lives in
 * electron/server/participants and is injected by each host, so the core stays free of networking.
 */
export interface ParticipantGateway {
  /** The running session phones may answer, or null. */
  current(): Promise<{ sessionId: string; session: Session } | null>
  /** Stores an answer durably; resolves null when saved, else the refusal. */
  answer(sessionId: string, input: AnswerInput): Promise<AnswerRefusal | 'not-saved' | null>
  /** Stores a question from the room, or a vote for one, durably; resolves null when saved, else the refusal. */
  question(sessionId: string, input: QuestionInput): Promise<QuestionRefusal | 'not-saved' | null>
}

export interface NetworkInterfaceInfo {
  name: string
  address: string
  internal: boolean
}

export interface RunningParticipantServer {
  url: string
  joinUrl: string
  code: string
  address: string
  port: number
  /** Turns "every address is like this computer's own" on or off at once (see `sharedAddresses`). */
  setSharedAddresses(on: boolean): void
  close(): Promise<void>
}

/** Addresses that look like many phones behind one router, and how many times they re-joined in all. */
export interface SharedAddressSuspicion {
  addresses: number
  rejoins: number
}

/** How to start the participant server for one session: where, and the session's phone identity. */
export interface ParticipantServerStart {
  /** One IPv4 address of this computer (see `interfaces`); never 0.0.0.0. */
  address: string
  /** 0 picks a free port. */
  port: number
  gateway: ParticipantGateway
  /** Signs device cookies (the session's secret: phones stay joined across restarts). */
  secret?: Buffer
  /** The session's join code (4 digits); a new one when not given. */
  code?: string
  /** Phone address → the device key it was given earlier in this session. */
  devicesByAddress?: Readonly<Record<string, string>>
  /** Keeps a phone address's new device key with the session; the join waits for it. */
  rememberDevice?: (address: string, deviceId: string) => Promise<unknown>
  /**
   * Phones of this session share addresses (a hall behind one router): every address is treated like this
   * computer's own, each join without a device cookie is a new participant and the cookie is the identity.
   */
  sharedAddresses?: boolean
  /** Told when addresses re-join as if many phones shared them (server/participants/shared-address.ts). */
  onSharedAddress?: (suspicion: SharedAddressSuspicion) => void
  /** The trainer's phone remote for this session (served under `/r`); none: `/r` pairs nothing. */
  remote?: RemoteGateway
}

export interface ParticipantNetwork {
  interfaces(): NetworkInterfaceInfo[]
  start(options: ParticipantServerStart): Promise<RunningParticipantServer>
  qrSvg(text: string): string
}
