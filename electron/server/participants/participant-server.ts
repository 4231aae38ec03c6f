import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { isIPv4, type AddressInfo } from 'node:net'
import { serve, type HttpBindings } from '@hono/node-server'
import { Hono, type Context, type Next } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { openQuestion, type AnswerInput, type AnswerRefusal } from '../../core/sessions/answers'
import type { Session } from '../../core/sessions/model'
import type { ParticipantServerStart } from '../../core/sessions/participant-network'
import type { Language } from '../../core/storage/library-file'
import { PROGRESSIVE_SCRIPT } from './client-script'
import { message, type ParticipantMessageKey } from './messages'
import { joinPage, messagePage, questionPage, waitPage, type Notice } from './pages'
import { RateLimiter } from './rate-limit'

/** What the participant server may do with sessions: read the open one, store an answer. Nothing else. */
export type { ParticipantGateway } from '../../core/sessions/participant-network'

export interface ParticipantServer {
  /** The address to show on the projector, e.g. `http://192.168.1.10:8080/`. */
  url: string
  /** The 4-digit join code. */
  code: string
  /** The address the QR code encodes: opening it joins directly. */
  joinUrl: string
  address: string
  port: number
  close(): Promise<void>
}

/** Where to listen and the session's phone identity (secret, code, device keys by address). */
export type ParticipantServerOptions = ParticipantServerStart

/**
 * Wrong join codes, server-wide, on top of each address's own budget: 40 at once, then one every
 * 4 s, whatever the number of addresses they come from. Trying all 10,000 codes takes about 11 hours.
 * A room never needs more: 30 people making a typo or two use a fraction of the 40.
 */
export const ALL_WRONG_CODES = { perSecond: 0.25, burst: 40 }
/** Each address's own budget of wrong codes: 10 at once, then one every 5 s. */
export const WRONG_CODES_PER_ADDRESS = { perSecond: 0.2, burst: 10 }
/** Phone addresses remembered per session; past that, a new address just gets a new key. */
const MAX_REMEMBERED_ADDRESSES = 5_000

const DEVICE_COOKIE = 'rt_device'
const LANGUAGE_COOKIE = 'rt_lang'
export const MAX_BODY_BYTES = 8 * 1024
/** Slow or stalled requests are cut after this long, so idle sockets cannot pile up. */
const REQUEST_TIMEOUT_MS = 10_000
const SECURITY_HEADERS: Record<string, string> = {
  // connect-src: the progressive script's own requests (/v, /answer); default-src 'none' would block them.
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  // Not `no-referrer`: under that policy browsers send `Origin: null` with a plain form POST, and the
  // Origin check below would refuse the page's own JavaScript-free form. `same-origin` still never
  // tells another site anything.
  'Referrer-Policy': 'same-origin'
}

type Refusal = AnswerRefusal | 'not-saved' | 'not-joined'
const REFUSALS: Record<Refusal, { status: 400 | 401 | 409 | 503; key: ParticipantMessageKey }> = {
  'no-open-question': { status: 409, key: 'answer.closed' },
  closed: { status: 409, key: 'answer.closed' },
  invalid: { status: 400, key: 'answer.invalid' },
  'not-saved': { status: 503, key: 'answer.notSaved' },
  'not-joined': { status: 401, key: 'join.first' }
}

type Env = { Bindings: HttpBindings; Variables: { device: string | null; body: string } }

/**
 * The tiny site participants' phones use on the local network during a live session: join with the
 * code, see the open question, answer. It knows nothing of the trainer's API; it only calls the gateway.
 * Guards: listens on the one chosen address; Host must name it (DNS rebinding) and Origin, when sent,
 * must be it; signed device cookies; small bodies; short timeouts; rate limits per device and per IP.
 */
