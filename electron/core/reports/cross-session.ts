import { z } from 'zod'
import { SessionStatusSchema } from '../../shared/sessions/ids'
import { AGE_GROUPS, SEXES } from '../../shared/sessions/model'
import { LanguageSchema, type Bilingual, type Language } from '../../shared/i18n/language'
import { textIn } from '../../shared/i18n/text-in'
import { summaryLabel } from '../summaries/labels'
import type { SessionSummary } from '../summaries/schema'
import { WorkshopIdSchema } from '../../shared/workshops/schema'
import { round } from '../summaries/summary'

/**
 * The report over several sessions that a coordinator sends on: which sessions were held, who came
 * (by sex × age group), how long they ran, and what was learnt. It is built from session summaries
 * only (the sessions run on this laptop and the summaries imported from others), so it holds counts
 * and means, never anything that identifies a participant.
 *
 * Learning, defined once here and stated in every export:
 * - mean change: the mean over sessions of (post-test mean score − pre-test mean score), in points,
 *   counting only sessions that have both means;
 * - pooled % mastered: Σ passed ÷ Σ tested × 100 over the sessions whose test has individual scores
 *   (each session weighted by the people it tested), for the pre-test and for the post-test;
 * - pooled matched gain: the mean gain of every participant matched by number across sessions
 *   (Σ pairs × session mean gain ÷ Σ pairs).
 * Percentages, points and minutes are rounded to 0.1, like the session summary.
 */

const Iso = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/)
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
const Count = z.number().int().min(0)
const Percent = z.number().min(0).max(100)
const Points = z.number().min(-100).max(100)
const Text = z.string().max(1_000)

export const ReportFilterSchema = z.strictObject({
  workshopId: WorkshopIdSchema.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional()
})
export type ReportFilter = z.infer<typeof ReportFilterSchema>

const LearningSchema = z.strictObject({
  /** Sessions with both a pre-test and a post-test mean. */
  sessionsWithChange: Count,
  meanChangePoints: Points.nullable(),
  preTested: Count,
  prePassed: Count,
  preMasteredPercent: Percent.nullable(),
  postTested: Count,
  postPassed: Count,
  postMasteredPercent: Percent.nullable(),
  masteredChangePoints: Points.nullable(),
  matchedPairs: Count,
  matchedGainPoints: Points.nullable()
})
export type Learning = z.infer<typeof LearningSchema>

export const ReportSessionSchema = z.strictObject({
  sessionId: z.string().min(1).max(100),
  /** Run on this laptop, or imported from another trainer's summary file. */
  source: z.enum(['local', 'imported']),
  date: IsoDate,
  workshopId: z.string().min(1).max(100),
  workshopTitle: Text,
  venue: Text,
  trainer: Text,
  status: SessionStatusSchema,
  participants: Count,
  actualMinutes: z.number().min(0),
  preMeanPercent: Percent.nullable(),
  postMeanPercent: Percent.nullable(),
  changePoints: Points.nullable()
})
export type ReportSession = z.infer<typeof ReportSessionSchema>

export const CrossSessionReportSchema = z.strictObject({
  generatedAt: Iso,
  language: LanguageSchema,
  filter: z.strictObject({ workshopId: z.string().nullable(), from: IsoDate.nullable(), to: IsoDate.nullable() }),
  /** Oldest first. */
  sessions: z.array(ReportSessionSchema),
  attendance: z.strictObject({
    ageGroups: z.array(z.strictObject({ key: z.enum(AGE_GROUPS), label: Text })),
    rows: z.array(z.strictObject({ sex: z.enum(SEXES), label: Text, counts: z.array(Count), total: Count })),
    columnTotals: z.array(Count),
    total: Count
  }),
  totals: z.strictObject({
    sessions: Count,
    localSessions: Count,
    importedSessions: Count,
    participants: Count,
    actualMinutes: z.number().min(0),
    /** Σ participants × actual hours of each session. */
    participantHours: z.number().min(0)
  }),
  learning: LearningSchema,
  workshops: z.array(
    z.strictObject({
      workshopId: z.string(),
      title: Text,
      sessions: Count,
      participants: Count,
      actualMinutes: z.number().min(0),
      learning: LearningSchema
    })
  )
})
export type CrossSessionReport = z.infer<typeof CrossSessionReportSchema>

