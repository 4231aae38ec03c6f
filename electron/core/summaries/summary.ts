import { quizQuestions } from '../../shared/sessions/commands'
import { AGE_GROUPS, SEXES, type PollRun, type Session } from '../../shared/sessions/model'
import { matchedGain, pollResults, quizResults } from '../../shared/sessions/results'
import type { Language } from '../../shared/i18n/language'
import type { Bilingual } from '../../shared/i18n/language'
import { languageShown, textIn } from '../../shared/i18n/text-in'
import type { Block, PollBlock } from '../../shared/workshops/schema'
import { rankingResults, wordResults } from '../../shared/sessions/words-ranking'
import { summaryLabel } from './labels'
import { responseRows } from './responses'
import type { Sources as ResultSources } from '../../shared/sessions/participants'
import { questionCounts } from '../../shared/sessions/questions'
import type {
  Collected,
  PollSummary,
  QuizChange,
  QuizSummary,
  RoomQuestions,
  SessionSummary,
  TimingBlock
} from './schema'

export type { PollSummary, QuizChange, QuizSummary, SessionSummary, TimingBlock } from './schema'

/** Rounds to `digits` decimals (and never returns -0, which would print as "-0"). */
export function round(value: number, digits = 1): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor || 0
}

/**
 * Everything the programme / M&E team needs from one session, as plain data in one language:
 * details, planned vs actual timing, attendance by sex × age group, polls, pre/post knowledge,
 * discussion notes, parking lot, feedback and closing remarks.
 *
 * Counts and means, and each person's answers under a per-session code R001… (`responses`): participant
 * numbers are used to match pre- and post-tests and persons and then dropped; device keys and unapproved
 * open answers never appear.
 * Percentages and minutes are rounded to 0.1, rating means to 0.01.
 * `now` closes the block that is still running (a summary of a session in progress).
 */
export function buildSummary(session: Session, language: Language, now: Date = new Date()): SessionSummary {
  const { manifest } = session.snapshot
  // A single-language workshop's texts stay in its language; only the labels follow the summary's language.
  const pick = (text: Bilingual): string => textIn(text, language, manifest.languages)
  const textLanguage = languageShown(language, manifest.languages)
  const blocks = manifest.blocks
  const pollBlocks = blocks.filter((b) => b.kind === 'poll')
  const polls = pollBlocks.map((block) => pollSummary(block, session, pick))
  const gain = matchedGain(session)
  const tests = blocks.filter((b) => b.kind === 'quiz').map((block) => quizSummary(block, session, pick))

  return {
    sessionId: session.id,
    generatedAt: now.toISOString(),
    language,
    ...(textLanguage !== language ? { textLanguage } : {}),
    workshop: { id: session.workshop.id, version: session.workshop.version, title: pick(manifest.title) },
    venue: session.details.venue,
    date: session.details.date,
    trainer: session.details.trainer,
    plannedStart: session.details.plannedStart,
    status: session.status,
    timing: timingSummary(session, now, pick),
    attendance: attendanceSummary(session, language),
    polls: polls.filter((p) => p.purpose === 'opinion'),
    feedback: polls.filter((p) => p.purpose === 'feedback'),
    quizzes: {
      tests,
      change: quizChange(tests),
      matchedGain: {
        pairs: gain.pairs,
        meanGainPoints: gain.meanGainPoints === null ? null : round(gain.meanGainPoints)
      }
    },
    notes: notesSummary(session, pick),
    parkingLot: session.parkingLot.map((item) => item.text),
    closingRemarks: session.closingRemarks,
    questions: roomQuestions(session),
    responses: responseRows(session)
  }
}

/** Questions from the room: the approved and answered ones' text and votes (most first); the rest only counted. */
function roomQuestions(session: Session): RoomQuestions {
  const counts = questionCounts(session)
  const items = session.questions
    .filter((q) => q.status === 'approved' || q.status === 'answered')
    .map((q) => ({
      text: q.text,
      votes: q.votes.length,
      status: q.parked ? ('parking' as const) : (q.status as 'approved' | 'answered')
    }))
    .sort((a, b) => b.votes - a.votes)
  return { received: counts.received, hidden: counts.hidden, unreviewed: counts.new, items }
}

