import { openQuestion, type AnswerInput, type AnswerRefusal } from '../../shared/sessions/answers'
import { choiceLimit } from '../../shared/sessions/choice-limit'
import type { Language } from '../../shared/i18n/language'
import { message, type ParticipantMessageKey } from './messages'
import { joinPage } from './pages'
import { languageOf, showQuestion } from './phone-pages'
import { readForm } from './request-guards'
import { wantsJson, type PhoneContext, type PhoneSite } from './site'

type Refusal = AnswerRefusal | 'not-saved' | 'not-joined'
const REFUSALS: Record<Refusal, { status: 400 | 401 | 409 | 503; key: ParticipantMessageKey }> = {
  'no-open-question': { status: 409, key: 'answer.closed' },
  closed: { status: 409, key: 'answer.closed' },
  invalid: { status: 400, key: 'answer.invalid' },
  'too-many': { status: 400, key: 'answer.tooMany' },
  'bad-ranking': { status: 400, key: 'answer.badOrder' },
  'not-saved': { status: 503, key: 'answer.notSaved' },
  'not-joined': { status: 401, key: 'join.first' }
}

/** A points ranking's refusal names the points to spread; an order ranking's, the places. */
function refusalOf(outcome: Refusal, params: Params): (typeof REFUSALS)[Refusal] {
  const refusal = REFUSALS[outcome]
  return outcome === 'bad-ranking' && params.points ? { ...refusal, key: 'answer.badPoints' } : refusal
}

/** POST /answer: stores the answer through the gateway, then replies as JSON (the script) or as a page. */
export async function postAnswer(site: PhoneSite, c: PhoneContext): Promise<Response> {
  const form = readForm(c)
  if (!form) return c.body(null, 415)
  const device = c.get('device')
  const current = device ? await site.gateway.current() : null
  const language = languageOf(c, current)
  const input = device ? answerInput(form, device) : null
  let outcome: Refusal | null
  if (!input) outcome = 'not-joined'
  else if (!current) outcome = 'no-open-question'
  else outcome = await site.gateway.answer(current.sessionId, input).catch(() => 'not-saved' as const)
  // The refusal's sentence may name the poll's limit ("up to 3") or its points to spread.
  const block = current ? openQuestion(current.session) : null
  const points = block?.kind === 'poll' && block.ranking?.mode === 'points' ? block.ranking.points : 0
  const params = { max: block ? (choiceLimit(block) ?? 0) : 0, points }
  return wantsJson(c)
    ? jsonReply(c, language, outcome, params)
    : pageReply(site, c, { language, input, outcome, params })
}

/** The form as the core's answer input. */
function answerInput(form: URLSearchParams, device: string): AnswerInput {
  // Repeated fields (checkboxes) become arrays; a Map first, so a field named `__proto__` is just a name.
  const values = new Map<string, string[]>()
  for (const [name, value] of form) {
    if (name !== 'block' && name !== 'pn') values.set(name, [...(values.get(name) ?? []), value])
  }
  return {
    blockId: form.get('block') ?? '',
    deviceKey: device,
    values: Object.fromEntries(values),
    ...(form.get('pn') ? { participantNumber: form.get('pn')! } : {})
  }
}

type Params = Record<string, number>

function jsonReply(c: PhoneContext, language: Language, outcome: Refusal | null, params: Params): Response {
  if (outcome === null) return c.json({ ok: true, message: message(language, 'answer.saved') })
  const refusal = refusalOf(outcome, params)
  return c.json({ ok: false, reason: outcome, message: message(language, refusal.key, params) }, refusal.status)
}

interface Outcome {
  language: Language
  input: AnswerInput | null
  outcome: Refusal | null
  params: Params
}

async function pageReply(
  site: PhoneSite,
  c: PhoneContext,
  { language, input, outcome, params }: Outcome
): Promise<Response> {
  if (outcome === null) return c.redirect('/q?saved=1', 303)
  if (outcome === 'not-joined' || !input) return c.html(joinPage(language, { tone: 'error', key: 'join.first' }), 401)
  const refusal = refusalOf(outcome, params)
  const notice = { tone: 'error' as const, key: refusal.key, params }
  return showQuestion(site, c, input.deviceKey, notice, refusal.status as 400 | 409 | 503, input)
}
