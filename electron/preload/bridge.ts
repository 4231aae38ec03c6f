import type { IpcRenderer, IpcRendererEvent } from 'electron'
import {
  API_CHANNEL_PREFIX,
  CAMERA_CHANNEL,
  EVENT_CHANNEL,
  FILE_WAITING_CHANNEL,
  isMenuAction,
  isOpenedFile,
  MENU_CHANNEL,
  OPEN_AUDIENCE_CHANNEL,
  PRINT_PDF_CHANNEL,
  TAKE_OPENED_FILE_CHANNEL,
  type RoundtableBridge
} from '../shared/api/bridge'
import type { ApiEvent, ApiReply } from '../core/api/contract'

/**
 * The bridge the renderer sees as `window.roundtable`, built on an injected ipcRenderer so that it
 * is tested under plain Node. It exposes the typed API and nothing else: never ipcRenderer itself,
 * never an IpcRendererEvent (whose `sender` would hand the page ipcRenderer back).
 * Main validates everything again; the checks here only keep garbage off the IPC channels.
 */

/** `area.action`, the shape of every contract method, so a page cannot reach another IPC channel. */
const METHOD_NAME = /^[a-z]+\.[A-Za-z]+$/

export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'send' | 'on' | 'removeListener'>

export function createBridge(ipc: BridgeIpc): RoundtableBridge {
  return {
    invoke(method, args) {
      if (typeof method !== 'string' || !METHOD_NAME.test(method)) {
        return Promise.resolve<ApiReply>({
          ok: false,
          error: { code: 'unknown-method', message: `not a method name: ${String(method).slice(0, 60)}` }
        })
      }
      return ipc.invoke(`${API_CHANNEL_PREFIX}${method}`, args) as Promise<ApiReply>
    },
    onEvent(listener) {
      if (typeof listener !== 'function') throw new TypeError('onEvent needs a function')
      const forward = (_event: IpcRendererEvent, payload: ApiEvent): void => listener(payload)
      ipc.on(EVENT_CHANNEL, forward)
      return () => {
        ipc.removeListener(EVENT_CHANNEL, forward)
      }
    },
    openAudience(sessionId) {
      if (typeof sessionId === 'string') ipc.send(OPEN_AUDIENCE_CHANNEL, sessionId)
    },
    async printDocument(html, fileName) {
      if (typeof html === 'string' && typeof fileName === 'string') await ipc.invoke(PRINT_PDF_CHANNEL, html, fileName)
    },
    async setCameraScanning(on) {
      if (typeof on === 'boolean') await ipc.invoke(CAMERA_CHANNEL, on)
    },
    onOpenedFile(listener) {
      if (typeof listener !== 'function') throw new TypeError('onOpenedFile needs a function')
      // Takes the waiting file now (one may have come with the command line) and whenever main says so.
      const take = (): void => {
        ipc
          .invoke(TAKE_OPENED_FILE_CHANNEL)
          .then((file: unknown) => {
            if (isOpenedFile(file)) listener(file)
          })
          .catch(() => undefined)
      }
      ipc.on(FILE_WAITING_CHANNEL, take)
      take()
      return () => {
        ipc.removeListener(FILE_WAITING_CHANNEL, take)
      }
    },
    onMenuAction(listener) {
      if (typeof listener !== 'function') throw new TypeError('onMenuAction needs a function')
      const forward = (_event: IpcRendererEvent, action: unknown): void => {
        if (isMenuAction(action)) listener(action)
      }
      ipc.on(MENU_CHANNEL, forward)
      return () => {
        ipc.removeListener(MENU_CHANNEL, forward)
      }
    }
  }
}
