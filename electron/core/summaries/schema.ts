import { z } from 'zod'
import { SessionStatusSchema } from '../../shared/sessions/ids'
import { AGE_GROUPS, SEXES } from '../../shared/sessions/model'
import { LanguageSchema } from '../../shared/i18n/language'

/**
 * The session summary the programme / M&E team receives: plain data, serialisable, with every text
 * already in the summary's language. It holds counts and means, and each person's answers under a
 * per-session code R001… (`responses`): no participant numbers, no device keys, nothing that identifies
 * a participant.
 *
 * The schema is strict so that a summary file gathered from a trainer's laptop is checked field by
 * field, and it cross-checks the totals so that a hand-edited number is noticed.
 */
const Id = z.string().min(1).max(100)
const Text = z.string().max(20_000)
const ShortText = z.string().max(1_000)
const Iso = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'an ISO date-time in UTC')
const Count = z.number().int().min(0).max(10_000_000)
const Percent = z.number().min(0).max(100)
const Points = z.number().min(-100).max(100)
const Minutes = z.number().min(0).max(1_000_000)

/** Summaries made before Q&A have no `questions`. Never a hidden question's text, never who asked or voted. */
const RoomQuestionsSchema = z
  .strictObject({
    received: Count,
    hidden: Count,
    unreviewed: Count,
    items: z
      .array(z.strictObject({ text: ShortText, votes: Count, status: z.enum(['approved', 'answered', 'parking']) }))
      .max(10_000)
  })
  .refine((q) => q.items.length + q.hidden + q.unreviewed === q.received, {
    message: 'received does not add up',
    path: ['received']
  })
export type RoomQuestions = z.infer<typeof RoomQuestionsSchema>

/** The one way a poll or quiz was collected, 'mixed' for several (older summaries know only tally and phones). */
export const COLLECTED = ['tally', 'phones', 'paper', 'cards', 'mixed', 'not run'] as const
export type Collected = (typeof COLLECTED)[number]

/**
 * Respondents by how they answered: persons by phone, paper sheet and webcam card, and people counted by
 * a show of hands (null when hands were raised for several choices and nobody counted the people).
 * Optional: summaries made before paper sheets and cards do not have it.
 */
export const SourcesSchema = z.strictObject({ phones: Count, paper: Count, cards: Count, hands: Count.nullable() })
export type Sources = z.infer<typeof SourcesSchema>

export const PollSummarySchema = z.strictObject({
  blockId: Id,
  title: ShortText,
  question: ShortText,
  type: z.enum(['single', 'multiple', 'rating', 'open', 'words', 'ranking']),
  purpose: z.enum(['opinion', 'feedback']),
  collected: z.enum(COLLECTED),
  sources: SourcesSchema.optional(),
  /** People who answered; null when it cannot be known (hands raised for several choices, nobody counted). */
  respondents: Count.nullable(),
  /** Every option (or scale point) in order, with its count; empty for open questions. */
  options: z.array(z.strictObject({ key: Id, label: ShortText, count: Count })).max(20),
  scale: z.strictObject({ min: z.number().int(), max: z.number().int() }).nullable(),
  /** Mean of a rating poll; null otherwise or without answers. */
  mean: z.number().min(0).max(10).nullable(),
  /** Open-text answers the trainer approved, as text only. */
  openAnswers: z.array(ShortText).max(10_000),
  /** A word cloud: each normalised entry with the entries received and approved (no device keys). */
  words: z
    .array(z.strictObject({ text: ShortText, received: Count, approved: Count }))
    .max(10_000)
    .optional(),
  /** A ranking poll: per option, best first, the mean rank (order) or the mean and total points (points). */
  ranking: z
    .strictObject({
      mode: z.enum(['order', 'points']),
      points: z.number().int().min(2).max(100).nullable(),
      options: z
        .array(
          z.strictObject({
            key: Id,
            label: ShortText,
            meanRank: z.number().min(1).max(8).nullable(),
            meanPoints: z.number().min(0).max(100).nullable(),
            totalPoints: Count.nullable()
          })
        )
        .max(8)
    })
    .optional()
})
export type PollSummary = z.infer<typeof PollSummarySchema>

