import { getContext, setContext } from 'svelte'
import type { Language } from '../../../../electron/shared/i18n/language'
import { ALL_LANGUAGES } from '../../../../electron/shared/i18n/text-in'
import { manifestTexts } from '../../../../electron/shared/workshops/workshop-languages'
import type { WorkshopDraft } from '../../../../electron/core/api/contract'

/**
 * The languages of the workshop being edited (single-language workshops): the editor shows the fields of these only.
 * The editor screen provides them; every bilingual field reads them.
 */
const KEY = Symbol('editor-languages')

export function provideEditorLanguages(languages: () => readonly Language[]): void {
  setContext(KEY, languages)
}

/** A getter of the workshop's languages; both outside an editor. */
export function useEditorLanguages(): () => readonly Language[] {
  return getContext<(() => readonly Language[]) | undefined>(KEY) ?? (() => ALL_LANGUAGES)
}

/** A draft's declared languages in both languages' order of preference (both when the draft has none readable). */
export function declaredLanguages(manifest: Record<string, unknown>): Language[] {
  const list = Array.isArray(manifest.languages) ? manifest.languages : []
  const known = list.filter((l): l is Language => l === 'vi' || l === 'en')
  return known.length > 0 ? [...new Set(known)] : [...ALL_LANGUAGES]
}

/** Drops one language from a draft: its side of every text and its slides (the caller has asked first). */
export function dropLanguage(draft: WorkshopDraft, language: Language): void {
  draft.manifest.languages = declaredLanguages(draft.manifest).filter((l) => l !== language)
  for (const { text } of manifestTexts(draft.manifest)) delete text[language]
  for (const slides of Object.values(draft.slides)) slides[language] = ''
}

/**
 * Adds a language after the others: its texts are missing until typed, and the loader lists each one as a
 * problem with its field and line, which is what the trainer then translates.
 */
export function addLanguage(draft: WorkshopDraft, language: Language): void {
  draft.manifest.languages = [...declaredLanguages(draft.manifest).filter((l) => l !== language), language]
}

/**
 * Blank sides are left out of the saved workshop, so a text missing a declared language is reported as such
 * ("no text in English") and a single-language workshop has no empty texts of its other language.
 */
export function withoutBlankSides<T extends WorkshopDraft>(draft: T): T {
  const copy = structuredClone(draft)
  for (const { text } of manifestTexts(copy.manifest)) {
    for (const language of ALL_LANGUAGES) {
      const side = text[language]
      if (typeof side === 'string' && side.trim() === '') delete text[language]
    }
  }
  return copy
}
