import { z } from 'zod'
import { LanguageSchema } from '../i18n/language'
import { ManifestSchema } from '../workshops/schema'
import { SessionIdSchema, SessionStatusSchema } from './ids'

/**
 * A live (or finished) session, saved as `sessions/<id>.json`. It keeps a snapshot of the workshop it
 * runs, so later edits to the workshop never rewrite what happened.
 */
export const SESSION_SCHEMA_VERSION = 1

export const SEXES = ['female', 'male', 'other'] as const
export const AGE_GROUPS = ['under-18', '18-24', '25-59', '60-plus'] as const

const Iso = z.string().min(10).max(40)
const Count = z.number().int().min(0).max(100_000)

export const SessionDetailsSchema = z.strictObject({
  venue: z.string().trim().max(200),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  trainer: z.string().trim().max(200),
  language: LanguageSchema,
  plannedStart: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/)
})
export type SessionDetails = z.infer<typeof SessionDetailsSchema>

const SlideSnapshotSchema = z.object({ html: z.string(), notesHtml: z.string() })

export const WorkshopSnapshotSchema = z.object({
  manifest: ManifestSchema,
  slides: z.record(z.string(), z.object({ vi: z.array(SlideSnapshotSchema), en: z.array(SlideSnapshotSchema) }))
})
export type WorkshopSnapshot = z.infer<typeof WorkshopSnapshotSchema>

/** One answer from one phone (or shared phone). Device keys are random per phone, never personal data. */
export const PhoneAnswerSchema = z.object({
  /** Option ids (single/multiple/quiz question), a rating as text, or open text. */
  values: z.record(z.string(), z.array(z.string().max(300)).max(10)),
  participantNumber: z.string().max(12).optional(),
  at: Iso
})
export type PhoneAnswer = z.infer<typeof PhoneAnswerSchema>

/** Answers recorded under a sign-in number: typed in from a paper sheet, or read from a card by the webcam. */
export const SHEET_SOURCES = ['paper', 'card'] as const
export type SheetSource = (typeof SHEET_SOURCES)[number]
export const SheetAnswerSchema = z.object({
  /** Question id (polls use the block id) → chosen option ids. */
  values: z.record(z.string(), z.array(z.string().max(100)).max(10)),
  source: z.enum(SHEET_SOURCES),
  at: Iso
})
export type SheetAnswer = z.infer<typeof SheetAnswerSchema>

export const PollRunSchema = z.object({
  mode: z.enum(['tally', 'phones']),
  status: z.enum(['open', 'closed']),
  hideResults: z.boolean(),
  openedAt: Iso,
  closedAt: Iso.nullable(),
  /** Show-of-hands counts: `questionId/optionId` → count (polls use the block id as question id). */
  tally: z.record(z.string(), Count),
  /** Number of people who took part in a tallied quiz (for means and % mastered). */
  tallyRespondents: Count,
  /** Phone answers by device key: one per device, replaced until the poll closes. */
  answers: z.record(z.string(), PhoneAnswerSchema),
  /** Open-text answers the trainer approved for the projector, by device key. */
  approved: z.array(z.string()),
  /** Paper-sheet and card answers by normalised sign-in number (sessions saved before them have none). */
  sheets: z.record(z.string(), SheetAnswerSchema).default({})
})
export type PollRun = z.infer<typeof PollRunSchema>

/** One anonymous question from the room; the device key is the phone's random key, never shown or exported. */
export const QUESTION_STATUSES = ['new', 'approved', 'hidden', 'answered'] as const
export const QuestionSchema = z.object({
  id: z.string().max(100),
  text: z.string().max(1000),
  deviceKey: z.string().max(100),
  at: Iso,
  status: z.enum(QUESTION_STATUSES),
  /** Device keys that upvoted it, one vote each. */
  votes: z.array(z.string().max(100)),
  /** Taken to the parking lot (its text was added there). */
  parked: z.boolean().default(false)
})
export type Question = z.infer<typeof QuestionSchema>

export const TimelineEntrySchema = z.object({ blockId: z.string(), startedAt: Iso, endedAt: Iso.nullable() })

export const SessionSchema = z.object({
  id: SessionIdSchema,
  createdAt: Iso,
  updatedAt: Iso,
  status: SessionStatusSchema,
  workshop: z.object({ id: z.string(), version: z.string() }),
  snapshot: WorkshopSnapshotSchema,
  details: SessionDetailsSchema,
  position: z.object({ block: z.number().int().min(0), slide: z.number().int().min(0) }),
  /** What the projector shows instead of the workshop: black, white, or the calm screen of a safeguarding pause. */
  blank: z.enum(['black', 'white', 'pause']).nullable(),
  /** When each block was actually run (planned vs actual timing). */
  timeline: z.array(TimelineEntrySchema),
  /** The discussion/activity countdown on screen. */
  timer: z
    .object({ blockId: z.string(), durationMs: z.number(), startedAt: Iso.nullable(), elapsedMs: z.number() })
    .nullable(),
  polls: z.record(z.string(), PollRunSchema),
  attendance: z.record(z.enum(SEXES), z.record(z.enum(AGE_GROUPS), Count)),
  notes: z.array(
    z.object({ id: z.string(), blockId: z.string(), group: z.string().max(60), text: z.string().max(2000), at: Iso })
  ),
  parkingLot: z.array(z.object({ id: z.string(), text: z.string().max(1000), at: Iso })),
  closingRemarks: z.string().max(10_000),
  /** Questions from the room (sessions saved before Q&A have none). */
  questions: z.array(QuestionSchema).default([]),
  /** What the projector shows over the workshop, when not blank: the approved questions. */
  screen: z.enum(['questions']).nullable().default(null)
})
export type Session = z.infer<typeof SessionSchema>

/** The live part of a session that windows follow; the workshop snapshot is fetched once, not on every change. */
export const SessionLiveSchema = SessionSchema.omit({ snapshot: true })
export type SessionLive = z.infer<typeof SessionLiveSchema>

export const SessionFileSchema = z.object({
  schemaVersion: z.literal(SESSION_SCHEMA_VERSION),
  session: SessionSchema
})
export type SessionFile = z.infer<typeof SessionFileSchema>

export function emptyAttendance(): Session['attendance'] {
  const row = (): Record<(typeof AGE_GROUPS)[number], number> =>
    Object.fromEntries(AGE_GROUPS.map((age) => [age, 0])) as Record<(typeof AGE_GROUPS)[number], number>
  return { female: row(), male: row(), other: row() }
}