export const QuizSummarySchema = z.strictObject({
  blockId: Id,
  title: ShortText,
  role: z.enum(['pre', 'post', 'practice']),
  collected: z.enum(COLLECTED),
  sources: SourcesSchema.optional(),
  passMarkPercent: Percent,
  respondents: Count,
  meanScorePercent: Percent.nullable(),
  /** Passed ÷ tested × 100; null when any answers came from a show of hands (no per-person scores). */
  masteredPercent: Percent.nullable(),
  tested: Count.nullable(),
  passed: Count.nullable(),
  questions: z
    .array(
      z.strictObject({
        questionId: Id,
        text: ShortText,
        answered: Count,
        correct: Count,
        correctPercent: Percent.nullable(),
        /**
         * A multiple-answer question run by show of hands: hands per option and their share of the people
         * counted. Per-person correctness for it needs phones, paper or cards, so `answered` and `correct`
         * count only those.
         */
        hands: z
          .array(z.strictObject({ label: ShortText, count: Count, sharePercent: Percent.nullable() }))
          .max(20)
          .optional()
      })
    )
    .max(30)
})
export type QuizSummary = z.infer<typeof QuizSummarySchema>

export const QuizChangeSchema = z.strictObject({
  preBlockId: Id,
  postBlockId: Id,
  meanScorePoints: Points.nullable(),
  masteredPoints: Points.nullable(),
  questions: z
    .array(
      z.strictObject({
        questionId: Id,
        text: ShortText,
        prePercent: Percent.nullable(),
        postPercent: Percent.nullable(),
        changePoints: Points.nullable()
      })
    )
    .max(30)
})
export type QuizChange = z.infer<typeof QuizChangeSchema>

export const TimingBlockSchema = z.strictObject({
  blockId: Id,
  title: ShortText,
  kind: z.enum(['slides', 'discussion', 'poll', 'quiz', 'activity', 'break']),
  plannedMinutes: Minutes,
  actualMinutes: Minutes,
  /** Whether the block was shown at all while the session was running. */
  ran: z.boolean()
})
export type TimingBlock = z.infer<typeof TimingBlockSchema>

/**
 * One respondent's answer to one question (issue 14, item 8): a per-session code, never a sign-in number
 * or a device key; rows only for persons (phones, paper, cards), never for hands; open text only approved.
 * Optional: summaries made before it do not have it.
 */
export const ResponseRowSchema = z.strictObject({
  respondent: z.string().regex(/^R\d{3,7}$/, 'a respondent code R001…'),
  blockId: Id,
  questionId: Id,
  source: z.enum(['phone', 'paper', 'card']),
  /** Option ids in option order joined by `|`; a rating's number; a ranking's `option:rank` or `option:points`. */
  answer: z.union([ShortText, z.number()]).nullable(),
  /** Tests only: 1 when the answer is right, else 0. */
  correct: z.union([z.literal(0), z.literal(1)]).optional()
})
export type ResponseRow = z.infer<typeof ResponseRowSchema>

