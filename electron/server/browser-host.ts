import { timingSafeEqual } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { streamSSE } from 'hono/streaming'
import type { AppCore } from '../core/app-core'
import { dispatch } from '../core/api/dispatch'
import { userMessage } from '../core/i18n/user-message'
import { contentSecurityPolicy } from '../core/security/content-security-policy'

export const TOKEN_HEADER = 'x-roundtable-token'
const MAX_API_BODY_BYTES = 256 * 1024
/** Importing a workshop file sends up to 20 MB as base64. */
const MAX_IMPORT_BODY_BYTES = 28 * 1024 * 1024
/** Methods that carry whole files: a workshop package, an edited draft, a summary from another laptop. */
const LARGE_BODY_METHODS = new Set(['workshop.import', 'workshop.previewImport', 'workshop.addImage', 'workshop.saveDraft', 'summary.import'])

export interface BrowserHostOptions {
  core: AppCore
  rendererDir: string
  token: string
  /** 0 picks a free port. */
  port: number
}

export interface BrowserHost {
  /** The address to open, with the access token in the fragment (never sent over HTTP). */
  url: string
  origin: string
  port: number
  close(): Promise<void>
}

/**
 * Browser mode: the built renderer and the trainer's API, served on 127.0.0.1 only.
 * Guards: the socket listens on loopback only; the Host header must name this loopback port
 * (stops DNS rebinding); a request with a foreign Origin is refused; every API call carries the
 * per-run token; arguments are validated by the same dispatch as Electron's IPC.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  let port = options.port
  const expectedToken = Buffer.from(options.token)
  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`]
  const allowedOrigins = (): string[] => allowedHosts().map((h) => `http://${h}`)

  const tokenMatches = (given: string | undefined | null): boolean => {
    if (!given) return false
    const buffer = Buffer.from(given)
    return buffer.length === expectedToken.length && timingSafeEqual(buffer, expectedToken)
  }
  // The trainer meets a 401 when the window kept the key of an earlier run: say so in their language.
  const refuse = (c: Context, status: 400 | 401 | 403 | 404 | 413 | 421, message: string): Response =>
    c.json(
      {
        ok: false,
        error: {
          code: 'refused',
          message,
          reason: status === 401 ? userMessage('error.token-refused') : userMessage('error.request-refused', { detail: message })
        }
      },
      status
    )

  const app = new Hono()

  app.use('*', async (c, next) => {
    // The Host header, and the request target when it is an absolute URL (which then names the host instead).
    const hosts = [c.req.header('host') ?? '', new URL(c.req.url).host]
    if (!hosts.every((h) => allowedHosts().includes(h))) return refuse(c, 421, 'wrong host')
    const origin = c.req.header('origin')
    if (origin !== undefined && !allowedOrigins().includes(origin)) return refuse(c, 403, 'foreign origin')
    // Browsers also say where a request comes from: refuse cross-site fetches even without Origin.
    const site = c.req.header('sec-fetch-site')
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return refuse(c, 403, 'cross-site request')
    await next()
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Referrer-Policy', 'no-referrer')
    c.header('Cross-Origin-Resource-Policy', 'same-origin')
    c.header('X-Frame-Options', 'DENY')
  })

  app.get('/api/events', (c) => {
    // EventSource cannot send headers, so this one endpoint takes the token as a query parameter.
    if (!tokenMatches(c.req.query('token'))) return refuse(c, 401, 'missing or wrong token')
    return streamSSE(c, async (stream) => {
      const unsubscribe = options.core.subscribe((event) => {
        void stream.writeSSE({ event: 'api', data: JSON.stringify(event) })
      })
      const keepAlive = setInterval(() => void stream.writeSSE({ event: 'ping', data: '' }), 15_000)
      await new Promise<void>((resolve) => stream.onAbort(resolve))
      clearInterval(keepAlive)
      unsubscribe()
    })
  })

  const smallBody = bodyLimit({ maxSize: MAX_API_BODY_BYTES, onError: (c) => refuse(c, 413, 'body too large') })
  const importBody = bodyLimit({ maxSize: MAX_IMPORT_BODY_BYTES, onError: (c) => refuse(c, 413, 'body too large') })
  app.post(
    '/api/:method',
    // The token is checked before a body is read, so nobody without it can make the host buffer anything.
    async (c, next) => {
      if (!tokenMatches(c.req.header(TOKEN_HEADER))) return refuse(c, 401, 'missing or wrong token')
      await next()
    },
    (c, next) => (LARGE_BODY_METHODS.has(c.req.param('method')) ? importBody : smallBody)(c, next),
    async (c) => {
      if (!(c.req.header('content-type') ?? '').startsWith('application/json')) {
        return refuse(c, 400, 'expected application/json')
      }
      let args: unknown
      try {
        args = await c.req.json()
      } catch {
        return refuse(c, 400, 'body is not JSON')
      }
      const reply = await dispatch(options.core.handlers, c.req.param('method'), args)
      return c.json(reply, reply.ok ? 200 : reply.error.code === 'unknown-method' ? 404 : 400)
    }
  )
  app.all('/api/*', (c) => refuse(c, 404, 'no such endpoint'))

  const csp = (): string => contentSecurityPolicy()
  app.use(
    '/*',
    serveStatic({
      root: options.rendererDir,
      onFound: (path, c) => {
        if (path.endsWith('.html')) {
          c.header('Content-Security-Policy', csp())
          c.header('Cache-Control', 'no-store')
        } else {
          c.header('Cache-Control', 'public, max-age=31536000, immutable')
        }
      }
    })
  )
  app.notFound((c) => refuse(c, 404, 'not found'))

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: '127.0.0.1' }, () => resolve(s))
    s.once('error', reject)
  })
  port = (server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`

  return {
    url: `${origin}/#token=${options.token}`,
    origin,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Open event streams would keep the server alive.
        ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
      })
  }
}
