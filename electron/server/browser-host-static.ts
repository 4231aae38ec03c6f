import { serveStatic } from '@hono/node-server/serve-static'
import type { Hono } from 'hono'
import { contentSecurityPolicy } from '../core/security/content-security-policy'

/**
 * The built renderer's files. The page itself carries the app's Content-Security-Policy and is never
 * cached; the hashed scripts and styles beside it never change, so they are cached for good.
 */
export function addRendererFiles(app: Hono, rendererDir: string): void {
  app.use(
    '/*',
    serveStatic({
      root: rendererDir,
      onFound: (path, c) => {
        if (path.endsWith('.html')) {
          c.header('Content-Security-Policy', contentSecurityPolicy())
          c.header('Cache-Control', 'no-store')
        } else {
          c.header('Cache-Control', 'public, max-age=31536000, immutable')
        }
      }
    })
  )
}
