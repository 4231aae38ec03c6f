import { defineCatalogue, type MessageParams } from './catalogue'
import { en } from './en'
import type { Language } from './language'
import { vi, type MessageKey } from './vi'

export type { MessageKey }
export { setMissingMessageHandler, type MessageParams, type MissingMessageHandler } from './catalogue'

/** The app's own catalogue: every text of the trainer's window and of the core's messages. */
export const uiMessages = defineCatalogue({ vi, en })

/**
 * Looks a message up, picks its plural form and fills its {placeholders}. A key missing in one language
 * falls back to the other (so the UI never shows blanks) and is reported; a key missing everywhere shows
 * as `⟦key⟧`. Takes any string because core messages arrive as data; the UI passes `MessageKey`s.
 */
export function translate(language: Language, key: MessageKey | (string & {}), params: MessageParams = {}): string {
  return uiMessages.text(language, key as MessageKey, params)
}

export function messageKeys(language: Language): string[] {
  return Object.keys(language === 'vi' ? vi : en)
}
