import type { Bilingual, Language } from './language'

/** Both languages, Vietnamese first: what a text without a workshop's list of languages falls back through. */
export const ALL_LANGUAGES: readonly Language[] = ['vi', 'en']

/**
 * The one way a workshop text is shown: in the wanted language when the workshop declares it and the text has
 * it, otherwise in the workshop's first language that has it (then in any language present). A text in a
 * language the workshop does not declare is never preferred (the loader warns that it will not be shown).
 * Only an absent text gives an empty string; a checked workshop always has its first language.
 */
export function textIn(
  text: Bilingual | null | undefined,
  language: Language,
  languages: readonly Language[] = ALL_LANGUAGES
): string {
  if (!text) return ''
  const wanted = languages.includes(language) ? text[language] : undefined
  if (wanted) return wanted
  for (const each of [...languages, ...ALL_LANGUAGES]) {
    const found = text[each]
    if (found) return found
  }
  return ''
}

/** The language `textIn` shows for a workshop and a wanted language (for `lang` attributes and labels). */
export function languageShown(language: Language, languages: readonly Language[]): Language {
  return languages.includes(language) ? language : (languages[0] ?? language)
}

/** A slides block's slides in the wanted language, or in the workshop's first language when it has none there. */
export function slidesIn<T>(
  perLanguage: Partial<Record<Language, T[]>> | undefined,
  language: Language,
  languages: readonly Language[] = ALL_LANGUAGES
): T[] {
  if (!perLanguage) return []
  return perLanguage[languageShown(language, languages)] ?? []
}
