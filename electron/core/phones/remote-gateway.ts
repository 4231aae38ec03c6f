import { z } from 'zod'
import type { Language } from '../../shared/i18n/language'
import type { RemoteState } from './remote-state'

/**
 * What the trainer's phone remote may send: a short allow-list, never the whole session command set. The
 * core turns each into the presenter's own session command (remote-control.ts); a poll is always the
 * current block's, so the phone never names one.
 */
export const RemoteCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('next') }),
  z.strictObject({ type: z.literal('previous') }),
  z.strictObject({ type: z.literal('blank'), mode: z.enum(['black', 'white']).nullable() }),
  z.strictObject({ type: z.literal('timer'), action: z.enum(['start', 'stop']) }),
  z.strictObject({ type: z.literal('poll'), action: z.enum(['open', 'close']) })
])
export type RemoteCommand = z.infer<typeof RemoteCommandSchema>

/** A remote's credential as the pairing hands it out once: its id, and the secret only its cookie keeps. */
export interface RemoteCredential {
  id: string
  secret: string
}

/**
 * The trainer's phone remote, as the participant server sees it (one per running server, for its session).
 * Implemented by RemoteControl in the core; the server only carries it.
 */
export interface RemoteGateway {
  /** Redeems a pairing token (from the QR code) or typed code once; null when unknown, used or expired. */
  redeem(given: { token: string } | { code: string }): Promise<RemoteCredential | null>
  /** Whether this remote is still paired (not unpaired, session not finished). */
  authorise(id: string, secret: string): Promise<boolean>
  /** What the remote shows now; null when there is no session. */
  state(language: Language | null): Promise<RemoteState | null>
  /** Runs the command through the presenter's own session command path; false when the core refused it. */
  command(command: RemoteCommand): Promise<boolean>
}
