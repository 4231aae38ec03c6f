import { formatDate, formatDateTime, formatNumber, formatTime } from '../../../electron/shared/i18n/format'
import type { Bilingual, Language } from '../../../electron/shared/i18n/language'
import { translate, type MessageKey, type MessageParams } from '../../../electron/shared/i18n/translate'
import { translateNested, type NestedParams } from '../../../electron/shared/i18n/user-message'
import { textIn } from '../../../electron/shared/i18n/text-in'

/** A message to show, whose parameters may themselves be messages from the core (a reason inside a notice). */
export interface ShownMessage {
  key: MessageKey
  params: NestedParams
}

/** The UI language. Reading `i18n.t(...)` in a template re-renders it when the language changes. */
class I18n {
  language = $state<Language>('vi')

  /** A message's text, its plural form chosen by the `count` parameter (see i18n/catalogue.ts). */
  t = (key: MessageKey, params?: MessageParams): string => translate(this.language, key, params)

  /** Text of a message the core sent (key and parameters), nested messages translated first. */
  say = (message: ShownMessage): string => translateNested(this.language, message.key, message.params)

  /** A workshop text in the UI language, or the workshop's first language when it has none (see `textIn`). */
  pick = (text: Bilingual | null | undefined, languages?: readonly Language[]): string =>
    textIn(text, this.language, languages)

  /** Numbers, dates and times in the UI language; times in the computer's time zone (i18n/format.ts). */
  number = (value: number, digits?: number): string => formatNumber(this.language, value, digits)
  date = (isoDate: string): string => formatDate(this.language, isoDate)
  time = (instant: string | Date): string => formatTime(this.language, instant)
  dateTime = (instant: string | Date): string => formatDateTime(this.language, instant)

  set(language: Language): void {
    this.language = language
    // Absent in unit tests, which run the state classes without a page.
    if (typeof document !== 'undefined') document.documentElement.lang = language
  }
}

export const i18n = new I18n()
