import { stripCitations } from '../../shared/workshops/citations'
import { escapeHtml } from '../../shared/security/escape-html'
export { escapeHtml }
import { quizQuestions } from '../../shared/sessions/commands'
import { MAX_OPEN_TEXT } from '../../shared/sessions/answers'
import { choiceLimit } from '../../shared/sessions/choice-limit'
import type { PhoneAnswer, Session } from '../../shared/sessions/model'
import type { Language } from '../../shared/i18n/language'
import type { Bilingual } from '../../shared/i18n/language'
import type { Block } from '../../shared/workshops/schema'
import { message, type ParticipantMessageKey } from './messages'
import { wordsRankingFields } from './words-ranking-fields'
import { ALL_LANGUAGES, textIn } from '../../shared/i18n/text-in'

/**
 * The participants' phone pages: plain HTML forms that work with JavaScript turned off, on old phone
 * browsers, at 360 px wide. Every text placed in the HTML goes through `escapeHtml` — workshop text as
 * much as anything a participant typed.
 */

/** A line above the form: an answer saved (ok) or refused (error). */
export interface Notice {
  tone: 'ok' | 'error'
  key: ParticipantMessageKey
  params?: Record<string, string | number>
}

// System fonts only; big tap targets (each choice is a whole-width label).
const STYLE =
  'body{margin:0;font:18px/1.4 system-ui,-apple-system,Roboto,"Segoe UI",Arial,sans-serif;color:#111;background:#fff}' +
  'main{max-width:36em;margin:0 auto;padding:12px}h1{font-size:1.3em}' +
  // A floated legend sits inside the box: a question of several lines no longer has the border running through it.
  'fieldset{border:1px solid #bbb;border-radius:8px;margin:0 0 16px;padding:4px 10px 10px}legend{font-weight:bold;float:left;width:100%;padding:8px 0 4px}legend+*{clear:both}' +
  // Long choices wrap beside their box, not under it; links are tall enough to tap (44 px).
  'label{display:block}.o{padding:12px 4px 12px 38px;text-indent:-34px;border-top:1px solid #eee}a{display:inline-block;padding:10px 0}' +
  '.o input{width:24px;height:24px;margin:0 10px 0 0;vertical-align:middle}.o input:disabled{opacity:.4}' +
  'textarea,.t{box-sizing:border-box;width:100%;font:inherit;padding:8px;margin:6px 0}' +
  'button{font:inherit;width:100%;padding:14px;border:0;border-radius:8px;background:#1c5da8;color:#fff}' +
  '.k{border-top:1px solid #eee;padding-top:8px}' +
  'small{display:block;color:#555}.n{padding:10px;border-radius:8px;background:#e3f3e6}.e{background:#fbe3e3}.l{text-align:right;margin:0}'

interface Shell {
  language: Language
  title: string
  body: string
  /** The question state the page shows (see `/v`); pages with one load the progressive script. */
  state?: string
  /** The session's workshop languages: the switch offers only these (a Vietnamese-only session has none). */
  languages?: readonly Language[]
}

