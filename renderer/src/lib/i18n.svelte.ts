import { translate, type MessageKey, type MessageParams } from '../../../electron/core/i18n/translate'
import { translateNested, type NestedParams } from '../../../electron/core/i18n/user-message'
import type { Language } from '../../../electron/core/storage/library-file'
import type { Bilingual } from '../../../electron/core/workshops/schema'

/** A message to show, whose parameters may themselves be messages from the core (a reason inside a notice). */
export interface ShownMessage {
  key: MessageKey
  params: NestedParams
}

/** The UI language. Reading `i18n.t(...)` in a template re-renders it when the language changes. */
class I18n {
  language = $state<Language>('vi')

  t = (key: MessageKey, params?: MessageParams): string => translate(this.language, key, params)

  /** Text of a message the core sent (key and parameters), nested messages translated first. */
  say = (message: ShownMessage): string => translateNested(this.language, message.key, message.params)

  /** Picks the current language from bilingual content (workshop texts). */
  pick = (text: Bilingual | null | undefined): string => (text ? text[this.language] : '')

  set(language: Language): void {
    this.language = language
    // Absent in unit tests, which run the state classes without a page.
    if (typeof document !== 'undefined') document.documentElement.lang = language
  }
}

export const i18n = new I18n()
