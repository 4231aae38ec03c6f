import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { Protocol } from 'electron'
import { contentSecurityPolicy } from '../core/security/content-security-policy'
import { APP_HOST, APP_SCHEME } from './security'

/**
 * The renderer is served from `app://roundtable/` rather than file:// (security checklist: a
 * custom protocol gives the app a real origin, so the CSP, same-origin rules and our sender checks
 * mean something, and no page can read arbitrary files). Only files of the built renderer folder
 * are served, only with the content types below; everything else is a 404.
 */

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8'
}

/**
 * Maps an app:// URL to a file inside the renderer folder, with its content type; null for a
 * foreign host, a path that resolves outside the folder (`..`, encoded or not), a malformed
 * escape, or a file type the renderer does not have.
 */
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
    // Decoding can produce new `..` or `/` (from %2e, %2f): the containment check below runs after it.
    pathname = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0')) return null
  if (pathname === '/' || pathname === '') pathname = '/index.html'
  const root = normalize(rendererDir)
  const path = normalize(join(root, pathname))
  if (!path.startsWith(root.endsWith(sep) ? root : root + sep)) return null
  const contentType = CONTENT_TYPES[extname(path).toLowerCase()]
  return contentType ? { path, contentType } : null
}

/** Headers of every app:// response, 404s included: the CSP (checklist item 7) and no MIME sniffing. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    // Always read from disk: after an update the new build is served, never a cached old one.
    'Cache-Control': 'no-store'
  }
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: appResponseHeaders('text/plain; charset=utf-8') })
}

/** Answers one app:// request from the renderer folder. */
export async function serveAppRequest(url: string, rendererDir: string): Promise<Response> {
  const file = resolveAppRequest(url, rendererDir)
  if (!file) return notFound()
  try {
    const body = await readFile(file.path)
    return new Response(body, { status: 200, headers: appResponseHeaders(file.contentType) })
  } catch {
    return notFound() // missing file, or a directory named like a file
  }
}

/** Registers the handler; the scheme itself is declared privileged before ready, in index.ts. */
export function setupAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request.url, rendererDir))
}
