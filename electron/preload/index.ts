import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import {
  API_CHANNEL_PREFIX,
  BRIDGE_GLOBAL,
  EVENT_CHANNEL,
  OPEN_AUDIENCE_CHANNEL,
  PRINT_PDF_CHANNEL,
  type RoundtableBridge
} from '../core/api/bridge'
import type { ApiEvent, ApiReply } from '../core/api/contract'

/**
 * Exposes the typed API to the renderer, and nothing else: no ipcRenderer, no Node.
 * Arguments are validated again in main; here only the method name's shape is checked.
 */
const METHOD = /^[a-z]+\.[A-Za-z]+$/

const bridge: RoundtableBridge = {
  invoke(method, args) {
    if (typeof method !== 'string' || !METHOD.test(method)) {
      return Promise.resolve<ApiReply>({ ok: false, error: { code: 'unknown-method', message: 'bad method name' } })
    }
    return ipcRenderer.invoke(`${API_CHANNEL_PREFIX}${method}`, args) as Promise<ApiReply>
  },
  onEvent(listener) {
    const forward = (_event: IpcRendererEvent, payload: ApiEvent): void => listener(payload)
    ipcRenderer.on(EVENT_CHANNEL, forward)
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, forward)
  },
  openAudience(sessionId) {
    if (typeof sessionId === 'string') ipcRenderer.send(OPEN_AUDIENCE_CHANNEL, sessionId)
  },
  async printDocument(html, fileName) {
    if (typeof html === 'string' && typeof fileName === 'string') await ipcRenderer.invoke(PRINT_PDF_CHANNEL, html, fileName)
  }
}

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge)
