import type { Language } from './language'
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

/** Parameters that may themselves be messages: the reason inside a notice, a problem or an error. */
export type NestedParams = Record<string, string | number | UserMessage>

/** Text of `key` in `language`, with parameters that are messages translated first. */
export function translateNested(language: Language, key: string, params: NestedParams = {}): string {
  const flat: MessageParams = {}
  for (const [name, value] of Object.entries(params)) {
    flat[name] = typeof value === 'object' ? translateNested(language, value.key, value.params) : value
  }
  return translate(language, key, flat)
}

/** English text of a message, for logs and `Error.message` (the UI translates the key itself). */
export function inEnglish(message: UserMessage): string {
  return translate('en', message.key, message.params)
}

/**
 * Vietnamese first, English second, for the few places that speak before the UI language is known
 * (the desktop app's startup and print dialogs).
 */
export function inBothLanguages(message: UserMessage): string {
  return `${translate('vi', message.key, message.params)}\n\n${inEnglish(message)}`
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

/** The YAML parser's error codes a workshop author meets most, as sentences; others keep their code. */
const YAML_REASONS: Partial<Record<string, MessageKey>> = {
  DUPLICATE_KEY: 'reason.yaml-duplicate-key',
  BAD_INDENT: 'reason.yaml-bad-indent',
  TAB_AS_INDENT: 'reason.yaml-tab-indent',
  MISSING_CHAR: 'reason.yaml-missing-char',
  UNEXPECTED_TOKEN: 'reason.yaml-unexpected',
  BLOCK_AS_IMPLICIT_KEY: 'reason.yaml-implicit-key',
  MULTILINE_IMPLICIT_KEY: 'reason.yaml-implicit-key',
  BAD_SCALAR_START: 'reason.yaml-bad-start',
  BAD_DQ_ESCAPE: 'reason.yaml-bad-escape',
  MULTIPLE_DOCS: 'reason.yaml-multiple-docs'
}

export function yamlSyntaxReason(code: string): UserMessage {
  const key = YAML_REASONS[code]
  return key ? userMessage(key) : userMessage('reason.yaml-other', { code })
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
