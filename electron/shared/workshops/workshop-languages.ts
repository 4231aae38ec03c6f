import type { z } from 'zod'
import type { Language } from '../i18n/language'
import { ALL_LANGUAGES } from '../i18n/text-in'

/** A text of a manifest (an object of `vi`/`en` strings) and where it is. */
export interface TextAt {
  path: (string | number)[]
  text: Partial<Record<Language, unknown>>
}

const isText = (value: object): boolean => {
  const keys = Object.keys(value)
  return keys.length > 0 && keys.every((key) => key === 'vi' || key === 'en')
}

/** Every text of a manifest (title, prompts, options, …) with its path, found by its shape: only `vi`/`en` keys. */
export function manifestTexts(value: unknown, path: (string | number)[] = []): TextAt[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => manifestTexts(item, [...path, i]))
  if (typeof value !== 'object' || value === null) return []
  if (isText(value)) return [{ path, text: value as TextAt['text'] }]
  return Object.entries(value).flatMap(([key, item]) => manifestTexts(item, [...path, key]))
}

/**
 * The contract of a single- or two-language workshop (part of `ManifestSchema`): every text has each
 * language the workshop declares. Texts in a language it does not declare are allowed (the loader warns).
 */
export function checkDeclaredLanguages(
  manifest: { languages: Language[] },
  ctx: z.core.$RefinementCtx<{ languages: Language[] }>
): void {
  const declared = ALL_LANGUAGES.filter((language) => manifest.languages.includes(language))
  for (const { path, text } of manifestTexts(manifest)) {
    for (const language of declared) {
      if (typeof text[language] !== 'string') {
        ctx.addIssue({ code: 'custom', path: [...path, language], message: 'text-missing', params: { language } })
      }
    }
  }
}

/** Texts present in a language the workshop does not declare: they are never shown. */
export function undeclaredTexts(manifest: { languages: Language[] }): { path: (string | number)[]; language: Language }[] {
  const undeclared = ALL_LANGUAGES.filter((language) => !manifest.languages.includes(language))
  return manifestTexts(manifest).flatMap(({ path, text }) =>
    undeclared.filter((language) => text[language] !== undefined).map((language) => ({ path, language }))
  )
}