export function shell({ language, title, body, state, languages = ALL_LANGUAGES }: Shell): string {
  const other: Language = language === 'vi' ? 'en' : 'vi'
  const languageSwitch = languages.includes(other)
    ? `<p class="l"><a href="/l/${other}" lang="${other}">${escapeHtml(message(language, 'lang.other'))}</a></p>`
    : ''
  return (
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>` +
    `<body${state === undefined ? '' : ` data-v="${escapeHtml(state)}"`}><main>` +
    languageSwitch +
    body +
    `</main>${state === undefined ? '' : '<script src="/p.js"></script>'}</body></html>`
  )
}

export function noticeHtml(language: Language, notice: Notice | null | undefined): string {
  if (!notice) return ''
  return `<p class="n${notice.tone === 'error' ? ' e' : ''}" role="status">${escapeHtml(message(language, notice.key, notice.params))}</p>`
}

export function joinPage(language: Language, notice?: Notice | null, languages?: readonly Language[]): string {
  const t = (key: ParticipantMessageKey): string => escapeHtml(message(language, key))
  return shell({
    language,
    languages,
    title: message(language, 'app.name'),
    body:
      `<h1>${t('join.heading')}</h1>${noticeHtml(language, notice)}<p>${t('join.intro')}</p>` +
      '<form method="post" action="/join">' +
      `<label>${t('join.code')}<input class="t" name="code" inputmode="numeric" pattern="[0-9]{4}" maxlength="4" autocomplete="off" required autofocus></label>` +
      `<button type="submit">${t('join.submit')}</button></form>`
  })
}

export function waitPage(
  language: Language,
  state: string,
  notice?: Notice | null,
  languages?: readonly Language[]
): string {
  const t = (key: ParticipantMessageKey): string => escapeHtml(message(language, key))
  return shell({
    language,
    languages,
    title: message(language, 'app.name'),
    state,
    body: `<h1>${t('wait.heading')}</h1>${noticeHtml(language, notice)}<p>${t('wait.text')}</p><p><a href="/q">${t('wait.reload')}</a></p>${qaLink(language)}`
  })
}

export interface QuestionPageInput {
  language: Language
  session: Session
  block: Block
  /** This device's current answer (or the form as sent, when it was refused), pre-filled so it can be changed. */
  previous: Pick<PhoneAnswer, 'values' | 'participantNumber'> | undefined
  state: string
  notice?: Notice | null
}

export function questionPage({ language, session, block, previous, state, notice }: QuestionPageInput): string {
  const t = (key: ParticipantMessageKey, params?: Record<string, string | number>): string =>
    escapeHtml(message(language, key, params))
  // Without the trainer's source markers ([@source#2], [@verify-locally]), as on the projector.
  const languages = session.snapshot.manifest.languages
  const pick = (text: Bilingual): string => escapeHtml(stripCitations(textIn(text, language, languages)))
  const chosen = (name: string): string[] => previous?.values[name] ?? []

  // One choice as a whole-width label (the label makes the row the tap target); `label` is already escaped.
  const choice = (type: 'radio' | 'checkbox', name: string, value: string, label: string): string =>
    `<label class="o"><input type="${type}" name="${escapeHtml(name)}" value="${escapeHtml(value)}"` +
    `${chosen(name).includes(value) ? ' checked' : ''}${type === 'radio' ? ' required' : ''}>${label}</label>`

  let fields = ''
  if (block.kind === 'poll') {
    const legend = `<legend>${pick(block.question)}</legend>`
    if (block.type === 'words' || block.type === 'ranking') {
      fields = wordsRankingFields(block, language, previous, languages)
    } else if (block.type === 'open') {
      fields =
        `<fieldset>${legend}<textarea name="${escapeHtml(block.id)}" maxlength="${MAX_OPEN_TEXT}" rows="4" required>` +
        `${escapeHtml(chosen(block.id)[0] ?? '')}</textarea><small>${t('question.openHint')}</small></fieldset>`
    } else if (block.type === 'rating' && block.scale) {
      const { min, max, minLabel, maxLabel } = block.scale
      let rows = ''
      for (let n = min; n <= max; n++) {
        const label = n === min ? `${n} – ${pick(minLabel)}` : n === max ? `${n} – ${pick(maxLabel)}` : String(n)
        rows += choice('radio', block.id, String(n), label)
      }
      fields = `<fieldset>${legend}<small>${t('question.chooseOne')}</small>${rows}</fieldset>`
    } else {
      const type = block.type === 'multiple' ? 'checkbox' : 'radio'
      const rows = (block.options ?? []).map((o) => choice(type, block.id, o.id, pick(o.text))).join('')
      const max = choiceLimit(block)
      // With a limit, the script greys out further boxes; without it, the server refuses and says why.
      const hint =
        max !== null
          ? t('question.chooseUpTo', { max })
          : t(type === 'checkbox' ? 'question.chooseMany' : 'question.chooseOne')
      fields = `<fieldset>${legend}<small>${hint}</small>${rows}</fieldset>`
    }
  } else if (block.kind === 'quiz') {
    fields = quizQuestions(block, session)
      .map((q, i) => {
        const type = q.multiple ? 'checkbox' : 'radio'
        const rows = q.options.map((o) => choice(type, q.id, o.id, pick(o.text))).join('')
        return (
          `<fieldset><legend>${t('question.number', { n: i + 1 })}. ${pick(q.text)}</legend>` +
          `<small>${t(q.multiple ? 'question.chooseMany' : 'question.chooseOne')}</small>${rows}</fieldset>`
        )
      })
      .join('')
    // Quizzes may be matched before/after by the number on the sign-in sheet; never by name.
    fields +=
      `<label>${t('question.participantNumber')}<input class="t" type="text" name="pn" maxlength="12" ` +
      `pattern="[A-Za-z0-9\\-]{1,12}" autocomplete="off" value="${escapeHtml(previous?.participantNumber ?? '')}"></label>` +
      `<small>${t('question.participantNumberHint')}</small><p></p>`
  }

  const max = choiceLimit(block)
  const limit = max !== null ? ` data-max="${max}"` : ''
  return shell({
    language,
    languages,
    title: textIn(block.title, language, languages),
    state,
    body:
      `<h1>${pick(block.title)}</h1>${noticeHtml(language, notice)}` +
      `<form id="f" method="post" action="/answer" data-sending="${t('question.sending')}" data-offline="${t('answer.offline')}"${limit}>` +
      `<input type="hidden" name="block" value="${escapeHtml(block.id)}">${fields}` +
      `<button type="submit">${t('question.send')}</button><p id="s" role="status"></p></form>${qaLink(language)}`
  })
}

/** Questions from the room can be asked at any time, from every page of a joined phone. */
function qaLink(language: Language): string {
  return `<p><a href="/qa">${escapeHtml(message(language, 'qa.link'))}</a></p>`
}

/** A short page for refusals that have no question to show (not found, too many requests, errors). */
export function messagePage(language: Language, key: ParticipantMessageKey, back: string): string {
  const text = message(language, key)
  return shell({
    language,
    title: message(language, 'app.name'),
    body: `<p class="n e">${escapeHtml(text)}</p><p><a href="${escapeHtml(back)}">${escapeHtml(message(language, 'error.back'))}</a></p>`
  })
}
