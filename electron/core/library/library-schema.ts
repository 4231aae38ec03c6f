import { z } from 'zod'
import { UserMessageSchema } from '../../shared/i18n/user-message-schema'
import { BilingualSchema, LanguageSchema } from '../../shared/i18n/language'
import { AUDIENCE_GROUPS, type Manifest } from '../../shared/workshops/schema'

/**
 * What the library gives the trainer's windows: a summary of each workshop, one workshop in full,
 * and a workshop as the editor holds it. The API contract carries these schemas as they are.
 */

/** A problem found in a package (see workshops/problems.ts); the window words it from code and params. */
export const ProblemSchema = z.object({
  file: z.string(),
  line: z.number().optional(),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), UserMessageSchema]))
})

export const WorkshopSummarySchema = z.object({
  id: z.string(),
  origin: z.enum(['bundled', 'user']),
  /** Null when the package is invalid and its manifest could not be read. */
  version: z.string().nullable(),
  title: BilingualSchema.nullable(),
  summary: BilingualSchema.nullable(),
  audience: z.array(z.enum(AUDIENCE_GROUPS)),
  durationMinutes: z.number().nullable(),
  blockCount: z.number(),
  problems: z.array(ProblemSchema),
  /** The workshop's languages (empty when its manifest could not be read). */
  languages: z.array(LanguageSchema).default([]),
  /** What loads but is worth knowing: texts in a language the workshop does not declare (never shown). */
  warnings: z.array(ProblemSchema).default([])
})
export type WorkshopSummary = z.infer<typeof WorkshopSummarySchema>

const SlideSchema = z.object({ html: z.string(), notesHtml: z.string() })

export const WorkshopDetailSchema = z.object({
  summary: WorkshopSummarySchema,
  /** The manifest the loader validated (workshops/schema.ts), or null when the package is invalid. */
  manifest: z.custom<Manifest>().nullable(),
  slides: z.record(z.string(), z.object({ vi: z.array(SlideSchema), en: z.array(SlideSchema) })),
  citationCounts: z.record(z.string(), z.number())
})
export type WorkshopDetail = z.infer<typeof WorkshopDetailSchema>

/** A workshop being edited: the manifest as plain data (possibly incomplete) and each slides block's Markdown. */
export const WorkshopDraftSchema = z.object({
  manifest: z.record(z.string(), z.unknown()),
  slides: z.record(z.string().max(100), z.object({ vi: z.string().max(1024 * 1024), en: z.string().max(1024 * 1024) }))
})
export type WorkshopDraft = z.infer<typeof WorkshopDraftSchema>
