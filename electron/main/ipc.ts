import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import type { AppCore } from '../core/app-core'
import { API_CHANNEL_PREFIX } from '../core/api/bridge'
import { API_METHODS, type ApiMethod, type ApiReply } from '../core/api/contract'
import { dispatch } from '../core/api/dispatch'
import { isTrustedSender } from './security'

/** One handler per API method: refuses frames that are not the app, then validates and dispatches. */
export function makeIpcHandler(
  core: Pick<AppCore, 'handlers'>,
  method: ApiMethod
): (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, args: unknown) => Promise<ApiReply> {
  return async (event, args) => {
    if (!isTrustedSender(event.senderFrame)) {
      console.warn(`Roundtable: refused ${method} from ${event.senderFrame?.url ?? 'an unknown frame'}`)
      return { ok: false, error: { code: 'failed', message: 'untrusted sender' } }
    }
    return dispatch(core.handlers, method, args)
  }
}

export function setupIpc(ipcMain: IpcMain, core: AppCore): void {
  for (const method of API_METHODS) ipcMain.handle(`${API_CHANNEL_PREFIX}${method}`, makeIpcHandler(core, method))
}
