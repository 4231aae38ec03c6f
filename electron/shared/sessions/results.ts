import type { Block, QuizQuestion } from '../workshops/schema'
import { overChoiceLimit } from './choice-limit'
import { quizQuestions } from './commands'
import type { PollRun, Session } from './model'
import { answersByPerson, countSources, type AnswerConflict, type Sources } from './participants'
import { rankingResults } from './words-ranking'

/** Counts of one poll: show-of-hands tallies and each person's answer (phone, paper, card) added together. */
export interface PollResults {
  /** People who answered; hands are included when their number is known (see `sources.hands`). */
  respondents: number
  counts: { key: string; count: number }[]
  /** Mean of a rating poll, null otherwise or without answers. */
  mean: number | null
  /** Open-text answers with their review state (device keys stay in the app, never in exports). */
  openAnswers: { deviceKey: string; text: string; approved: boolean }[]
  sources: Sources
  conflicts: AnswerConflict[]
}

export function pollResults(block: Block, run: PollRun | undefined): PollResults {
  const noSources: Sources = { phones: 0, paper: 0, cards: 0, hands: 0 }
  const empty: PollResults = {
    respondents: 0,
    counts: [],
    mean: null,
    openAnswers: [],
    sources: noSources,
    conflicts: []
  }
  if (block.kind !== 'poll' || !run) return empty
  if (block.type === 'ranking') {
    const ranking = rankingResults(block, run)
    return { ...empty, respondents: ranking.respondents, sources: ranking.sources }
  }
  // A word-cloud entry is moderated like an open answer: one per phone, approved by the trainer.
  if (block.type === 'open' || block.type === 'words') {
    const answers = Object.entries(run.answers)
    return {
      ...empty,
      respondents: answers.length,
      sources: { ...noSources, phones: answers.length },
      openAnswers: answers.map(([deviceKey, a]) => ({
        deviceKey,
        text: a.values[block.id]?.[0] ?? '',
        approved: run.approved.includes(deviceKey)
      }))
    }
  }
  const { persons: everyone, conflicts } = answersByPerson(run)
  // "Up to three": a person's answer with more choices than the poll allows (one taken before the limit
  // was set, or written by hand into a session file) is left out whole, neither counted nor a respondent;
  // picking which of its choices to keep would be guessing. Phones, paper and cards refuse such answers;
  // hands cannot be checked per person, so the presenter warns when they pass limit × head count instead.
  const persons = everyone.filter((p) => !overChoiceLimit(block, p.values[block.id]))
  const keys =
    block.type === 'rating' && block.scale
      ? Array.from({ length: block.scale.max - block.scale.min + 1 }, (_, i) => String(block.scale!.min + i))
      : (block.options ?? []).map((o) => o.id)
  const hands = (key: string): number => run.tally[`${block.id}/${key}`] ?? 0
  const counts = keys.map((key) => ({
    key,
    count: hands(key) + persons.filter((p) => p.values[block.id]?.includes(key)).length
  }))
  const handVotes = keys.reduce((s, key) => s + hands(key), 0)
  const sources = countSources(persons, handsCounted(block.type === 'multiple', handVotes, run.tallyRespondents))
  const respondents = persons.length + (sources.hands ?? 0)
  const votes = counts.reduce((s, c) => s + c.count, 0)
  const mean =
    block.type === 'rating' && votes > 0 ? counts.reduce((s, c) => s + Number(c.key) * c.count, 0) / votes : null
  return { respondents, counts, mean, openAnswers: [], sources, conflicts }
}

/**
 * People counted by hands. For one choice each (single, rating) every hand is a person; hands raised for
 * several choices cannot tell how many people raised them, so only the trainer's head count says it.
 */
function handsCounted(severalChoices: boolean, handVotes: number, headCount: number): number | null {
  if (!severalChoices) return handVotes
  if (handVotes === 0) return headCount
  return headCount > 0 ? headCount : null
}

