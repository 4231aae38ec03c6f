import type { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { streamSSE } from 'hono/streaming'
import type { AppCore } from '../core/app-core'
import { dispatch } from '../core/api/dispatch'
import { refuse } from './browser-host-guards'

export const TOKEN_HEADER = 'x-roundtable-token'
const MAX_API_BODY_BYTES = 256 * 1024
/** Importing a workshop file sends up to 20 MB as base64. */
const MAX_IMPORT_BODY_BYTES = 28 * 1024 * 1024
/** Methods that carry whole files: a workshop package, an edited draft, a summary from another laptop. */
const LARGE_BODY_METHODS = new Set([
  'workshop.import',
  'workshop.previewImport',
  'workshop.addImage',
  'workshop.saveDraft',
  'summary.import'
])

type TokenMatches = (given: string | undefined | null) => boolean

/**
 * Each event as JSON once for every open window (presenter, projector, phones panel): a session's live
 * state with a hall's answers is large, and it goes out up to 25 times a second while phones answer.
 */
const serializedEvents = new WeakMap<object, string>()
function serialized(event: object): string {
  let text = serializedEvents.get(event)
  if (text === undefined) serializedEvents.set(event, (text = JSON.stringify(event)))
  return text
}

/** The trainer's API over HTTP: the event stream, then one POST per method, through the same `dispatch` as IPC. */
export function addApiRoutes(app: Hono, core: AppCore, tokenMatches: TokenMatches): void {
  app.get('/api/events', (c) => {
    // EventSource cannot send headers, so this one endpoint takes the token as a query parameter.
    if (!tokenMatches(c.req.query('token'))) return refuse(c, 401, 'missing or wrong token')
    return streamSSE(c, async (stream) => {
      const unsubscribe = core.subscribe((event) => {
        void stream.writeSSE({ event: 'api', data: serialized(event) })
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
      const reply = await dispatch(core.handlers, c.req.param('method'), args)
      return c.json(reply, reply.ok ? 200 : reply.error.code === 'unknown-method' ? 404 : 400)
    }
  )
  app.all('/api/*', (c) => refuse(c, 404, 'no such endpoint'))
}
