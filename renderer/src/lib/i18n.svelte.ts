import { translate, type MessageKey, type MessageParams } from '../../../electron/core/i18n/translate'
import type { Language } from '../../../electron/core/storage/library-file'
import type { Bilingual } from '../../../electron/core/workshops/schema'

/** The UI language. Reading `i18n.t(...)` in a template re-renders it when the language changes. */
class I18n {
  language = $state<Language>('vi')

  t = (key: MessageKey, params?: MessageParams): string => translate(this.language, key, params)

  /** Picks the current language from bilingual content (workshop texts). */
  pick = (text: Bilingual | null | undefined): string => (text ? text[this.language] : '')

  set(language: Language): void {
    this.language = language
    document.documentElement.lang = language
  }
}

export const i18n = new I18n()
