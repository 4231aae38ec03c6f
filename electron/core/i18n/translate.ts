import { en } from './en'
import { vi, type MessageKey } from './vi'
import type { Language } from './language'

export type { MessageKey }
export type MessageParams = Record<string, string | number>

const catalogues: Record<Language, Partial<Record<MessageKey, string>>> = { vi, en }

/** Reported when a key has no text in the requested language; tests fail on it. */
export type MissingMessageHandler = (language: Language, key: string) => void

let onMissing: MissingMessageHandler = (language, key) => {
  console.warn(`[i18n] missing message "${key}" for language "${language}"`)
}

export function setMissingMessageHandler(handler: MissingMessageHandler): void {
  onMissing = handler
}

/**
 * Looks a message up and fills its {placeholders}. A key missing in one language falls back to the
 * other language (so the UI never shows blanks) and is reported; a key missing everywhere shows as
 * `⟦key⟧` so it is visible on screen and in screenshots.
 */
export function translate(language: Language, key: string, params: MessageParams = {}): string {
  let text = catalogues[language][key as MessageKey]
  if (text === undefined) {
    onMissing(language, key)
    text = catalogues[language === 'vi' ? 'en' : 'vi'][key as MessageKey] ?? `⟦${key}⟧`
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

export function messageKeys(language: Language): string[] {
  return Object.keys(catalogues[language])
}
