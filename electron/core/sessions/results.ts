import type { Block, QuizQuestion } from '../workshops/schema'
import { quizQuestions } from './commands'
import type { PollRun, Session } from './model'

/** Counts of one poll: show-of-hands tallies and phone answers added together. */
export interface PollResults {
  respondents: number
  counts: { key: string; count: number }[]
  /** Mean of a rating poll, null otherwise or without answers. */
  mean: number | null
  /** Open-text answers with their review state (device keys stay in the app, never in exports). */
  openAnswers: { deviceKey: string; text: string; approved: boolean }[]
}

export function pollResults(block: Block, run: PollRun | undefined): PollResults {
  const empty: PollResults = { respondents: 0, counts: [], mean: null, openAnswers: [] }
  if (block.kind !== 'poll' || !run) return empty
  const answers = Object.entries(run.answers)
  if (block.type === 'open') {
    return {
      ...empty,
      respondents: answers.length,
      openAnswers: answers.map(([deviceKey, a]) => ({
        deviceKey,
        text: a.values[block.id]?.[0] ?? '',
        approved: run.approved.includes(deviceKey)
      }))
    }
  }
  const keys =
    block.type === 'rating' && block.scale
      ? Array.from({ length: block.scale.max - block.scale.min + 1 }, (_, i) => String(block.scale!.min + i))
      : (block.options ?? []).map((o) => o.id)
  const counts = keys.map((key) => ({
    key,
    count: (run.tally[`${block.id}/${key}`] ?? 0) + answers.filter(([, a]) => a.values[block.id]?.includes(key)).length
  }))
  // For single and rating polls every vote is one person; for multiple choice, people are counted by phones
  // (a tally of hands cannot tell how many people raised them).
  const tallied = block.type === 'multiple' ? 0 : counts.reduce((s, c) => s + c.count, 0) - answers.length
  const respondents = answers.length + tallied
  const mean =
    block.type === 'rating' && respondents > 0
      ? counts.reduce((s, c) => s + Number(c.key) * c.count, 0) / counts.reduce((s, c) => s + c.count, 0)
      : null
  return { respondents, counts, mean, openAnswers: [] }
}

export interface QuizResults {
  respondents: number
  perQuestion: { questionId: string; correct: number; answered: number; correctRate: number | null }[]
  /** Mean score in percent over respondents (phones), or of the per-question rates (tally). */
  meanScorePercent: number | null
  /** Passed ÷ tested × 100; needs per-person answers, so null for tallies. */
  masteredPercent: number | null
  /** Per-person scores in percent, by participant number where given (for matching pre and post). */
  scores: { participantNumber: string | null; percent: number }[]
}

export function isCorrect(question: QuizQuestion, chosen: string[] | undefined): boolean {
  if (!chosen || chosen.length === 0) return false
  const right = question.options
    .filter((o) => o.correct)
    .map((o) => o.id)
    .sort()
  return right.length === chosen.length && [...chosen].sort().every((id, i) => id === right[i])
}

export function quizResults(block: Block, session: Session): QuizResults {
  const run = session.polls[block.id]
  const questions = quizQuestions(block, session)
  const none: QuizResults = {
    respondents: 0,
    perQuestion: [],
    meanScorePercent: null,
    masteredPercent: null,
    scores: []
  }
  if (block.kind !== 'quiz' || !run || questions.length === 0) return none

  const phoneAnswers = Object.values(run.answers)
  const scores = phoneAnswers.map((answer) => ({
    participantNumber: answer.participantNumber ?? null,
    percent: (questions.filter((q) => isCorrect(q, answer.values[q.id])).length / questions.length) * 100
  }))
  const tallied = run.tallyRespondents
  const perQuestion = questions.map((q) => {
    // A tally counts hands per option; for a single-answer question the correct option's hands are correct.
    const tallyCorrect = q.multiple
      ? 0
      : q.options.filter((o) => o.correct).reduce((s, o) => s + (run.tally[`${q.id}/${o.id}`] ?? 0), 0)
    const correct = phoneAnswers.filter((a) => isCorrect(q, a.values[q.id])).length + tallyCorrect
    const answered = phoneAnswers.length + tallied
    return { questionId: q.id, correct, answered, correctRate: answered > 0 ? correct / answered : null }
  })
  const respondents = phoneAnswers.length + tallied
  const rates = perQuestion.filter((q) => q.correctRate !== null).map((q) => q.correctRate!)
  const meanScorePercent = rates.length > 0 ? (rates.reduce((s, r) => s + r, 0) / rates.length) * 100 : null
  const masteredPercent =
    tallied === 0 && scores.length > 0
      ? (scores.filter((s) => s.percent >= block.passMarkPercent).length / scores.length) * 100
      : null
  return { respondents, perQuestion, meanScorePercent, masteredPercent, scores }
}

/**
 * Pre-test against post-test for the participants who gave the same participant number in both
 * (no names): how many pairs, and the mean change in score, in percentage points.
 */
export function matchedGain(session: Session): { pairs: number; meanGainPoints: number | null } {
  const blocks = session.snapshot.manifest.blocks
  const pre = blocks.find((b) => b.kind === 'quiz' && b.role === 'pre')
  const post = blocks.find((b) => b.kind === 'quiz' && b.role === 'post')
  if (!pre || !post) return { pairs: 0, meanGainPoints: null }
  const byNumber = (scores: QuizResults['scores']): Map<string, number> =>
    new Map(
      scores.filter((s) => s.participantNumber !== null).map((s) => [s.participantNumber!.toLowerCase(), s.percent])
    )
  const before = byNumber(quizResults(pre, session).scores)
  const after = byNumber(quizResults(post, session).scores)
  const gains = [...after].filter(([n]) => before.has(n)).map(([n, score]) => score - before.get(n)!)
  return {
    pairs: gains.length,
    meanGainPoints: gains.length > 0 ? gains.reduce((s, g) => s + g, 0) / gains.length : null
  }
}
