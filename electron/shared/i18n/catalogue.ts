import type { Language } from './language'

/**
 * The one way the app turns a message key into text: every catalogue (the UI, the summaries and reports,
 * the printed guides, the phone pages) is made with `defineCatalogue`, so placeholders, plural forms and
 * the fallback to the other language work the same everywhere.
 */

/**
 * A message whose words change with a number, one text per plural category of the language
 * (`Intl.PluralRules`): English has `one` and `other`, Vietnamese only `other`, so Vietnamese writes
 * plain strings. The number is the `count` parameter unless `by` names another one.
 */
export interface PluralMessage {
  readonly one?: string
  readonly other: string
  readonly by?: string
}

/** Plain text, or a text per plural category. Placeholders are written `{name}`. */
export type Message = string | PluralMessage

export type MessageParams = Record<string, string | number>

/** The locale whose conventions (plural rules, dates, numbers) each language follows. */
export const LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' }

/** Reported when a key has no text in the requested language; tests fail on it. */
export type MissingMessageHandler = (language: Language, key: string) => void

let onMissing: MissingMessageHandler = (language, key) => {
  console.warn(`[i18n] missing message "${key}" for language "${language}"`)
}

/** Sets who hears about missing messages, for every catalogue. */
export function setMissingMessageHandler(handler: MissingMessageHandler): void {
  onMissing = handler
}

const pluralRules: Partial<Record<Language, Intl.PluralRules>> = {}

/** The plural category of `count` in `language`: "one" or "other" in English, always "other" in Vietnamese. */
export function pluralCategory(language: Language, count: number): Intl.LDMLPluralRule {
  pluralRules[language] ??= new Intl.PluralRules(LOCALES[language])
  return pluralRules[language].select(count)
}

/** The form of `message` that fits its number; `other` when the language has no form for that category. */
function pickForm(language: Language, message: Message, params: MessageParams): string {
  if (typeof message === 'string') return message
  const count = Number(params[message.by ?? 'count'])
  const category = Number.isFinite(count) ? pluralCategory(language, count) : 'other'
  return (category === 'one' ? message.one : undefined) ?? message.other
}

/** Fills `{name}` placeholders; a placeholder without a parameter stays visible as it is. */
export function fillPlaceholders(text: string, params: MessageParams): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole
  )
}

/** The placeholder names of a text, sorted (for parity checks). */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort()
}

/** Every text of a message: the string itself, or each plural form. */
export function formsOf(message: Message): string[] {
  return typeof message === 'string' ? [message] : [message.one, message.other].filter((form) => form !== undefined)
}

export interface Catalogue<K extends string> {
  /** The text of `key` in `language`, its plural form chosen and placeholders filled. */
  text(language: Language, key: K, params?: MessageParams): string
  /** Whether `key` is one of this catalogue's keys (for catalogues that defer to another). */
  has(key: string): key is K
  readonly keys: readonly K[]
  /** The raw messages, for the parity test. */
  readonly messages: Readonly<Record<Language, Readonly<Record<K, Message>>>>
}

/**
 * Makes a catalogue from its Vietnamese and English messages. The keys come from the Vietnamese one
 * (the source of truth); the English one must have exactly the same keys, or the call does not compile.
 * A key missing at run time (a catalogue built from data) falls back to the other language and is
 * reported; a key missing everywhere shows as `⟦key⟧`, visible on screen and in screenshots.
 */
export function defineCatalogue<const K extends string, E extends Record<K, Message>>(messages: {
  vi: Readonly<Record<K, Message>>
  en: E & Readonly<Record<Exclude<keyof E, K>, never>>
}): Catalogue<K> {
  const lookup = (language: Language, key: string): Message | undefined =>
    Object.hasOwn(messages[language], key) ? messages[language][key as K] : undefined
  return {
    text(language, key, params = {}) {
      let message = lookup(language, key)
      if (message === undefined) {
        onMissing(language, key)
        message = lookup(language === 'vi' ? 'en' : 'vi', key) ?? `⟦${key}⟧`
      }
      return fillPlaceholders(pickForm(language, message, params), params)
    },
    has: (key): key is K => Object.hasOwn(messages.vi, key) || Object.hasOwn(messages.en, key),
    keys: Object.keys(messages.vi) as K[],
    messages
  }
}
