import { timingSafeEqual } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { userMessage } from '../shared/i18n/user-message'

/**
 * A refusal as the API's usual error reply. The trainer meets a 401 when the window kept the key of
 * an earlier run: say so in their language.
 */
export function refuse(c: Context, status: 400 | 401 | 403 | 404 | 413 | 421, message: string): Response {
  const reason =
    status === 401 ? userMessage('error.token-refused') : userMessage('error.request-refused', { detail: message })
  return c.json({ ok: false, error: { code: 'refused', message, reason } }, status)
}

/** Compares a given access key with this run's in constant time. */
export function tokenChecker(token: string): (given: string | undefined | null) => boolean {
  const expected = Buffer.from(token)
  return (given) => {
    if (!given) return false
    const buffer = Buffer.from(given)
    return buffer.length === expected.length && timingSafeEqual(buffer, expected)
  }
}

/**
 * Every request: the Host must name this loopback port (stops DNS rebinding), a sent Origin must be
 * this one, and the browser must not say the request comes from another site. Every response: headers
 * that keep other sites from framing or reading it.
 */
export function loopbackOnly(port: () => number): MiddlewareHandler {
  const allowedHosts = (): string[] => [`127.0.0.1:${port()}`, `localhost:${port()}`]
  return async (c, next) => {
    // The Host header, and the request target when it is an absolute URL (which then names the host instead).
    const hosts = [c.req.header('host') ?? '', new URL(c.req.url).host]
    if (!hosts.every((h) => allowedHosts().includes(h))) return refuse(c, 421, 'wrong host')
    const origin = c.req.header('origin')
    if (origin !== undefined && !allowedHosts().some((h) => origin === `http://${h}`)) {
      return refuse(c, 403, 'foreign origin')
    }
    // Browsers also say where a request comes from: refuse cross-site fetches even without Origin.
    const site = c.req.header('sec-fetch-site')
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return refuse(c, 403, 'cross-site request')
    await next()
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Referrer-Policy', 'no-referrer')
    c.header('Cross-Origin-Resource-Policy', 'same-origin')
    c.header('X-Frame-Options', 'DENY')
  }
}
