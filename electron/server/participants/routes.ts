import { Hono } from 'hono'
import { PROGRESSIVE_SCRIPT } from './client-script'
import { cookieLanguage, setLanguageCookie } from './device-identity'
import { joinWithCode } from './join'
import { message } from './messages'
import { postAnswer } from './answer'
import { joinPage, messagePage } from './pages'
import { languageOf, languagesOf, questionState, showQuestion } from './phone-pages'
import { postQuestion, showQuestions } from './room-questions'
import { formBody, guardRequest, readForm, securityHeaders } from './request-guards'
import { addRemoteRoutes } from './remote-routes'
import { wantsJson, type Env, type PhoneSite } from './site'

/** The phone site: join, the question page, answers, the language switch. Every route behind the guards. */
export function phoneRoutes(site: PhoneSite): Hono<Env> {
  const app = new Hono<Env>()
  app.use('*', securityHeaders)
  app.use('*', guardRequest(site))

  app.get('/', async (c) => {
    if (c.get('device')) return c.redirect('/q', 303)
    const current = await site.gateway.current()
    return c.html(joinPage(languageOf(c, current), null, languagesOf(current)))
  })
  app.get('/j/:code', (c) => joinWithCode(site, c, c.req.param('code')))
  app.post('/join', formBody, (c) => {
    const form = readForm(c)
    return form ? joinWithCode(site, c, form.get('code') ?? '') : c.body(null, 415)
  })
  app.get('/q', (c) => {
    const device = c.get('device')
    if (!device) return c.redirect('/', 303)
    return showQuestion(site, c, device, c.req.query('saved') === '1' ? { tone: 'ok', key: 'answer.saved' } : null)
  })
  // What the progressive script polls: which question is open, as the exact text the page was made with.
  app.get('/v', async (c) => {
    if (!c.get('device')) return c.json({ ok: false, reason: 'not-joined' }, 401)
    const state = questionState((await site.gateway.current())?.session ?? null)
    return c.body(state, 200, { 'Content-Type': 'application/json' })
  })
  app.post('/answer', formBody, (c) => postAnswer(site, c))
  // Anonymous questions from the room, at any time while phones are on (see room-questions.ts).
  app.get('/qa', (c) => showQuestions(site, c))
  app.post('/qa', formBody, (c) => postQuestion(site, c, 'ask'))
  app.post('/qa/vote', formBody, (c) => postQuestion(site, c, 'vote'))
  app.get('/l/:language', async (c) => {
    const language = c.req.param('language')
    if (language !== 'vi' && language !== 'en') return c.body(null, 404)
    // Only a language of the running session's workshop (a Vietnamese-only session stays in Vietnamese).
    if (languagesOf(await site.gateway.current()).includes(language)) setLanguageCookie(c, language)
    return c.redirect(c.get('device') ? '/q' : '/', 303)
  })
  // The trainer's phone remote: its own paths, its own cookie; nothing above accepts a trainer action.
  addRemoteRoutes(app, site)
  addStaticAndErrors(app)
  return app
}

function addStaticAndErrors(app: Hono<Env>): void {
  // Browsers ask for it on their own; an empty answer is cheaper than the 404 page.
  app.get('/favicon.ico', (c) => c.body(null, 204))
  app.get('/p.js', (c) => c.body(PROGRESSIVE_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }))
  app.notFound((c) => c.html(messagePage(cookieLanguage(c) ?? 'vi', 'error.notFound', '/'), 404))
  // Never a stack trace on a phone. The log (via console.error) gets the route's pattern and the error's
  // name and code: never the path itself (it can hold a join code) nor the message (it can quote an answer).
  app.onError((error, c) => {
    const code = (error as NodeJS.ErrnoException).code
    console.error(
      `Roundtable: a phone request failed (${c.req.method} ${c.req.routePath}): ${error.name} ${code ?? ''}`
    )
    return wantsJson(c)
      ? c.json({ ok: false, reason: 'error', message: message(cookieLanguage(c) ?? 'vi', 'error.general') }, 500)
      : c.html(messagePage(cookieLanguage(c) ?? 'vi', 'error.general', '/'), 500)
  })
}
