import { BROWSER_PDF_PATH, type RoundtableBridge } from '../../../../electron/shared/api/bridge'
import type { ApiEvent, ApiReply } from '../../../../electron/core/api/contract'
import { LocalizedError, userMessage } from '../../../../electron/shared/i18n/user-message'
import { downloadFiles } from '../files'

const TOKEN_KEY = 'roundtable.token'
const TOKEN_HEADER = 'x-roundtable-token'

/**
 * The access token arrives in the address's fragment (`#token=…`), which browsers never send over
 * HTTP. It is kept in this tab's sessionStorage and removed from the address bar.
 */
export function takeTokenFromAddress(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash)
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1])
    const rest = location.hash.replace(/(?:^#|&)token=[A-Za-z0-9_-]+/, '').replace(/^&/, '')
    history.replaceState(null, '', location.pathname + location.search + (rest ? `#${rest}` : ''))
  }
  return sessionStorage.getItem(TOKEN_KEY)
}

/** Browser mode: the same bridge as Electron's preload, over HTTP on 127.0.0.1 and Server-Sent Events. */
export function createHttpBridge(token: string): RoundtableBridge {
  return {
    invoke: (method, args) => post(token, `/api/${encodeURIComponent(method)}`, args ?? {}),
    onEvent: sharedEventStream(token),
    async printDocument(html, fileName) {
      // The host prints the document to PDF with its Chromium, and the PDF is saved like the other exports.
      const reply = await post(token, BROWSER_PDF_PATH, { html, fileName })
      if (reply.ok) return downloadFiles((reply.result as { files: ExportedFile[] }).files)
      // No Chromium, or it failed: a tab of its own, from which the trainer prints or saves as PDF (Ctrl+P).
      const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }))
      window.open(url, '_blank')
      setTimeout(() => URL.revokeObjectURL(url), 60_000)
      throw new LocalizedError(reply.error.reason ?? userMessage('error.pdf-no-chromium'))
    },
    async setCameraScanning() {
      // The browser asks the trainer for the camera itself (and remembers the answer per origin).
    },
    openAudience(sessionId) {
      // Same origin: the new window gets a copy of this tab's sessionStorage, and with it the token.
      window.open(
        `/#audience=${encodeURIComponent(sessionId)}`,
        `roundtable-audience-${sessionId}`,
        'popup,width=1280,height=720'
      )
    }
  }
}

type ExportedFile = Parameters<typeof downloadFiles>[0][number]

/** One POST to the host with the token; a lost connection or a reply that is not JSON become failed replies. */
async function post(token: string, path: string, body: unknown): Promise<ApiReply> {
  let response: Response
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(body)
    })
  } catch {
    return {
      ok: false,
      error: { code: 'failed', message: 'connection', reason: userMessage('app.error.connection') }
    }
  }
  try {
    return (await response.json()) as ApiReply
  } catch {
    const message = `HTTP ${response.status}`
    return {
      ok: false,
      error: { code: 'failed', message, reason: userMessage('error.request-refused', { detail: message }) }
    }
  }
}

/**
 * One event stream per window, shared by every listener: a browser allows only six connections to a host
 * over HTTP/1.1, so a stream per panel would starve the API calls. Opened with the first listener, closed
 * with the last.
 */
function sharedEventStream(token: string): RoundtableBridge['onEvent'] {
  const listeners = new Set<(event: ApiEvent) => void>()
  let source: EventSource | null = null
  const deliver = (message: MessageEvent<string>): void => {
    const event = JSON.parse(message.data) as ApiEvent
    for (const listener of [...listeners]) listener(event)
  }
  return (listener) => {
    listeners.add(listener)
    if (!source) {
      source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`)
      source.addEventListener('api', deliver)
    }
    return () => {
      listeners.delete(listener)
      if (listeners.size === 0 && source) {
        source.close()
        source = null
      }
    }
  }
}
