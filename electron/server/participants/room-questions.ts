import type { Language } from '../../shared/i18n/language'
import type { Session } from '../../shared/sessions/model'
import {
  MAX_QUESTION_TEXT,
  openQuestions,
  type QuestionInput,
  type QuestionRefusal
} from '../../shared/sessions/questions'
import { message, type ParticipantMessageKey } from './messages'
import { escapeHtml, joinPage, noticeHtml, shell, type Notice } from './pages'
import { languageOf } from './phone-pages'
import { readForm } from './request-guards'
import { wantsJson, type PhoneContext, type PhoneSite } from './site'

/**
 * Anonymous questions from the room on the phone: `/qa` shows a form to ask and the approved questions to
 * upvote, as plain HTML forms that work without JavaScript. Only the device's random key goes with a
 * question; the page never shows who asked or voted, and never a question the trainer has not approved.
 */

type Refusal = QuestionRefusal | 'not-saved' | 'not-joined'
const REFUSALS: Record<Refusal, { status: 400 | 401 | 409 | 429 | 503; key: ParticipantMessageKey }> = {
  closed: { status: 409, key: 'qa.closed' },
  invalid: { status: 400, key: 'qa.invalid' },
  'too-many': { status: 429, key: 'qa.tooMany' },
  'no-question': { status: 409, key: 'qa.noQuestion' },
  'not-saved': { status: 503, key: 'qa.notSaved' },
  'not-joined': { status: 401, key: 'join.first' }
}

const NOTICES: Record<string, Notice> = {
  sent: { tone: 'ok', key: 'qa.sent' },
  voted: { tone: 'ok', key: 'qa.voted' }
}

/** GET /qa: the form and the approved questions. */
export async function showQuestions(
  site: PhoneSite,
  c: PhoneContext,
  notice: Notice | null = NOTICES[c.req.query('done') ?? ''] ?? null,
  status: 200 | 400 | 409 | 429 | 503 = 200
): Promise<Response> {
  const device = c.get('device')
  if (!device) return c.redirect('/', 303)
  const current = await site.gateway.current()
  return c.html(questionsPage(languageOf(c, current), current?.session ?? null, device, notice), status)
}

/** POST /qa (ask) and POST /qa/vote (upvote, or take the vote back): stored durably, then the page again. */
export async function postQuestion(site: PhoneSite, c: PhoneContext, kind: QuestionInput['kind']): Promise<Response> {
  const form = readForm(c)
  if (!form) return c.body(null, 415)
  const device = c.get('device')
  const current = device ? await site.gateway.current() : null
  const language = languageOf(c, current)
  let outcome: Refusal | null
  if (!device) outcome = 'not-joined'
  else if (!current) outcome = 'closed'
  else {
    const input: QuestionInput =
      kind === 'ask'
        ? { kind, deviceKey: device, text: form.get('text') ?? '' }
        : { kind, deviceKey: device, questionId: form.get('id') ?? '' }
    outcome = await site.gateway.question(current.sessionId, input).catch(() => 'not-saved' as const)
  }
  const done = kind === 'ask' ? 'sent' : 'voted'
  if (wantsJson(c)) return jsonReply(c, language, outcome, NOTICES[done]!.key)
  if (outcome === null) return c.redirect(`/qa?done=${done}`, 303)
  if (outcome === 'not-joined') return c.html(joinPage(language, { tone: 'error', key: 'join.first' }), 401)
  const refusal = REFUSALS[outcome]
  return showQuestions(site, c, { tone: 'error', key: refusal.key }, refusal.status as 400 | 409 | 429 | 503)
}

function jsonReply(c: PhoneContext, language: Language, outcome: Refusal | null, ok: ParticipantMessageKey): Response {
  if (outcome === null) return c.json({ ok: true, message: message(language, ok) })
  const refusal = REFUSALS[outcome]
  return c.json({ ok: false, reason: outcome, message: message(language, refusal.key) }, refusal.status)
}

const STYLE =
  '<style>h2{font-size:1.1em;margin-top:24px}ol{padding:0;list-style:none}li{border-top:1px solid #eee;padding:8px 0}li p{margin:0 0 6px}' +
  'li form{display:flex;align-items:center;gap:12px}li button{width:auto;padding:10px 16px}' +
  'li button[aria-pressed=true]{background:#0d3a6e}</style>'

export function questionsPage(
  language: Language,
  session: Session | null,
  device: string,
  notice: Notice | null
): string {
  const t = (key: ParticipantMessageKey, params?: Record<string, string | number>): string =>
    escapeHtml(message(language, key, params))
  const approved = session ? openQuestions(session) : []
  const mine = new Set(session?.questions.filter((q) => q.votes.includes(device)).map((q) => q.id))
  // Only how many of its own questions wait: never their text, never anyone else's.
  const waiting = session?.questions.filter((q) => q.deviceKey === device && q.status === 'new').length ?? 0
  const items = approved
    .map((q) => {
      const voted = mine.has(q.id)
      return (
        `<li><p>${escapeHtml(q.text)}</p><form method="post" action="/qa/vote">` +
        `<input type="hidden" name="id" value="${escapeHtml(q.id)}">` +
        `<button type="submit" aria-pressed="${voted}">${t(voted ? 'qa.unvote' : 'qa.vote')}</button>` +
        `<small>${t('qa.votes', { count: q.votes })}</small></form></li>`
      )
    })
    .join('')
  return shell({
    language,
    languages: session?.snapshot.manifest.languages,
    title: message(language, 'qa.link'),
    body:
      `${STYLE}<h1>${t('qa.link')}</h1>${noticeHtml(language, notice)}<p>${t('qa.intro')}</p>` +
      '<form method="post" action="/qa">' +
      `<label>${t('qa.label')}<textarea name="text" maxlength="${MAX_QUESTION_TEXT}" rows="3" required></textarea></label>` +
      `<small>${t('question.openHint')}</small><p></p><button type="submit">${t('qa.send')}</button></form>` +
      (waiting > 0 ? `<p>${t('qa.waiting', { count: waiting })}</p>` : '') +
      `<h2>${t('qa.approved')}</h2>${items ? `<ol>${items}</ol>` : `<p>${t('qa.none')}</p>`}` +
      `<p><a href="/q">${t('qa.back')}</a></p>`
  })
}
