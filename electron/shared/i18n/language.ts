import { z } from 'zod'

/**
 * The two languages of the app, Vietnamese first. Shared by storage, workshops and i18n, so it lives
 * here and imports nothing of theirs (storage used to own it, which made i18n and storage import each other).
 */
export const LanguageSchema = z.enum(['vi', 'en'])
export type Language = z.infer<typeof LanguageSchema>

const Text = z.string().trim().min(1)

/** Every text a person reads exists in Vietnamese and English. */
export const BilingualSchema = z.strictObject({ vi: Text, en: Text })
export type Bilingual = z.infer<typeof BilingualSchema>
