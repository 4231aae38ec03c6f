import type { Language } from '../i18n/language'
import { stripCitations } from '../workshops/citations'
import type { Block } from '../workshops/schema'
import { quizQuestions } from './commands'
import type { Session } from './model'
import { matchedGain, quizResults } from './results'
import type { Bilingual } from '../i18n/language'
import { textIn } from '../i18n/text-in'

/**
 * One projector page of a quiz: `session.position.slide` is the question shown. After a closed post-test,
 * when the workshop has a pre-test, one more page compares the two.
 */
export type QuizPage =
  | {
      kind: 'question'
      /** 0-based; the room reads "Câu {index + 1}/{count}". */
      index: number
      count: number
      text: string
      multiple: boolean
      /** `correct` is there only once the quiz is closed: never while it is waiting or open. */
      options: { label: string; correct?: boolean }[]
      reveal: QuizReveal | null
    }
  | { kind: 'comparison'; comparison: QuizComparison }

export interface QuizReveal {
  /** The package's explanation, without source markers; null when the package has none. */
  explanation: string | null
  /**
   * Who got it right: `rate` in 0–1 with its counts; 'hands' for a multiple-answer question counted only
   * by show of hands (hands cannot tell who chose exactly the right set); 'none' before any answer.
   */
  share: { right: number; answered: number; rate: number } | 'hands' | 'none'
}

/** Pre-test against post-test, for the room: share right per question, mean scores and matched pairs. */
export interface QuizComparison {
  questions: { text: string; before: number | null; after: number | null }[]
  /** Mean scores in percent. */
  meanBefore: number | null
  meanAfter: number | null
  pairs: number
  /** Mean change of the matched pairs, in percentage points. */
  meanGainPoints: number | null
}

/** The pre-test the post-test `block` is compared with, if the workshop has one. */
function preTestFor(block: Block, session: Session): Block | undefined {
  if (block.kind !== 'quiz' || block.role !== 'post') return undefined
  return session.snapshot.manifest.blocks.find((b) => b.kind === 'quiz' && b.role === 'pre')
}

/** The page at `slide` of a quiz block (clamped to the pages it has now). */
export function quizPage(block: Block, session: Session, slide: number, language: Language): QuizPage {
  const plain = (text: Bilingual): string => stripCitations(textIn(text, language, session.snapshot.manifest.languages))
  const questions = quizQuestions(block, session)
  const run = session.polls[block.id]
  const closed = run?.status === 'closed'
  const pre = closed ? preTestFor(block, session) : undefined
  if (pre && slide >= questions.length)
    return { kind: 'comparison', comparison: quizComparison(pre, block, session, language) }
  const index = Math.max(0, Math.min(slide, questions.length - 1))
  const question = questions[index]
  if (!question) return { kind: 'question', index: 0, count: 0, text: '', multiple: false, options: [], reveal: null }
  const result = closed ? quizResults(block, session).perQuestion[index] : undefined
  return {
    kind: 'question',
    index,
    count: questions.length,
    text: plain(question.text),
    multiple: question.multiple,
    // Read aloud or shown; the key only once the trainer has closed the quiz.
    options: question.options.map((o) =>
      closed ? { label: plain(o.text), correct: o.correct } : { label: plain(o.text) }
    ),
    reveal: closed
      ? {
          explanation: question.explanation ? plain(question.explanation) : null,
          share:
            result && result.correctRate !== null
              ? { right: result.correct, answered: result.answered, rate: result.correctRate }
              : result?.hands
                ? 'hands'
                : 'none'
        }
      : null
  }
}

/** The comparison page's figures: per question of the post-test, the share right in each test. */
export function quizComparison(pre: Block, post: Block, session: Session, language: Language): QuizComparison {
  const before = quizResults(pre, session)
  const after = quizResults(post, session)
  const rateOf = (results: typeof before, id: string): number | null =>
    results.perQuestion.find((q) => q.questionId === id)?.correctRate ?? null
  const gain = matchedGain(session)
  return {
    questions: quizQuestions(post, session).map((q) => ({
      text: stripCitations(textIn(q.text, language, session.snapshot.manifest.languages)),
      before: rateOf(before, q.id),
      after: rateOf(after, q.id)
    })),
    meanBefore: before.meanScorePercent,
    meanAfter: after.meanScorePercent,
    pairs: gain.pairs,
    meanGainPoints: gain.meanGainPoints
  }
}
