import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import type { AppCore } from '../core/app-core'
import { addApiRoutes } from './browser-host-api'
import { loopbackOnly, refuse, tokenChecker } from './browser-host-guards'
import { addPdfRoute } from './browser-host-pdf'
import { addRendererFiles } from './browser-host-static'
import { findChromium } from '../../scripts/find-chromium.mjs'

export { TOKEN_HEADER } from './browser-host-api'

export interface BrowserHostOptions {
  core: AppCore
  rendererDir: string
  token: string
  /** 0 picks a free port. */
  port: number
  /** The Chromium that prints documents to PDF (default: the one browser mode opens its window with; null: none). */
  chromium?: string | null
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
  const app = new Hono()
  app.use(
    '*',
    loopbackOnly(() => port)
  )
  addPdfRoute(app, tokenChecker(options.token), options.chromium === undefined ? findChromium() : options.chromium)
  addApiRoutes(app, options.core, tokenChecker(options.token))
  addRendererFiles(app, options.rendererDir)
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
