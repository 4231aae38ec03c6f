import { z } from 'zod'
import { BilingualSchema, LanguageSchema } from '../i18n/language'
import { checkDeclaredLanguages } from './workshop-languages'

/** The workshop package format (see workshops/FORMAT.md). Strict objects, so a typo in a key is reported. */
export const WORKSHOP_FORMAT = 1

const Id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id')
const Text = z.string().trim().min(1)

/**
 * A workshop as the API and the reports name it: its folder name. Looser than the ids inside a
 * manifest (`Id`), because a package's folder name is checked by the loader, not here.
 */
export const WorkshopIdSchema = z.string().regex(/^[a-z0-9-]{1,100}$/)

export const AUDIENCE_GROUPS = [
  'parents',
  'caregivers',
  'teachers',
  'community',
  'ngo-staff',
  'officials',
  'adolescents'
] as const

const blockBase = {
  id: Id,
  title: BilingualSchema,
  minutes: z.number().int().min(1).max(600),
  notes: BilingualSchema.optional()
}

const OptionSchema = z.strictObject({ id: Id, text: BilingualSchema })

export const QuizQuestionSchema = z.strictObject({
  id: Id,
  objective: Id,
  text: BilingualSchema,
  multiple: z.boolean().default(false),
  options: z
    .array(z.strictObject({ id: Id, text: BilingualSchema, correct: z.boolean().default(false) }))
    .min(2)
    .max(8),
  explanation: BilingualSchema.optional()
})
export type QuizQuestion = z.infer<typeof QuizQuestionSchema>

export const SlidesBlockSchema = z.strictObject({ ...blockBase, kind: z.literal('slides') })

export const DiscussionBlockSchema = z.strictObject({
  ...blockBase,
  kind: z.literal('discussion'),
  prompt: BilingualSchema,
  debrief: z.array(BilingualSchema).min(1),
  groupSize: z.number().int().min(2).max(12).optional()
})

export const PollBlockSchema = z.strictObject({
  ...blockBase,
  kind: z.literal('poll'),
  question: BilingualSchema,
  type: z.enum(['single', 'multiple', 'rating', 'open', 'words', 'ranking']),
  purpose: z.enum(['opinion', 'feedback']).default('opinion'),
  options: z.array(OptionSchema).min(2).max(8).optional(),
  /** `multiple` only: the most options one person may choose ("up to three"). */
  maxChoices: z.number().int().min(1).max(8).optional(),
  scale: z
    .strictObject({
      min: z.number().int().min(0).max(1),
      max: z.number().int().min(3).max(10),
      minLabel: BilingualSchema,
      maxLabel: BilingualSchema
    })
    .optional(),
  /** A ranking poll: order every option, or spread a fixed number of points over them. */
  ranking: z
    .discriminatedUnion('mode', [
      z.strictObject({ mode: z.literal('order') }),
      z.strictObject({ mode: z.literal('points'), points: z.number().int().min(2).max(100) })
    ])
    .optional()
})
export type PollBlock = z.infer<typeof PollBlockSchema>

export const QuizBlockSchema = z.strictObject({
  ...blockBase,
  kind: z.literal('quiz'),
  role: z.enum(['pre', 'post', 'practice']),
  passMarkPercent: z.number().min(0).max(100),
  questions: z.array(QuizQuestionSchema).min(1).max(30).optional(),
  questionsFrom: Id.optional()
})

export const ActivityBlockSchema = z.strictObject({
  ...blockBase,
  kind: z.literal('activity'),
  instructions: BilingualSchema,
  materials: BilingualSchema.optional()
})

export const BreakBlockSchema = z.strictObject({ ...blockBase, kind: z.literal('break') })

export const BlockSchema = z.discriminatedUnion('kind', [
  SlidesBlockSchema,
  DiscussionBlockSchema,
  PollBlockSchema,
  QuizBlockSchema,
  ActivityBlockSchema,
  BreakBlockSchema
])
export type Block = z.infer<typeof BlockSchema>
export type BlockKind = Block['kind']
export const BLOCK_KINDS: BlockKind[] = ['slides', 'discussion', 'poll', 'quiz', 'activity', 'break']

export const SourceSchema = z.strictObject({
  id: Id,
  title: Text,
  description: BilingualSchema,
  paragraphs: z.number().int().min(1).max(10000)
})
export type Source = z.infer<typeof SourceSchema>

export const PauseSchema = z.strictObject({
  script: z.array(BilingualSchema).min(1),
  contacts: z.array(BilingualSchema)
})
export type Pause = z.infer<typeof PauseSchema>

export const ManifestSchema = z.strictObject({
  format: z.literal(WORKSHOP_FORMAT),
  id: Id,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'version'),
  title: BilingualSchema,
  summary: BilingualSchema,
  audience: z.strictObject({
    groups: z.array(z.enum(AUDIENCE_GROUPS)).min(1),
    description: BilingualSchema
  }),
  durationMinutes: z.number().int().min(15).max(600),
  /** When the workshop usually starts (`HH:MM`): the printed guide's agenda and a new session's start count from it. */
  plannedStart: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .optional(),
  /** The workshop's languages, in order of preference: every text has each of them (see `checkDeclaredLanguages`). */
  languages: z
    .array(LanguageSchema)
    .min(1)
    .max(2)
    .refine((list) => new Set(list).size === list.length, { message: 'languages-repeated' }),
  objectives: z.array(z.strictObject({ id: Id, text: BilingualSchema })).min(1),
  contentNote: BilingualSchema,
  safeguarding: z.array(BilingualSchema).min(1),
  /** The safeguarding pause (one key in the presenter): what the trainer does, and whom to call. */
  pause: PauseSchema.optional(),
  sources: z.array(SourceSchema),
  blocks: z.array(BlockSchema).min(1),
  /** Set on a copy: the workshop and version it was adapted from. */
  derivedFrom: z.strictObject({ id: Id, version: z.string() }).optional()
}).superRefine(checkDeclaredLanguages)
export type Manifest = z.infer<typeof ManifestSchema>