function timingSummary(session: Session, now: Date, pick: (t: Bilingual) => string): SessionSummary['timing'] {
  const end = (iso: string | null): number => (iso === null ? now.getTime() : Date.parse(iso))
  const blocks: TimingBlock[] = session.snapshot.manifest.blocks.map((block) => {
    const entries = session.timeline.filter((e) => e.blockId === block.id)
    const ms = entries.reduce((sum, e) => sum + Math.max(0, end(e.endedAt) - Date.parse(e.startedAt)), 0)
    return {
      blockId: block.id,
      title: pick(block.title),
      kind: block.kind,
      plannedMinutes: block.minutes,
      actualMinutes: round(ms / 60_000),
      ran: entries.length > 0
    }
  })
  const first = session.timeline[0]
  const last = session.timeline.at(-1)
  return {
    blocks,
    plannedMinutes: blocks.reduce((s, b) => s + b.plannedMinutes, 0),
    actualMinutes: round(blocks.reduce((s, b) => s + b.actualMinutes, 0)),
    startedAt: first ? isoOrNull(first.startedAt) : null,
    endedAt: last?.endedAt ? isoOrNull(last.endedAt) : null
  }
}

function isoOrNull(text: string): string | null {
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? null : new Date(ms).toISOString()
}

function attendanceSummary(session: Session, language: Language): SessionSummary['attendance'] {
  const rows = SEXES.map((sex) => {
    const counts = AGE_GROUPS.map((age) => session.attendance[sex]?.[age] ?? 0)
    return { sex, label: summaryLabel(language, `sex.${sex}`), counts, total: counts.reduce((s, c) => s + c, 0) }
  })
  const columnTotals = AGE_GROUPS.map((_, j) => rows.reduce((s, r) => s + r.counts[j]!, 0))
  return {
    ageGroups: AGE_GROUPS.map((key) => ({ key, label: summaryLabel(language, `age.${key}`) })),
    rows,
    columnTotals,
    total: rows.reduce((s, r) => s + r.total, 0)
  }
}

function pollSummary(
  block: Extract<Block, { kind: 'poll' }>,
  session: Session,
  pick: (t: Bilingual) => string
): PollSummary {
  const run = session.polls[block.id]
  const results = pollResults(block, run)
  const scale = block.type === 'rating' && block.scale ? block.scale : null
  const labelFor = (key: string): string => {
    const option = block.options?.find((o) => o.id === key)
    if (option) return pick(option.text)
    if (scale && key === String(scale.min)) return `${key} · ${pick(scale.minLabel)}`
    if (scale && key === String(scale.max)) return `${key} · ${pick(scale.maxLabel)}`
    return key
  }
  const keys =
    block.type === 'open' || block.type === 'words' || block.type === 'ranking'
      ? []
      : scale
        ? Array.from({ length: scale.max - scale.min + 1 }, (_, i) => String(scale.min + i))
        : (block.options ?? []).map((o) => o.id)
  const counts = new Map(results.counts.map((c) => [c.key, c.count]))
  const options = keys.map((key) => ({ key, label: labelFor(key), count: counts.get(key) ?? 0 }))

  // Raised hands for several choices cannot tell how many people voted, unless the trainer counted them.
  const respondents = run && results.sources.hands === null ? null : results.respondents
  return {
    blockId: block.id,
    title: pick(block.title),
    question: pick(block.question),
    type: block.type,
    purpose: block.purpose,
    collected: run ? collected(results.sources, run.mode) : 'not run',
    sources: results.sources,
    respondents,
    options,
    scale: scale ? { min: scale.min, max: scale.max } : null,
    mean: results.mean === null ? null : round(results.mean, 2),
    // Text only: the device keys that pollResults keeps for moderation stay in the app.
    openAnswers: block.type === 'open' ? results.openAnswers.filter((a) => a.approved).map((a) => a.text) : [],
    ...wordsAndRanking(block, run, pick)
  }
}

/** A word cloud's counts and a ranking's means, for the summary (text and numbers only). */
function wordsAndRanking(
  block: PollBlock,
  run: PollRun | undefined,
  pick: (t: Bilingual) => string
): Pick<PollSummary, 'words' | 'ranking'> {
  if (block.type === 'words') {
    return {
      words: wordResults(block, run).words.map(({ text, received, approved }) => ({ text, received, approved }))
    }
  }
  if (block.type !== 'ranking') return {}
  const results = rankingResults(block, run)
  const label = (key: string): string => pick(block.options?.find((o) => o.id === key)?.text ?? { vi: key, en: key })
  return {
    ranking: {
      mode: results.mode,
      points: results.points,
      options: results.options.map((o) => ({
        key: o.optionId,
        label: label(o.optionId),
        meanRank: o.meanRank === null ? null : round(o.meanRank, 2),
        meanPoints: o.meanPoints === null ? null : round(o.meanPoints, 2),
        totalPoints: o.totalPoints
      }))
    }
  }
}