/** A session summary with where it came from. */
export interface SourcedSummary {
  source: 'local' | 'imported'
  summary: SessionSummary
}

/**
 * One summary per session: a session run here wins over an imported copy of it (the local one is
 * current); among imported copies, the one in the report's language wins.
 */
export function gatherSummaries(
  local: SessionSummary[],
  imported: SessionSummary[],
  language: Language
): SourcedSummary[] {
  const bySession = new Map<string, SourcedSummary>()
  for (const summary of local) bySession.set(summary.sessionId, { source: 'local', summary })
  for (const summary of imported) {
    const held = bySession.get(summary.sessionId)
    if (!held || (held.source === 'imported' && held.summary.language !== language && summary.language === language)) {
      bySession.set(summary.sessionId, { source: 'imported', summary })
    }
  }
  return [...bySession.values()]
}

/** Whether a session (a summary, or an entry of the session index) is inside the filter; dates are inclusive. */
export function matchesFilter(session: { date: string; workshopId: string }, filter: ReportFilter): boolean {
  if (filter.workshopId !== undefined && session.workshopId !== filter.workshopId) return false
  if (filter.from !== undefined && session.date < filter.from) return false
  if (filter.to !== undefined && session.date > filter.to) return false
  return true
}

/** The workshops the report can be filtered by: every workshop with a session here or an imported summary. */
export function workshopChoices(
  local: { workshopId: string; title: Bilingual }[],
  imported: SessionSummary[],
  language: Language
): { id: string; title: string }[] {
  const titles = new Map<string, string>()
  for (const summary of imported) {
    if (!titles.has(summary.workshop.id) || summary.language === language)
      titles.set(summary.workshop.id, summary.workshop.title)
  }
  for (const entry of local) titles.set(entry.workshopId, textIn(entry.title, language))
  return [...titles]
    .map(([id, title]) => ({ id, title }))
    .sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id))
}

export function buildCrossSessionReport(
  summaries: SourcedSummary[],
  filter: ReportFilter,
  language: Language,
  now: Date = new Date()
): CrossSessionReport {
  const chosen = summaries
    .filter((s) => matchesFilter({ date: s.summary.date, workshopId: s.summary.workshop.id }, filter))
    .sort(
      (a, b) => a.summary.date.localeCompare(b.summary.date) || a.summary.sessionId.localeCompare(b.summary.sessionId)
    )
  const attendance = attendanceOf(
    chosen.map((s) => s.summary),
    language
  )

  // Workshops in order of first session, each titled (also in the session rows) from a summary in the
  // report's language when there is one: an imported English summary does not put English in a Vietnamese report.
  const byWorkshop = new Map<string, SourcedSummary[]>()
  for (const item of chosen)
    byWorkshop.set(item.summary.workshop.id, [...(byWorkshop.get(item.summary.workshop.id) ?? []), item])
  const titles = new Map(
    [...byWorkshop].map(([id, items]) => [
      id,
      (items.find((i) => i.summary.language === language) ?? items[0]!).summary.workshop.title
    ])
  )
  const sessions = chosen.map((item) => sessionRow(item, titles.get(item.summary.workshop.id)!))
  const workshops = [...byWorkshop].map(([workshopId, items]) => ({
    workshopId,
    title: titles.get(workshopId)!,
    sessions: items.length,
    participants: sum(items.map((i) => i.summary.attendance.total)),
    actualMinutes: round(sum(items.map((i) => i.summary.timing.actualMinutes))),
    learning: learningOf(items.map((i) => i.summary))
  }))

  return {
    generatedAt: now.toISOString(),
    language,
    filter: { workshopId: filter.workshopId ?? null, from: filter.from ?? null, to: filter.to ?? null },
    sessions,
    attendance,
    totals: {
      sessions: chosen.length,
      localSessions: chosen.filter((s) => s.source === 'local').length,
      importedSessions: chosen.filter((s) => s.source === 'imported').length,
      participants: attendance.total,
      actualMinutes: round(sum(chosen.map((s) => s.summary.timing.actualMinutes))),
      participantHours: round(
        sum(chosen.map((s) => (s.summary.attendance.total * s.summary.timing.actualMinutes) / 60))
      )
    },
    learning: learningOf(chosen.map((s) => s.summary)),
    workshops
  }
}

