import type { Hono } from 'hono'
import type { RemoteCredential } from '../../core/phones/remote-gateway'
import { RemoteCommandSchema } from '../../core/phones/remote-gateway'
import type { Language } from '../../shared/i18n/language'
import { cookieLanguage, setLanguageCookie } from './device-identity'
import { remoteText } from './remote-messages'
import { pairPage, remotePage, remotePanel } from './remote-pages'
import { REMOTE_SCRIPT } from './remote-script'
import { formBody, readForm, smallBody } from './request-guards'
import { clientIp, siteOrigin, wantsJson, type Env, type PhoneContext, type PhoneSite } from './site'

/** A command is a few dozen bytes of JSON; anything much larger is not one. */
export const MAX_REMOTE_BODY_BYTES = 512

/**
 * The trainer's phone remote under `/r`, beside the participants' routes and behind the same Host/Origin
 * guards and per-address limits. It answers only a remote cookie (remote-identity.ts) the core still
 * knows; a participant's device cookie means nothing here, and a remote cookie nothing to the phone pages.
 */
export function addRemoteRoutes(app: Hono<Env>, site: PhoneSite): void {
  app.get('/r', async (c) => {
    const remote = await authorised(site, c)
    if (!remote) return c.html(pairPage(await languageOf(site, c), null), 401)
    const state = await site.remote?.state(cookieLanguage(c))
    if (!state) return c.html(pairPage(await languageOf(site, c), null), 401)
    return c.html(remotePage(state, site.remoteKeys.token(remote.id)))
  })
  app.get('/r/pair/:token', (c) => pairWith(site, c, { token: c.req.param('token') }))
  app.post('/r/pair', formBody, (c) => pairWith(site, c, { code: readForm(c)?.get('code')?.trim() ?? '' }))
  app.get('/r/state', async (c) => {
    const remote = await authorised(site, c)
    const state = remote ? await site.remote?.state(cookieLanguage(c)) : null
    if (!remote || !state) return c.json({ ok: false, reason: 'not-paired' }, 401)
    return c.json({ ok: true, html: remotePanel(state, site.remoteKeys.token(remote.id)) })
  })
  app.post('/r/command', smallBody(MAX_REMOTE_BODY_BYTES), (c) => command(site, c))
  app.get('/r/r.js', (c) => c.body(REMOTE_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }))
  app.get('/r/l/:language', (c) => {
    const language = c.req.param('language')
    if (language !== 'vi' && language !== 'en') return c.body(null, 404)
    setLanguageCookie(c, language)
    return c.redirect('/r', 303)
  })
}

/** The remote this request's cookie names, if the core still has it paired. */
async function authorised(site: PhoneSite, c: PhoneContext): Promise<RemoteCredential | null> {
  const credential = site.remoteKeys.remoteOf(c)
  if (!credential || !site.remote) return null
  return (await site.remote.authorise(credential.id, credential.secret)) ? credential : null
}

async function languageOf(site: PhoneSite, c: PhoneContext): Promise<Language> {
  return cookieLanguage(c) ?? (await site.remote?.state(null))?.language ?? 'vi'
}

/** Redeems a pairing token or typed code once; wrong ones spend the address's and the server's budgets. */
async function pairWith(site: PhoneSite, c: PhoneContext, given: { token: string } | { code: string }) {
  const language = await languageOf(site, c)
  const ip = clientIp(c)
  const { wrongPairing, allWrongPairing } = site.limits
  if (!wrongPairing.has(ip) || !allWrongPairing.has('all')) return c.html(pairPage(language, 'pair.tooMany'), 429)
  const wellFormed = 'token' in given ? /^[A-Za-z0-9_-]{22}$/.test(given.token) : /^\d{6}$/.test(given.code)
  const credential = wellFormed && site.remote ? await site.remote.redeem(given) : null
  if (!credential) {
    wrongPairing.take(ip)
    allWrongPairing.take('all')
    return c.html(pairPage(language, 'pair.refused'), 403)
  }
  site.remoteKeys.setRemote(c, credential)
  return c.redirect('/r', 303)
}

/**
 * One button press: a paired remote, this server's Origin (required here, not only checked when sent), the
 * remote's token, within its rate, a command on the allow-list; then the core's own session command path.
 */
async function command(site: PhoneSite, c: PhoneContext): Promise<Response> {
  const remote = await authorised(site, c)
  if (!remote || !site.remote) return c.json({ ok: false, reason: 'not-paired' }, 401)
  const language = cookieLanguage(c) ?? (await site.remote.state(null))?.language ?? 'vi'
  if (c.req.header('origin') !== siteOrigin(site)) return c.json({ ok: false, reason: 'origin' }, 403)
  const isJson = (c.req.header('content-type') ?? '').startsWith('application/json')
  const form = isJson ? null : readForm(c)
  const token = isJson ? c.req.header('x-remote-token') : (form?.get('t') ?? undefined)
  if (!site.remoteKeys.tokenValid(remote.id, token)) return c.json({ ok: false, reason: 'token' }, 403)
  // After the token: a forged request never spends the trainer's own budget.
  if (!site.limits.perRemote.take(remote.id)) {
    c.header('Retry-After', '1')
    return c.json({ ok: false, reason: 'too-many', message: remoteText(language, 'tooMany') }, 429)
  }
  const parsed = RemoteCommandSchema.safeParse(parseJson(isJson ? c.get('body') : (form?.get('c') ?? '')))
  if (!parsed.success) return c.json({ ok: false, reason: 'invalid', message: remoteText(language, 'refused') }, 400)
  const done = await site.remote.command(parsed.data)
  if (!isJson && !wantsJson(c)) return c.redirect('/r', 303)
  const state = await site.remote.state(cookieLanguage(c))
  const html = state ? remotePanel(state, site.remoteKeys.token(remote.id)) : ''
  return done
    ? c.json({ ok: true, html })
    : c.json({ ok: false, reason: 'refused', message: remoteText(language, 'refused'), html }, 409)
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
