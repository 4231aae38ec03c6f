import { z } from 'zod'

/**
 * The two languages of the app, Vietnamese first. Shared by storage, workshops and i18n, so it lives
 * here and imports nothing of theirs (storage used to own it, which made i18n and storage import each other).
 */
export const LanguageSchema = z.enum(['vi', 'en'])
export type Language = z.infer<typeof LanguageSchema>

const Text = z.string().trim().min(1)

/**
 * A text a person reads, in Vietnamese, English or both. A side may be absent: a single-language workshop has
 * only its language (`ManifestSchema` checks that every text has each language the workshop declares). Show one
 * through `textIn` (./text-in.ts), never by reading `.vi` or `.en`.
 */
export const BilingualSchema = z
  .strictObject({ vi: Text.optional(), en: Text.optional() })
  .refine((text) => text.vi !== undefined || text.en !== undefined, { message: 'text-empty' })
export type Bilingual = z.infer<typeof BilingualSchema>
