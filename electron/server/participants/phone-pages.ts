import { openQuestion } from '../../shared/sessions/answers'
import type { PhoneAnswer, Session } from '../../shared/sessions/model'
import type { Language } from '../../shared/i18n/language'
import { cookieLanguage } from './device-identity'
import { questionPage, waitPage, type Notice } from './pages'
import type { PhoneContext, PhoneSite } from './site'
import { ALL_LANGUAGES } from '../../shared/i18n/text-in'

/** A form the server refused, to show again as sent. */
export type SentForm = Pick<PhoneAnswer, 'values' | 'participantNumber'> & { blockId: string }

/** The page's language: the participant's choice when the session's workshop has it, else the session's. */
export function languageOf(c: PhoneContext, current: { session: Session } | null): Language {
  const chosen = cookieLanguage(c)
  if (chosen && languagesOf(current).includes(chosen)) return chosen
  return current?.session.details.language ?? chosen ?? 'vi'
}

/** The languages a phone may switch between: the session's workshop's (both when no session runs). */
export function languagesOf(current: { session: Session } | null): readonly Language[] {
  return current?.session.snapshot.manifest.languages ?? ALL_LANGUAGES
}

/** The question page (or the waiting page) for this device, with an optional notice and status. */
export async function showQuestion(
  site: PhoneSite,
  c: PhoneContext,
  device: string,
  notice: Notice | null,
  status: 200 | 400 | 409 | 503 = 200,
  sent?: SentForm
): Promise<Response> {
  const current = await site.gateway.current()
  const language = languageOf(c, current)
  const state = questionState(current?.session ?? null)
  const block = current ? openQuestion(current.session) : null
  if (!current || !block) return c.html(waitPage(language, state, notice, languagesOf(current)), status)
  // A refused form comes back as it was sent (the participant fixes it, not starts again).
  const previous = sent?.blockId === block.id ? sent : current.session.polls[block.id]?.answers[device]
  return c.html(questionPage({ language, session: current.session, block, previous, state, notice }), status)
}

/**
 * Which question a phone should show, as a tiny JSON text: the current block's id and whether phones
 * can answer it. Pages carry the text they were made with; the script reloads when it changes.
 */
export function questionState(session: Session | null): string {
  const block = session?.snapshot.manifest.blocks[session.position.block]
  let state: { block: string | null; status: 'open' | 'closed' | 'none' } = { block: null, status: 'none' }
  if (session && block && (block.kind === 'poll' || block.kind === 'quiz')) {
    if (openQuestion(session)?.id === block.id) state = { block: block.id, status: 'open' }
    else if (session.polls[block.id]?.mode === 'phones') state = { block: block.id, status: 'closed' }
  }
  return JSON.stringify(state)
}
