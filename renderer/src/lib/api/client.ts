import {
  BRIDGE_GLOBAL,
  type MenuAction,
  type OpenedFile,
  type RoundtableBridge
} from '../../../../electron/shared/api/bridge'
import type { ApiArgs, ApiEvent, ApiMethod, ApiResult } from '../../../../electron/core/api/contract'
import { userMessage, type UserMessage } from '../../../../electron/shared/i18n/user-message'
import { createHttpBridge, takeTokenFromAddress } from './http-bridge'

/** An API call that the core refused or that could not reach it; `reason` is what the trainer reads. */
export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly reason: UserMessage
  ) {
    super(message)
  }
}

/** A method's arguments as a rest parameter: none for methods that take none. */
export type CallArgs<M extends ApiMethod> = ApiArgs<M> extends Record<string, never> ? [] : [args: ApiArgs<M>]

export interface ApiClient {
  call<M extends ApiMethod>(method: M, ...args: CallArgs<M>): Promise<ApiResult<M>>
  onEvent(listener: (event: ApiEvent) => void): () => void
  openAudience(sessionId: string): void
  printDocument(html: string, fileName: string): Promise<void>
  setCameraScanning(on: boolean): Promise<void>
  /** Files the system asked the app to open (Electron: a double-clicked .roundtable); none in browser mode. */
  onOpenedFile(listener: (file: OpenedFile) => void): () => void
  /** Electron's app menu asking the window to show something; absent in browser mode. */
  onMenuAction?(listener: (action: MenuAction) => void): () => void
}

/**
 * Picks the transport once at start: Electron's preload bridge when present, else browser mode over
 * HTTP. Nothing else in the renderer knows which one it got.
 */
export function connect(): ApiClient | 'no-token' {
  const preload = (window as unknown as Record<string, RoundtableBridge | undefined>)[BRIDGE_GLOBAL]
  if (preload) return clientOf(preload)
  const token = takeTokenFromAddress()
  return token ? clientOf(createHttpBridge(token)) : 'no-token'
}

/** The typed client over any bridge (tests give it one that calls an in-process core). */
export function clientOf(bridge: RoundtableBridge): ApiClient {
  return {
    async call(method, ...args) {
      const reply = await bridge.invoke(method, args[0] ?? {})
      if (!reply.ok) {
        const { code, message, reason } = reply.error
        throw new ApiCallError(code, message, reason ?? userMessage('error.request-refused', { detail: message }))
      }
      return reply.result as ApiResult<typeof method>
    },
    onEvent: (listener) => bridge.onEvent(listener),
    openAudience: (sessionId) => bridge.openAudience(sessionId),
    printDocument: (html, fileName) => bridge.printDocument(html, fileName),
    setCameraScanning: (on) => bridge.setCameraScanning(on),
    onOpenedFile: (listener) => bridge.onOpenedFile?.(listener) ?? (() => undefined),
    ...(bridge.onMenuAction ? { onMenuAction: (listener) => bridge.onMenuAction!(listener) } : {})
  }
}
