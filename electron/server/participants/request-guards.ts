import type { IncomingMessage } from 'node:http'
import type { MiddlewareHandler, Next } from 'hono'
import { cookieLanguage } from './device-identity'
import { message } from './messages'
import {
  clientIp,
  header,
  hostAllowed,
  siteOrigin,
  wantsJson,
  type Env,
  type PhoneContext,
  type PhoneSite
} from './site'

export const MAX_BODY_BYTES = 8 * 1024

const SECURITY_HEADERS: Record<string, string> = {
  // connect-src: the progressive script's own requests (/v, /answer); default-src 'none' would block them.
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  // Not `no-referrer`: under that policy browsers send `Origin: null` with a plain form POST, and the
  // Origin check would refuse the page's own JavaScript-free form. `same-origin` still never tells
  // another site anything.
  'Referrer-Policy': 'same-origin'
}

/**
 * Outermost: the same protective headers on every response, refusals included. Set on the context
 * before the handler runs, every response it makes carries them; changing the finished response
 * instead would make Node's adapter build a full web Response for every answer.
 */
export const securityHeaders: MiddlewareHandler<Env> = async (c, next) => {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value)
  await next()
}

/** Host and Origin must name this server (DNS rebinding, other sites); then the rate limits; then the device. */
export function guardRequest(site: PhoneSite): MiddlewareHandler<Env> {
  return async (c, next) => {
    // The Host header, and the request target when it is an absolute URL (which then names the host instead).
    // A target in origin form (`/answer`, what phones send) names no host of its own: no URL to parse.
    const target = c.env.incoming.url ?? ''
    if (
      !hostAllowed(site, header(c, 'host')) ||
      (!target.startsWith('/') && !hostAllowed(site, new URL(c.req.url).host))
    ) {
      return c.body(null, 421)
    }
    const requestOrigin = header(c, 'origin')
    if (requestOrigin !== undefined && requestOrigin !== siteOrigin(site)) return c.body(null, 403)
    const device = site.devices.deviceOf(c)
    // Joined phones by their device (an address may be a whole hall behind one router), the rest by address.
    const { perIp, perJoinedIp, perDevice } = site.limits
    const allowed = device === null ? perIp.take(clientIp(c)) : perDevice.take(device) && perJoinedIp.take(clientIp(c))
    if (!allowed) return tooMany(c)
    c.set('device', device)
    await next()
  }
}

function tooMany(c: PhoneContext): Response {
  c.header('Retry-After', '1')
  const language = cookieLanguage(c) ?? 'vi'
  return wantsJson(c)
    ? c.json({ ok: false, reason: 'too-many', message: message(language, 'error.tooMany') }, 429)
    : c.text(message(language, 'error.tooMany'), 429)
}

/**
 * Form bodies only, at most 8 KB (a whole quiz answer is well under 1 KB). Read straight from Node's
 * request: building a web Request for every answer costs real time and memory with a room of phones.
 */
export async function formBody(c: PhoneContext, next: Next): Promise<Response | void> {
  const body = await readLimited(c.env.incoming, MAX_BODY_BYTES)
  if (body === null) return c.body(null, 413)
  c.set('body', body)
  await next()
}

/** Like `formBody`, with a smaller limit (the trainer remote's commands are a few dozen bytes). */
export function smallBody(limit: number): MiddlewareHandler<Env> {
  return async (c, next) => {
    const body = await readLimited(c.env.incoming, limit)
    if (body === null) return c.body(null, 413)
    c.set('body', body)
    await next()
  }
}

/** The form `formBody` read, or null when the request is not a URL-encoded form. */
export function readForm(c: PhoneContext): URLSearchParams | null {
  if (!(header(c, 'content-type') ?? '').startsWith('application/x-www-form-urlencoded')) return null
  return new URLSearchParams(c.get('body'))
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