function sessionRow({ source, summary }: SourcedSummary, workshopTitle: string): ReportSession {
  const { pre, post } = prePost(summary)
  return {
    sessionId: summary.sessionId,
    source,
    date: summary.date,
    workshopId: summary.workshop.id,
    workshopTitle,
    venue: summary.venue,
    trainer: summary.trainer,
    status: summary.status,
    participants: summary.attendance.total,
    actualMinutes: summary.timing.actualMinutes,
    preMeanPercent: pre?.meanScorePercent ?? null,
    postMeanPercent: post?.meanScorePercent ?? null,
    changePoints: summary.quizzes.change?.meanScorePoints ?? null
  }
}

/** The first pre-test and first post-test, as the session summary's own change uses. */
function prePost(summary: SessionSummary): {
  pre: SessionSummary['quizzes']['tests'][number] | undefined
  post: SessionSummary['quizzes']['tests'][number] | undefined
} {
  return {
    pre: summary.quizzes.tests.find((t) => t.role === 'pre'),
    post: summary.quizzes.tests.find((t) => t.role === 'post')
  }
}

function attendanceOf(summaries: SessionSummary[], language: Language): CrossSessionReport['attendance'] {
  // By key, not by position, so a summary's own labels and language do not matter.
  const count = (summary: SessionSummary, sex: string, j: number): number =>
    summary.attendance.rows.find((r) => r.sex === sex)?.counts[j] ?? 0
  const rows = SEXES.map((sex) => {
    const counts = AGE_GROUPS.map((_, j) => sum(summaries.map((s) => count(s, sex, j))))
    return { sex, label: summaryLabel(language, `sex.${sex}`), counts, total: sum(counts) }
  })
  return {
    ageGroups: AGE_GROUPS.map((key) => ({ key, label: summaryLabel(language, `age.${key}`) })),
    rows,
    columnTotals: AGE_GROUPS.map((_, j) => sum(rows.map((r) => r.counts[j]!))),
    total: sum(rows.map((r) => r.total))
  }
}

function learningOf(summaries: SessionSummary[]): Learning {
  const changes = summaries.flatMap((s) => {
    const { pre, post } = prePost(s)
    return pre?.meanScorePercent != null && post?.meanScorePercent != null
      ? [post.meanScorePercent - pre.meanScorePercent]
      : []
  })
  const pooled = (role: 'pre' | 'post'): { tested: number; passed: number; percent: number | null } => {
    const tests = summaries.flatMap((s) => {
      const test = prePost(s)[role]
      return test && test.tested !== null && test.passed !== null ? [{ tested: test.tested, passed: test.passed }] : []
    })
    const tested = sum(tests.map((t) => t.tested))
    const passed = sum(tests.map((t) => t.passed))
    return { tested, passed, percent: tested > 0 ? round((passed / tested) * 100) : null }
  }
  const pre = pooled('pre')
  const post = pooled('post')
  const gains = summaries.filter(
    (s) => s.quizzes.matchedGain.pairs > 0 && s.quizzes.matchedGain.meanGainPoints !== null
  )
  const pairs = sum(gains.map((s) => s.quizzes.matchedGain.pairs))
  return {
    sessionsWithChange: changes.length,
    meanChangePoints: changes.length > 0 ? round(sum(changes) / changes.length) : null,
    preTested: pre.tested,
    prePassed: pre.passed,
    preMasteredPercent: pre.percent,
    postTested: post.tested,
    postPassed: post.passed,
    postMasteredPercent: post.percent,
    masteredChangePoints: pre.percent !== null && post.percent !== null ? round(post.percent - pre.percent) : null,
    matchedPairs: pairs,
    matchedGainPoints:
      pairs > 0
        ? round(sum(gains.map((s) => s.quizzes.matchedGain.pairs * s.quizzes.matchedGain.meanGainPoints!)) / pairs)
        : null
  }
}

function sum(values: number[]): number {
  return values.reduce((s, v) => s + v, 0)
}
