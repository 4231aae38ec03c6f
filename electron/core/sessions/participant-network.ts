import type { AnswerInput, AnswerRefusal } from './answers'
import type { Session } from './model'

/**
 * The participants' network, as the core sees it. The HTTP server that implements it lives in
 * electron/server/participants and is injected by each host, so the core stays free of networking.
 */
export interface ParticipantGateway {
  /** The running session phones may answer, or null. */
  current(): Promise<{ sessionId: string; session: Session } | null>
  /** Stores an answer durably; resolves null when saved, else the refusal. */
  answer(sessionId: string, input: AnswerInput): Promise<AnswerRefusal | 'not-saved' | null>
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
  close(): Promise<void>
}

export interface ParticipantNetwork {
  interfaces(): NetworkInterfaceInfo[]
  start(options: { address: string; port: number; gateway: ParticipantGateway }): Promise<RunningParticipantServer>
  qrSvg(text: string): string
}