export async function startParticipantServer(options: ParticipantServerOptions): Promise<ParticipantServer> {
  const { address, gateway } = options
  // One IPv4 address of this computer: never every interface at once (0.0.0.0).
  if (!isIPv4(address) || address === '0.0.0.0') throw new Error(`not one IPv4 address: ${address}`)
  const secret = options.secret ?? randomBytes(32)
  const code = options.code ?? String(randomInt(0, 10_000)).padStart(4, '0')
  if (!/^\d{4}$/.test(code)) throw new Error('the join code is not 4 digits')
  const devicesByAddress = new Map(Object.entries(options.devicesByAddress ?? {}))
  let port = options.port
  const origin = (): string => `http://${address}${port === 80 ? '' : `:${port}`}`
  const hostAllowed = (host: string | undefined): boolean =>
    host === `${address}:${port}` || (port === 80 && host === address)

  // A phone's own limit: far above what a person taps (the bench's 300 phones send 10 answers/s each),
  // far below a flood. An IP's is looser, since several phones may share one behind a router.
  const perDevice = new RateLimiter(12, 30)
  const perIp = new RateLimiter(50, 200)
  // Wrong join codes: per address and for the whole server (1,000 addresses must not mean 1,000 budgets).
  const wrongCodes = new RateLimiter(WRONG_CODES_PER_ADDRESS.perSecond, WRONG_CODES_PER_ADDRESS.burst)
  const allWrongCodes = new RateLimiter(ALL_WRONG_CODES.perSecond, ALL_WRONG_CODES.burst)

  // Device key: a random id plus its HMAC, so a phone cannot make up (or guess) another's key.
  const sign = (id: string): string =>
    createHmac('sha256', secret).update(id).digest().subarray(0, 16).toString('base64url')
  const cookieOf = (id: string): string => `${id}.${sign(id)}`
  const verifyDevice = (cookie: string | undefined): string | null => {
    const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/.exec(cookie ?? '')
    if (!match) return null
    const given = Buffer.from(match[2]!)
    const expected = Buffer.from(sign(match[1]!))
    return given.length === expected.length && timingSafeEqual(given, expected) ? match[1]! : null
  }

  const cookieLanguage = (c: Context<Env>): Language | null => {
    const value = getCookie(c, LANGUAGE_COOKIE)
    return value === 'vi' || value === 'en' ? value : null
  }
  const wantsJson = (c: Context<Env>): boolean => (c.req.header('accept') ?? '').includes('application/json')
  const clientIp = (c: Context<Env>): string => c.env.incoming.socket.remoteAddress ?? 'unknown'

  const app = new Hono<Env>()

  // Outermost: the same protective headers on every response, refusals included. Set on the context
  // before the handler runs, every response it makes carries them; changing the finished response
  // instead would make Node's adapter build a full web Response for every answer.
  app.use('*', async (c, next) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value)
    await next()
  })

  app.use('*', async (c, next) => {
    // The Host header, and the request target when it is an absolute URL (which then names the host instead).
    if (!hostAllowed(c.req.header('host')) || !hostAllowed(new URL(c.req.url).host)) return c.body(null, 421)
    const requestOrigin = c.req.header('origin')
    if (requestOrigin !== undefined && requestOrigin !== origin()) return c.body(null, 403)
    const device = verifyDevice(getCookie(c, DEVICE_COOKIE))
    if (!perIp.take(clientIp(c)) || (device !== null && !perDevice.take(device))) {
      c.header('Retry-After', '1')
      const language = cookieLanguage(c) ?? 'vi'
      return wantsJson(c)
        ? c.json({ ok: false, reason: 'too-many', message: message(language, 'error.tooMany') }, 429)
        : c.text(message(language, 'error.tooMany'), 429)
    }
    c.set('device', device)
    await next()
  })

  // Form bodies only, at most 8 KB (a whole quiz answer is well under 1 KB). Read straight from Node's
  // request: building a web Request for every answer costs real time and memory with a room of phones.
  const formBody = async (c: Context<Env>, next: Next): Promise<Response | void> => {
    const body = await readLimited(c.env.incoming, MAX_BODY_BYTES)
    if (body === null) return c.body(null, 413)
    c.set('body', body)
    await next()
  }
  const readForm = async (c: Context<Env>): Promise<URLSearchParams | null> => {
    if (!(c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) return null
    return new URLSearchParams(c.get('body'))
  }

  /** The page's language: the participant's choice, else the session's. */
  const languageOf = (c: Context<Env>, current: { session: Session } | null): Language =>
    cookieLanguage(c) ?? current?.session.details.language ?? 'vi'

  const join = async (c: Context<Env>, given: string): Promise<Response> => {
    // A phone that already joined keeps its key (scanning the QR code again must not count it twice).
    if (c.get('device')) return c.redirect('/q', 303)
    const language = languageOf(c, await gateway.current())
    const ip = clientIp(c)
    // One phone, one participant: a phone address that already joined gets its own key back, so
    // clearing cookies and re-joining changes nothing. This computer's own address is exempt: there
    // every browser window is the trainer rehearsing, each its own phone by its cookie.
    const byAddress = ip !== address
    const known = byAddress ? devicesByAddress.get(ip) : undefined
    // A code is only compared while both budgets last (an address that joined before needs only its
    // own): a refused try learns nothing, right or wrong.
    if (!wrongCodes.has(ip) || (!known && !allWrongCodes.has('all'))) {
      return c.html(joinPage(language, { tone: 'error', key: 'error.tooMany' }), 429)
    }
    if (given.trim() !== code) {
      wrongCodes.take(ip)
      if (!known) allWrongCodes.take('all')
      return c.html(joinPage(language, { tone: 'error', key: 'join.wrong' }), 403)
    }
    const id = known ?? randomBytes(16).toString('base64url')
    if (byAddress && !known && devicesByAddress.size < MAX_REMEMBERED_ADDRESSES) {
      devicesByAddress.set(ip, id)
      await options.rememberDevice?.(ip, id)
    }
    setCookie(c, DEVICE_COOKIE, cookieOf(id), { httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 7 * 24 * 3600 })
    return c.redirect('/q', 303)
  }

  /** The question page (or the waiting page) for this device, with an optional notice and status. */
  const showQuestion = async (
    c: Context<Env>,
    device: string,
    notice: Notice | null,
    status: 200 | 400 | 409 | 503 = 200
  ): Promise<Response> => {
    const current = await gateway.current()
    const language = languageOf(c, current)
    const state = questionState(current?.session ?? null)
    const block = current ? openQuestion(current.session) : null
    if (!current || !block) return c.html(waitPage(language, state, notice), status)
    const previous = current.session.polls[block.id]?.answers[device]
    return c.html(questionPage({ language, session: current.session, block, previous, state, notice }), status)
  }

  app.get('/', async (c) => {
    if (c.get('device')) return c.redirect('/q', 303)
    return c.html(joinPage(languageOf(c, await gateway.current())))
  })

  app.get('/j/:code', (c) => join(c, c.req.param('code')))

  app.post('/join', formBody, async (c) => {
    const form = await readForm(c)
    return form ? join(c, form.get('code') ?? '') : c.body(null, 415)
  })

  app.get('/q', async (c) => {
    const device = c.get('device')
    if (!device) return c.redirect('/', 303)
    return showQuestion(c, device, c.req.query('saved') === '1' ? { tone: 'ok', key: 'answer.saved' } : null)
  })

  // What the progressive script polls: which question is open, as the exact text the page was made with.
  app.get('/v', async (c) => {
    if (!c.get('device')) return c.json({ ok: false, reason: 'not-joined' }, 401)
    return c.body(questionState((await gateway.current())?.session ?? null), 200, {
      'Content-Type': 'application/json'
    })
  })

  app.post('/answer', formBody, async (c) => {
    const form = await readForm(c)
    if (!form) return c.body(null, 415)
    const device = c.get('device')
    const current = device ? await gateway.current() : null
    const language = languageOf(c, current)

    let outcome: Refusal | null
    if (!device) outcome = 'not-joined'
    else if (!current) outcome = 'no-open-question'
    else {
      // Repeated fields (checkboxes) become arrays; a Map first, so a field named `__proto__` is just a name.
      const values = new Map<string, string[]>()
      for (const [name, value] of form) {
        if (name !== 'block' && name !== 'pn') values.set(name, [...(values.get(name) ?? []), value])
      }
      const input: AnswerInput = {
        blockId: form.get('block') ?? '',
        deviceKey: device,
        values: Object.fromEntries(values),
        ...(form.get('pn') ? { participantNumber: form.get('pn')! } : {})
      }
      outcome = await gateway.answer(current.sessionId, input).catch(() => 'not-saved' as const)
    }

    if (wantsJson(c)) {
      if (outcome === null) return c.json({ ok: true, message: message(language, 'answer.saved') })
      const refusal = REFUSALS[outcome]
      return c.json({ ok: false, reason: outcome, message: message(language, refusal.key) }, refusal.status)
    }
    if (outcome === null) return c.redirect('/q?saved=1', 303)
    if (outcome === 'not-joined') return c.html(joinPage(language, { tone: 'error', key: 'join.first' }), 401)
    const refusal = REFUSALS[outcome]
    return showQuestion(c, device!, { tone: 'error', key: refusal.key }, refusal.status as 400 | 409 | 503)
  })

  app.get('/l/:language', (c) => {
    const language = c.req.param('language')
    if (language !== 'vi' && language !== 'en') return c.body(null, 404)
    setCookie(c, LANGUAGE_COOKIE, language, { httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 365 * 24 * 3600 })
    return c.redirect(c.get('device') ? '/q' : '/', 303)
  })

  // Browsers ask for it on their own; an empty answer is cheaper than the 404 page.
  app.get('/favicon.ico', (c) => c.body(null, 204))

  app.get('/p.js', (c) => c.body(PROGRESSIVE_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }))

  app.notFound((c) => c.html(messagePage(cookieLanguage(c) ?? 'vi', 'error.notFound', '/'), 404))
  // Never a stack trace on a phone.
  app.onError((_error, c) =>
    wantsJson(c)
      ? c.json({ ok: false, reason: 'error', message: message(cookieLanguage(c) ?? 'vi', 'error.general') }, 500)
      : c.html(messagePage(cookieLanguage(c) ?? 'vi', 'error.general', '/'), 500)
  )

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      {
        fetch: app.fetch,
        port: options.port,
        hostname: address,
        serverOptions: {
          headersTimeout: REQUEST_TIMEOUT_MS,
          requestTimeout: REQUEST_TIMEOUT_MS,
          // Node checks those timeouts on this interval (30 s by default).
          connectionsCheckingInterval: 1_000
        }
      },
      () => resolve(s)
    )
    s.once('error', reject)
  })
  port = (server.address() as AddressInfo).port

  return {
    url: `${origin()}/`,
    code,
    joinUrl: `${origin()}/j/${code}`,
    address,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Phones keep connections alive; close them so the server stops now.
        ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
      })
  }
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

/** The request body as text, or null when it is larger than `limit` bytes (the rest is drained unread). */
function readLimited(incoming: IncomingMessage, limit: number): Promise<string | null> {
  if (Number(incoming.headers['content-length'] ?? 0) > limit) {
    incoming.resume()
    return Promise.resolve(null)
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size <= limit) return void chunks.push(chunk)
      incoming.off('data', onData)
      incoming.resume()
      resolve(null)
    }
    incoming.on('data', onData)
    incoming.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    incoming.once('error', reject)
  })
}
