import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import type { AppCore } from '../core/app-core'
import { API_CHANNEL_PREFIX } from '../shared/api/bridge'
import { API_METHODS, type ApiMethod, type ApiReply } from '../core/api/contract'
import { dispatch } from '../core/api/dispatch'
import { isTrustedSender } from './security'

/**
 * The API over IPC: one `ipcMain.handle` per method of the contract, channel `api:<method>`.
 * Each handler checks who is asking (checklist item 17: validate the sender of every IPC message)
 * and then hands the untrusted arguments to `dispatch`, which validates them against the contract.
 */
export function makeIpcHandler(
  core: Pick<AppCore, 'handlers'>,
  method: ApiMethod
): (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, args: unknown) => Promise<ApiReply> {
  return async (event, args) => {
    if (!isTrustedSender(event.senderFrame)) {
      console.warn(
        `Roundtable: refused ${method} from ${event.senderFrame?.url.slice(0, 200) ?? 'a frame that is gone'}`
      )
      return { ok: false, error: { code: 'failed', message: 'untrusted sender' } }
    }
    return dispatch(core.handlers, method, args)
  }
}

export function setupIpc(ipcMain: Pick<IpcMain, 'handle'>, core: Pick<AppCore, 'handlers'>): void {
  for (const method of API_METHODS) ipcMain.handle(`${API_CHANNEL_PREFIX}${method}`, makeIpcHandler(core, method))
}
