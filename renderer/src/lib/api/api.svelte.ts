import type { ApiMethod, ApiResult } from '../../../../electron/core/api/contract'
import { LocalizedError, reasonOf } from '../../../../electron/shared/i18n/user-message'
import type { ShownMessage } from '../i18n.svelte'
import { ApiCallError, type ApiClient, type CallArgs } from './client'

/** What the trainer reads for a failed call: "no connection", or the core's reason. */
export function messageOf(error: unknown): ShownMessage {
  if (error instanceof ApiCallError && error.message === 'connection')
    return { key: 'app.error.connection', params: {} }
  return { key: 'app.error.api', params: { message: error instanceof ApiCallError ? error.reason : reasonOf(error) } }
}

/**
 * The API as screens and state classes use it: a failed call answers `undefined` and its reason is
 * kept in `error` (shown once, at the top of the window) instead of being lost.
 */
export class Api {
  /** The last failure, kept as a message so it follows a language switch; cleared when a call starts. */
  error = $state.raw<ShownMessage | null>(null)

  constructor(readonly client: ApiClient) {}

  async call<M extends ApiMethod>(method: M, ...args: CallArgs<M>): Promise<ApiResult<M> | undefined> {
    this.error = null
    try {
      return await this.client.call(method, ...args)
    } catch (error) {
      this.fail(error)
      return undefined
    }
  }

  fail(error: unknown): void {
    this.error = messageOf(error)
  }

  /**
   * Prints through the host (Electron: PDF through a save dialog; browser: a PDF download, or a print tab
   * when the host has no Chromium, and why is kept in `error`).
   */
  async print(file: { html: string; fileName: string } | undefined): Promise<void> {
    if (!file) return
    try {
      await this.client.printDocument(file.html, file.fileName)
    } catch (error) {
      // The host's own sentence (no Chromium: the print tab instead) reads better without "the request failed".
      if (error instanceof LocalizedError) this.error = error.reason
      else this.fail(error)
    }
  }
}

/**
 * Something a screen loads and reloads (a workshop, a summary for a language, a filtered report):
 * only the reply to the newest request is kept, whatever order the replies arrive in, and a failed
 * reload keeps what was shown.
 */
export class Loader<T> {
  value = $state.raw<T | null>(null)
  loading = $state(false)
  private latest = 0

  /** Starts a request; resolves to its value, or undefined when it failed or a newer one superseded it. */
  async load(request: () => Promise<T | undefined>): Promise<T | undefined> {
    const ticket = ++this.latest
    this.loading = true
    try {
      const value = await request()
      if (ticket !== this.latest) return undefined
      if (value !== undefined) this.value = value
      return value
    } finally {
      if (ticket === this.latest) this.loading = false
    }
  }
}