export interface QuizQuestionResult {
  questionId: string
  /** Persons who got it right, plus hands on the correct option of a single-answer question. */
  correct: number
  answered: number
  correctRate: number | null
  /**
   * A multiple-answer question run by show of hands: hands per option and their share of the people
   * counted. Hands cannot tell who chose exactly the right set, so those people are left out of
   * `correct`/`answered`, which count only persons (phones, paper, cards).
   */
  hands: { optionId: string; count: number; share: number | null }[] | null
}

export interface QuizResults {
  respondents: number
  perQuestion: QuizQuestionResult[]
  /** Mean score in percent: the mean of the per-question correct rates. */
  meanScorePercent: number | null
  /** Passed ÷ tested × 100; needs every answer per person, so null when hands were counted. */
  masteredPercent: number | null
  /** Per-person scores in percent, by sign-in number where known (for matching pre and post). */
  scores: { participantNumber: string | null; percent: number }[]
  sources: Sources
  conflicts: AnswerConflict[]
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
    scores: [],
    sources: { phones: 0, paper: 0, cards: 0, hands: 0 },
    conflicts: []
  }
  if (block.kind !== 'quiz' || !run || questions.length === 0) return none

  const { persons, conflicts } = answersByPerson(run)
  const scores = persons.map((person) => ({
    participantNumber: person.participantNumber,
    percent: (questions.filter((q) => isCorrect(q, person.values[q.id])).length / questions.length) * 100
  }))
  const tallied = run.tallyRespondents
  const perQuestion = questions.map((q): QuizQuestionResult => {
    const personsCorrect = persons.filter((p) => isCorrect(q, p.values[q.id])).length
    const handsOn = (optionId: string): number => run.tally[`${q.id}/${optionId}`] ?? 0
    if (q.multiple && tallied > 0) {
      const hands = q.options.map((o) => ({ optionId: o.id, count: handsOn(o.id), share: handsOn(o.id) / tallied }))
      const answered = persons.length
      return {
        questionId: q.id,
        correct: personsCorrect,
        answered,
        correctRate: answered > 0 ? personsCorrect / answered : null,
        hands
      }
    }
    // For a single-answer question, the hands on the correct option are the people who got it right.
    const handsCorrect = q.multiple ? 0 : q.options.filter((o) => o.correct).reduce((s, o) => s + handsOn(o.id), 0)
    const answered = persons.length + tallied
    const correct = personsCorrect + handsCorrect
    return { questionId: q.id, correct, answered, correctRate: answered > 0 ? correct / answered : null, hands: null }
  })
  const rates = perQuestion.filter((q) => q.correctRate !== null).map((q) => q.correctRate!)
  const meanScorePercent = rates.length > 0 ? (rates.reduce((s, r) => s + r, 0) / rates.length) * 100 : null
  const masteredPercent =
    tallied === 0 && scores.length > 0
      ? (scores.filter((s) => s.percent >= block.passMarkPercent).length / scores.length) * 100
      : null
  return {
    respondents: persons.length + tallied,
    perQuestion,
    meanScorePercent,
    masteredPercent,
    scores,
    sources: countSources(persons, tallied),
    conflicts
  }
}

/**
 * Pre-test against post-test for the participants who gave the same sign-in number in both
 * (no names): how many pairs, and the mean change in score, in percentage points.
 */
export function matchedGain(session: Session): { pairs: number; meanGainPoints: number | null } {
  const blocks = session.snapshot.manifest.blocks
  const pre = blocks.find((b) => b.kind === 'quiz' && b.role === 'pre')
  const post = blocks.find((b) => b.kind === 'quiz' && b.role === 'post')
  if (!pre || !post) return { pairs: 0, meanGainPoints: null }
  const byNumber = (scores: QuizResults['scores']): Map<string, number> =>
    new Map(scores.filter((s) => s.participantNumber !== null).map((s) => [s.participantNumber!, s.percent]))
  const before = byNumber(quizResults(pre, session).scores)
  const after = byNumber(quizResults(post, session).scores)
  const gains = [...after].filter(([n]) => before.has(n)).map(([n, score]) => score - before.get(n)!)
  return {
    pairs: gains.length,
    meanGainPoints: gains.length > 0 ? gains.reduce((s, g) => s + g, 0) / gains.length : null
  }
}
