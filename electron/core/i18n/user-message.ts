import { translate, type MessageKey, type MessageParams } from './translate'

/**
 * Text the core produces for the trainer: a catalogue key and its parameters, never finished prose,
 * so the window shows it in its current language (and again in the other one after a switch).
 * Technical detail (a file path, a line and column, an error code) travels as a parameter.
 */
export interface UserMessage {
  key: MessageKey
  params: MessageParams
}

export function userMessage(key: MessageKey, params: MessageParams = {}): UserMessage {
  return { key, params }
}

/** English text of a message, for logs and `Error.message` (the UI translates the key itself). */
export function inEnglish(message: UserMessage): string {
  return translate('en', message.key, message.params)
}

/** An error whose text for the trainer is a catalogue message. */
export class LocalizedError extends Error {
  constructor(readonly reason: UserMessage) {
    super(inEnglish(reason))
    this.name = 'LocalizedError'
  }
}

/** Operating-system error codes a trainer can act on; any other code is shown as it is. */
const FILE_SYSTEM_REASONS: Record<string, MessageKey> = {
  ENOSPC: 'reason.disk-full',
  EDQUOT: 'reason.disk-full',
  EACCES: 'reason.no-permission',
  EPERM: 'reason.no-permission',
  EROFS: 'reason.read-only',
  EIO: 'reason.disk-error',
  ENOENT: 'reason.not-found',
  EBUSY: 'reason.busy'
}

/**
 * What went wrong, for any thrown value: a LocalizedError keeps its message, a file-system error
 * becomes a sentence about its code, anything else (a bug) keeps its own text as a parameter.
 */
export function reasonOf(error: unknown): UserMessage {
  if (error instanceof LocalizedError) return error.reason
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined
  if (code) return userMessage(FILE_SYSTEM_REASONS[code] ?? 'reason.system-error', { code })
  return userMessage('reason.unexpected', { detail: error instanceof Error ? error.message : String(error) })
}

/**
 * Why `JSON.parse(text)` failed, as a line and column when the engine says where (its own wording
 * is English and changes between versions, so only the position is kept).
 */
export function jsonSyntaxReason(error: unknown, text: string): UserMessage {
  const message = error instanceof Error ? error.message : ''
  const position = /at position (\d+)/.exec(message)?.[1]
  const offset = position !== undefined ? Number(position) : /end of JSON input/.test(message) ? text.length : null
  if (offset === null) return userMessage('reason.json-invalid')
  const before = text.slice(0, offset).split('\n')
  return userMessage('reason.json-invalid-at', { line: before.length, column: before.at(-1)!.length + 1 })
}
