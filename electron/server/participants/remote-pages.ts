import type { Language } from '../../shared/i18n/language'
import type { RemoteState } from '../../core/phones/remote-state'
import { escapeHtml } from '../../shared/security/escape-html'
import { remoteText, type RemoteMessageKey } from './remote-messages'

/**
 * The trainer's phone remote: the pairing form and the remote panel, phone-sized (360 px), usable without
 * JavaScript. Every text goes through `escapeHtml`, except the slide's speaker notes, which are the
 * workshop snapshot's HTML, sanitised when the package was loaded (as the presenter shows them).
 */

const STYLE =
  'body{margin:0;font:17px/1.4 system-ui,-apple-system,Roboto,"Segoe UI",Arial,sans-serif;color:#111;background:#fff}' +
  'main{max-width:36em;margin:0 auto;padding:10px}h1{font-size:1.15em;margin:.2em 0}h2{font-size:.8em;text-transform:uppercase;color:#555;margin:.6em 0 .1em}' +
  '.l{text-align:right;margin:0}a{display:inline-block;padding:8px 0}.t{font-size:1.3em;font-weight:bold;margin:0}.w{color:#555;margin:0}' +
  '.g{display:grid;grid-template-columns:1fr 1fr;gap:8px;margin:10px 0}.g .x{grid-column:span 2}' +
  'button{font:inherit;padding:14px 6px;border:0;border-radius:8px;background:#e8eef7;color:#111;min-height:52px}' +
  'button.p{background:#1c5da8;color:#fff;font-weight:bold}input{box-sizing:border-box;width:100%;font:inherit;font-size:1.4em;padding:8px;letter-spacing:.2em}' +
  '.n{padding:8px 10px;border-radius:8px;background:#fff3cd}.e{background:#fbe3e3}.k{font-variant-numeric:tabular-nums;font-size:1.6em;font-weight:bold}' +
  '.notes{border-top:1px solid #ddd;margin-top:8px}.m{min-height:1.4em;color:#a00;margin:0}'

function shell(language: Language, body: string, script: boolean): string {
  const other: Language = language === 'vi' ? 'en' : 'vi'
  return (
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">' +
    `<title>${escapeHtml(remoteText(language, 'app.name'))}</title><style>${STYLE}</style></head><body><main>` +
    `<p class="l"><a href="/r/l/${other}" lang="${other}">${escapeHtml(remoteText(language, 'lang.other'))}</a></p>` +
    body +
    `</main>${script ? '<script src="/r/r.js"></script>' : ''}</body></html>`
  )
}

/** The form to type a pairing code, with a refusal above it when there is one. */
export function pairPage(language: Language, notice: RemoteMessageKey | null): string {
  const t = (key: RemoteMessageKey): string => escapeHtml(remoteText(language, key))
  return shell(
    language,
    `<h1>${t('pair.heading')}</h1>` +
      (notice ? `<p class="n e" role="alert">${t(notice)}</p>` : '') +
      `<p>${t('pair.intro')}</p>` +
      '<form method="post" action="/r/pair">' +
      `<label>${t('pair.code')}<input name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required></label>` +
      `<p><button class="p" type="submit" style="width:100%">${t('pair.submit')}</button></p></form>`,
    false
  )
}

/** The whole remote page: the panel, a line for refusals, and the script that keeps the panel current. */
export function remotePage(state: RemoteState, token: string): string {
  const t = (key: RemoteMessageKey): string => escapeHtml(remoteText(state.language, key))
  return shell(
    state.language,
    `<div id="s">${remotePanel(state, token)}</div><p id="m" class="m" role="status"></p>` +
      `<noscript><p><a href="/r">${t('refresh')}</a></p></noscript>`,
    true
  )
}

const clock = (ms: number): string => {
  const seconds = Math.round(Math.abs(ms) / 1000)
  return `${ms < 0 ? '−' : ''}${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}

/** A button of the command form: its value is the command, as JSON. */
const button = (command: object, label: string, className = ''): string =>
  `<button type="submit" name="c" value="${escapeHtml(JSON.stringify(command))}"${className ? ` class="${className}"` : ''}>${escapeHtml(label)}</button>`

/** The part of the page the script refreshes: where the session is, the buttons, the notes. */
export function remotePanel(state: RemoteState, token: string): string {
  const lang = state.language
  const t = (key: RemoteMessageKey): string => remoteText(lang, key)
  const slide = (s: { n: number; of: number } | null): string =>
    s ? ` <span class="w">· ${escapeHtml(remoteText(lang, 'slide', s))}</span>` : ''
  const notices =
    (state.blank ? `<p class="n">${escapeHtml(t('blanked'))}</p>` : '') +
    (state.status === 'paused' ? `<p class="n">${escapeHtml(t('paused'))}</p>` : '')
  const buttons = [
    button({ type: 'previous' }, t('previous')),
    button({ type: 'next' }, t('nextButton'), 'p'),
    button({ type: 'blank', mode: state.blank ? null : 'black' }, t(state.blank ? 'unblank' : 'blank'), 'x'),
    state.timer
      ? button(
          { type: 'timer', action: state.timer.running ? 'stop' : 'start' },
          t(state.timer.running ? 'timerStop' : 'timerStart')
        )
      : '',
    state.poll
      ? button(
          { type: 'poll', action: state.poll === 'open' ? 'close' : 'open' },
          t(state.poll === 'open' ? 'pollClose' : 'pollOpen')
        )
      : ''
  ].join('')
  const notes =
    (state.blockNotes ? `<p>${escapeHtml(state.blockNotes)}</p>` : '') +
    state.notesHtml + // sanitised when the workshop was loaded
    (!state.blockNotes && !state.notesHtml ? `<p class="w">${escapeHtml(t('noNotes'))}</p>` : '')
  return (
    `<p class="w">${escapeHtml(state.workshop)}</p>${notices}` +
    `<h2>${escapeHtml(t('now'))}</h2><p class="t" data-testid="remote-now">${escapeHtml(state.current.title)}${slide(state.current.slide)}</p>` +
    `<h2>${escapeHtml(t('next'))}</h2><p data-testid="remote-next">${state.next ? escapeHtml(state.next.title) + slide(state.next.slide) : escapeHtml(t('end'))}</p>` +
    (state.timer ? `<h2>${escapeHtml(t('timer'))}</h2><p class="k">${clock(state.timer.remainingMs)}</p>` : '') +
    `<form method="post" action="/r/command" class="g"><input type="hidden" id="t" name="t" value="${escapeHtml(token)}">${buttons}</form>` +
    `<section class="notes"><h2>${escapeHtml(t('notes'))}</h2>${notes}</section>`
  )
}
