import type { RoundtableBridge } from '../../../../electron/shared/api/bridge'
import type { ApiEvent, ApiReply } from '../../../../electron/core/api/contract'
import { userMessage } from '../../../../electron/shared/i18n/user-message'

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
    async invoke(method, args) {
      let response: Response
      try {
        response = await fetch(`/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
          body: JSON.stringify(args ?? {})
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
    },
    onEvent(listener) {
      const source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`)
      const handle = (message: MessageEvent<string>): void => listener(JSON.parse(message.data) as ApiEvent)
      source.addEventListener('api', handle)
      return () => source.close()
    },
    async printDocument(html) {
      // A tab of its own, from which the trainer prints or saves as PDF (Ctrl+P).
      const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }))
      window.open(url, '_blank')
      setTimeout(() => URL.revokeObjectURL(url), 60_000)
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
