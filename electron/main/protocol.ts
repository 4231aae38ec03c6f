import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { Protocol } from 'electron'
import { contentSecurityPolicy } from '../core/security/content-security-policy'
import { APP_HOST, APP_SCHEME } from './security'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json'
}

/** Maps an app:// URL to a file of the built renderer, or null for anything outside it. */
export function resolveAppRequest(url: string, rendererDir: string): { path: string; contentType: string } | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (pathname === '/' || pathname === '') pathname = '/index.html'
  const root = normalize(rendererDir)
  const path = normalize(join(root, pathname))
  if (!path.startsWith(root + sep)) return null
  const contentType = CONTENT_TYPES[extname(path)]
  return contentType ? { path, contentType } : null
}

export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store'
  }
}

export function registerAppProtocol(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppRequest(request.url, rendererDir)
    if (!file) return new Response('Not found', { status: 404 })
    try {
      return new Response(await readFile(file.path), { headers: appResponseHeaders(file.contentType) })
    } catch {
      return new Response('Not found', { status: 404 })
    }
  })
}