/** The way answers came in: the one source that gave any, 'mixed' for several, else the poll's live mode. */
function collected(sources: ResultSources, mode: 'tally' | 'phones'): Collected {
  const used: Collected[] = []
  if (sources.phones > 0) used.push('phones')
  if (sources.paper > 0) used.push('paper')
  if (sources.cards > 0) used.push('cards')
  if (sources.hands === null || sources.hands > 0) used.push('tally')
  return used.length > 1 ? 'mixed' : (used[0] ?? mode)
}

function quizSummary(
  block: Extract<Block, { kind: 'quiz' }>,
  session: Session,
  pick: (t: Bilingual) => string
): QuizSummary {
  const run = session.polls[block.id]
  const results = quizResults(block, session)
  const byId = new Map(results.perQuestion.map((q) => [q.questionId, q]))
  const individual = results.masteredPercent !== null
  return {
    blockId: block.id,
    title: pick(block.title),
    role: block.role,
    collected: run ? collected(results.sources, run.mode) : 'not run',
    sources: results.sources,
    passMarkPercent: block.passMarkPercent,
    respondents: results.respondents,
    meanScorePercent: results.meanScorePercent === null ? null : round(results.meanScorePercent),
    masteredPercent: results.masteredPercent === null ? null : round(results.masteredPercent),
    // Participant numbers are only in `results.scores`; they are counted here and go no further.
    tested: individual ? results.scores.length : null,
    passed: individual ? results.scores.filter((s) => s.percent >= block.passMarkPercent).length : null,
    questions: quizQuestions(block, session).map((question) => {
      const result = byId.get(question.id)
      const hands = result?.hands?.map((h) => ({
        label: pick(question.options.find((o) => o.id === h.optionId)!.text),
        count: h.count,
        sharePercent: h.share === null ? null : round(h.share * 100)
      }))
      return {
        questionId: question.id,
        text: pick(question.text),
        answered: result?.answered ?? 0,
        correct: result?.correct ?? 0,
        correctPercent: result?.correctRate == null ? null : round(result.correctRate * 100),
        ...(hands ? { hands } : {})
      }
    })
  }
}

/** The change from the (first) pre-test to the (first) post-test, in percentage points. */
function quizChange(tests: QuizSummary[]): QuizChange | null {
  const pre = tests.find((t) => t.role === 'pre')
  const post = tests.find((t) => t.role === 'post')
  if (!pre || !post) return null
  const diff = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : round(b - a))
  const preById = new Map(pre.questions.map((q) => [q.questionId, q]))
  const postById = new Map(post.questions.map((q) => [q.questionId, q]))
  const ids = [...new Set([...pre.questions.map((q) => q.questionId), ...post.questions.map((q) => q.questionId)])]
  return {
    preBlockId: pre.blockId,
    postBlockId: post.blockId,
    meanScorePoints: diff(pre.meanScorePercent, post.meanScorePercent),
    masteredPoints: diff(pre.masteredPercent, post.masteredPercent),
    questions: ids.map((id) => {
      const before = preById.get(id)?.correctPercent ?? null
      const after = postById.get(id)?.correctPercent ?? null
      return {
        questionId: id,
        text: (preById.get(id) ?? postById.get(id))!.text,
        prePercent: before,
        postPercent: after,
        changePoints: diff(before, after)
      }
    })
  }
}

/** Notes per block (in agenda order) and per group (in the order groups first reported). */
function notesSummary(session: Session, pick: (t: Bilingual) => string): SessionSummary['notes'] {
  const order = new Map(session.snapshot.manifest.blocks.map((b, i) => [b.id, i]))
  const byBlock = new Map<string, Map<string, string[]>>()
  for (const note of session.notes) {
    const groups = byBlock.get(note.blockId) ?? new Map<string, string[]>()
    byBlock.set(note.blockId, groups)
    const group = note.group.trim()
    groups.set(group, [...(groups.get(group) ?? []), note.text])
  }
  return [...byBlock]
    .sort(([a], [b]) => (order.get(a) ?? Number.MAX_SAFE_INTEGER) - (order.get(b) ?? Number.MAX_SAFE_INTEGER))
    .map(([blockId, groups]) => {
      const block = session.snapshot.manifest.blocks.find((b) => b.id === blockId)
      return {
        blockId,
        title: block ? pick(block.title) : blockId,
        groups: [...groups].map(([group, notes]) => ({ group, notes }))
      }
    })
}