export const SessionSummarySchema = z
  .strictObject({
    sessionId: Id,
    generatedAt: Iso,
    language: LanguageSchema,
    /** Set when the workshop's texts are in another language than the summary's (a single-language workshop). */
    textLanguage: LanguageSchema.optional(),
    workshop: z.strictObject({ id: Id, version: z.string().max(40), title: ShortText }),
    venue: ShortText,
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    trainer: ShortText,
    plannedStart: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    status: SessionStatusSchema,
    timing: z.strictObject({
      blocks: z.array(TimingBlockSchema).max(500),
      plannedMinutes: Minutes,
      actualMinutes: Minutes,
      startedAt: Iso.nullable(),
      endedAt: Iso.nullable()
    }),
    attendance: z.strictObject({
      ageGroups: z.array(z.strictObject({ key: z.enum(AGE_GROUPS), label: ShortText })).length(AGE_GROUPS.length),
      rows: z
        .array(z.strictObject({ sex: z.enum(SEXES), label: ShortText, counts: z.array(Count), total: Count }))
        .length(SEXES.length),
      columnTotals: z.array(Count).length(AGE_GROUPS.length),
      total: Count
    }),
    polls: z.array(PollSummarySchema).max(500),
    feedback: z.array(PollSummarySchema).max(500),
    quizzes: z.strictObject({
      tests: z.array(QuizSummarySchema).max(100),
      change: QuizChangeSchema.nullable(),
      matchedGain: z.strictObject({ pairs: Count, meanGainPoints: Points.nullable() })
    }),
    notes: z
      .array(
        z.strictObject({
          blockId: Id,
          title: ShortText,
          groups: z.array(z.strictObject({ group: z.string().max(60), notes: z.array(Text).min(1) })).min(1)
        })
      )
      .max(500),
    parkingLot: z.array(ShortText).max(10_000),
    closingRemarks: Text,
    /** Questions from the room: approved and answered ones' text and votes; hidden and unreviewed ones only counted. */
    questions: RoomQuestionsSchema.optional(),
    /** Individual anonymised responses, one row per respondent per question (see ResponseRowSchema). */
    responses: z.array(ResponseRowSchema).max(200_000).optional()
  })
  .superRefine((summary, ctx) => {
    const problem = (path: (string | number)[], message: string): void => {
      ctx.addIssue({ code: 'custom', path, message })
    }

    checkTotals(summary, problem)

    // Polls: single-choice and rating polls count one vote per person.
    const checkPoll = (poll: PollSummary, path: (string | number)[]): void => {
      const votes = sum(poll.options.map((o) => o.count))
      if ((poll.type === 'single' || poll.type === 'rating') && poll.respondents !== votes) {
        problem([...path, 'respondents'], 'does not match the counts')
      }
      if (poll.type === 'rating' && poll.scale && votes > 0) {
        const mean = sum(poll.options.map((o) => Number(o.key) * o.count)) / votes
        if (poll.mean === null || !close(poll.mean, mean, 0.006))
          problem([...path, 'mean'], 'does not match the counts')
      }
      if (poll.type !== 'open' && poll.openAnswers.length > 0)
        problem([...path, 'openAnswers'], 'only for open questions')
      checkSources(poll, path)
    }
    // Respondents are the persons of each way plus the people counted by hands, when those were counted.
    const checkSources = (item: PollSummary | QuizSummary, path: (string | number)[]): void => {
      const sources = item.sources
      if (!sources || sources.hands === null || item.respondents === null) return
      if (sources.phones + sources.paper + sources.cards + sources.hands !== item.respondents) {
        problem([...path, 'sources'], 'does not add up to the respondents')
      }
    }
    summary.polls.forEach((p, i) => checkPoll(p, ['polls', i]))
    summary.feedback.forEach((p, i) => checkPoll(p, ['feedback', i]))

    // Tests: correct ≤ answered, rates and % mastered match their counts.
    summary.quizzes.tests.forEach((test, i) => {
      checkSources(test, ['quizzes', 'tests', i])
      test.questions.forEach((q, k) => {
        const path = ['quizzes', 'tests', i, 'questions', k]
        if (q.correct > q.answered) problem([...path, 'correct'], 'more correct answers than answers')
        const rate = q.answered > 0 ? (q.correct / q.answered) * 100 : null
        if (rate === null ? q.correctPercent !== null : q.correctPercent === null || !close(q.correctPercent, rate)) {
          problem([...path, 'correctPercent'], 'does not match the counts')
        }
      })
      if (test.tested !== null && test.passed !== null) {
        if (test.passed > test.tested) problem(['quizzes', 'tests', i, 'passed'], 'more passed than tested')
        const mastered = test.tested > 0 ? (test.passed / test.tested) * 100 : null
        if (
          mastered === null
            ? test.masteredPercent !== null
            : test.masteredPercent === null || !close(test.masteredPercent, mastered)
        ) {
          problem(['quizzes', 'tests', i, 'masteredPercent'], 'does not match passed ÷ tested')
        }
      } else if (test.masteredPercent !== null) {
        problem(['quizzes', 'tests', i, 'masteredPercent'], 'needs passed and tested')
      }
    })
  })
export type SessionSummary = z.infer<typeof SessionSummarySchema>

type Problem = (path: (string | number)[], message: string) => void

const sum = (values: number[]): number => values.reduce((s, v) => s + v, 0)
const close = (a: number, b: number, tolerance = 0.051): boolean => Math.abs(a - b) <= tolerance

/** The attendance and timing totals a summary states, against its rows. */
function checkTotals(
  summary: {
    attendance: { rows: { counts: number[]; total: number }[]; columnTotals: number[]; total: number }
    timing: {
      blocks: { plannedMinutes: number; actualMinutes: number }[]
      plannedMinutes: number
      actualMinutes: number
    }
  },
  problem: Problem
): void {
  // Attendance: every row and column must add up.
  const { attendance } = summary
  attendance.rows.forEach((row, i) => {
    if (row.counts.length !== AGE_GROUPS.length) problem(['attendance', 'rows', i, 'counts'], 'one count per age group')
    else if (sum(row.counts) !== row.total) problem(['attendance', 'rows', i, 'total'], 'does not add up')
  })
  attendance.columnTotals.forEach((total, j) => {
    if (sum(attendance.rows.map((r) => r.counts[j] ?? 0)) !== total) {
      problem(['attendance', 'columnTotals', j], 'does not add up')
    }
  })
  if (sum(attendance.rows.map((r) => r.total)) !== attendance.total) problem(['attendance', 'total'], 'does not add up')

  // Timing totals: the sums of the (rounded) block minutes.
  const { timing } = summary
  if (sum(timing.blocks.map((b) => b.plannedMinutes)) !== timing.plannedMinutes) {
    problem(['timing', 'plannedMinutes'], 'does not add up')
  }
  if (!close(sum(timing.blocks.map((b) => b.actualMinutes)), timing.actualMinutes)) {
    problem(['timing', 'actualMinutes'], 'does not add up')
  }
}
