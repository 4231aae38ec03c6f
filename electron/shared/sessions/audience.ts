import { stripCitations } from '../workshops/citations'
import type { Language } from '../i18n/language'
import { cardQuestions } from '../cards/card-questions'
import type { Block } from '../workshops/schema'
import type { Session } from './model'
import { pollResults, quizResults } from './results'
import { quizPage, type QuizPage } from './quiz-view'
import { openQuestions, type PublicQuestion } from './questions'
import { wordsAndRankingView } from './words-ranking-view'
import type { Bilingual } from '../i18n/language'
import { slidesIn, textIn } from '../i18n/text-in'

/** How phones reach the participant page, shown on the projector while a phone poll is open. */
export interface JoinInfo {
  url: string
  code: string
  /** The QR code (an SVG data URL) that opens the join address directly. */
  qr: string
  /** The address phones used before, when it changed (phones on the old page must open the new one). */
  movedFrom?: string | null
}

/**
 * What the room may see, and nothing more: never speaker notes, facilitator notes, quiz keys while
 * the quiz is open, unreviewed open-text answers or anything that identifies a device.
 */
export type AudienceView = AudienceContent & { language: Language }

export type AudienceContent =
  | { kind: 'blank'; colour: 'black' | 'white' }
  /** A safeguarding pause: a calm, neutral screen that says nothing about why. */
  | { kind: 'pause' }
  | { kind: 'slide'; html: string; index: number; count: number }
  | { kind: 'prompt'; title: string; text: string; timer: TimerView | null; groupSize: number | null }
  | { kind: 'break'; title: string; timer: TimerView | null }
  | {
      kind: 'poll'
      title: string
      question: string
      status: 'waiting' | 'open' | 'closed'
      mode: 'tally' | 'phones' | null
      join: JoinInfo | null
      /** Open for phones while phones are off: the room is told, and the trainer how to turn them on. */
      phonesOff: boolean
      options: { label: string; count: number | null }[]
      respondents: number | null
      mean: number | null
      /** Approved open-text answers, as plain text (the view escapes them). */
      texts: string[] | null
      /** Answer cards: null when the poll cannot be answered with cards, else the numbers read so far (never their answers). */
      cards: string[] | null
      /** A word cloud: approved words only, with their approved counts, most first (plain text; the view escapes it). */
      words?: { text: string; count: number }[] | null
      /** A ranking poll: options best first with their mean rank (order) or mean points (points). */
      ranking?: { mode: 'order' | 'points'; options: { label: string; value: number | null }[] } | null
    }
  | {
      kind: 'quiz'
      title: string
      status: 'waiting' | 'open' | 'closed'
      mode: 'tally' | 'phones' | null
      join: JoinInfo | null
      phonesOff: boolean
      /** The question on the projector (position.slide), or the pre/post comparison after the post-test. */
      page: QuizPage
      respondents: number | null
      /** Answer cards: null when no question can be answered with cards, else the numbers read so far. */
      cards: string[] | null
    }
  | { kind: 'ended'; title: string }
  /** Questions from the room the trainer approved and has not answered yet, most votes first; never the others. */
  | { kind: 'questions'; questions: PublicQuestion[]; join: JoinInfo | null }

export interface TimerView {
  durationMs: number
  elapsedMs: number
  /** When running: the moment (epoch ms) the elapsed time was measured, so windows count down on their own. */
  runningSince: number | null
}

export function audienceView(session: Session, join: JoinInfo | null): AudienceView {
  return { ...audienceContent(session, join), language: session.details.language }
}

function audienceContent(session: Session, join: JoinInfo | null): AudienceContent {
  const language: Language = session.details.language
  const languages = session.snapshot.manifest.languages
  const pick = (text: Bilingual): string => textIn(text, language, languages)
  // Source markers ([@source#2], [@verify-locally]) are for the trainer; the room reads plain text.
  const plain = (text: Bilingual): string => stripCitations(pick(text))
  if (session.blank === 'pause') return { kind: 'pause' }
  if (session.blank) return { kind: 'blank', colour: session.blank }
  if (session.status === 'finished') return { kind: 'ended', title: pick(session.snapshot.manifest.title) }
  if (session.screen === 'questions') return { kind: 'questions', questions: openQuestions(session), join }
  const block = session.snapshot.manifest.blocks[session.position.block]
  if (!block) return { kind: 'ended', title: pick(session.snapshot.manifest.title) }
  const timer: TimerView | null =
    session.timer && session.timer.blockId === block.id
      ? {
          durationMs: session.timer.durationMs,
          elapsedMs: session.timer.elapsedMs,
          runningSince: session.timer.startedAt ? Date.parse(session.timer.startedAt) : null
        }
      : null

  switch (block.kind) {
    case 'slides': {
      const slides = slidesIn(session.snapshot.slides[block.id], language, languages)
      const index = Math.min(session.position.slide, Math.max(slides.length - 1, 0))
      return { kind: 'slide', html: slides[index]?.html ?? '', index, count: slides.length }
    }
    case 'discussion':
      return {
        kind: 'prompt',
        title: pick(block.title),
        text: plain(block.prompt),
        timer,
        groupSize: block.groupSize ?? null
      }
    case 'activity':
      return { kind: 'prompt', title: pick(block.title), text: plain(block.instructions), timer, groupSize: null }
    case 'break':
      return { kind: 'break', title: pick(block.title), timer }
    case 'poll':
      return pollView(session, block, join)
    case 'quiz': {
      const run = session.polls[block.id]
      return {
        kind: 'quiz',
        title: pick(block.title),
        status: run ? run.status : 'waiting',
        mode: run?.mode ?? null,
        join: run?.status === 'open' && run.mode === 'phones' ? join : null,
        phonesOff: run?.status === 'open' && run.mode === 'phones' && join === null,
        page: quizPage(block, session, session.position.slide, language),
        respondents: run ? quizResults(block, session).respondents : null,
        cards: cardNumbers(block, session)
      }
    }
  }
}

/** A poll as the room sees it: counts only when the trainer shows them, open answers only once approved. */
function pollView(session: Session, block: Extract<Block, { kind: 'poll' }>, join: JoinInfo | null): AudienceContent {
  const pick = (text: Bilingual): string => textIn(text, session.details.language, session.snapshot.manifest.languages)
  const run = session.polls[block.id]
  const showResults = run !== undefined && (!run.hideResults || run.status === 'closed')
  const results = pollResults(block, run)
  const scaleLabel = (key: string): string => {
    if (!block.scale) return key
    if (key === String(block.scale.min)) return `${key} · ${pick(block.scale.minLabel)}`
    if (key === String(block.scale.max)) return `${key} · ${pick(block.scale.maxLabel)}`
    return key
  }
  const labels =
    block.options?.map((o) => pick(o.text)) ?? (block.scale ? results.counts.map((c) => scaleLabel(c.key)) : [])
  return {
    kind: 'poll',
    title: pick(block.title),
    question: stripCitations(pick(block.question)),
    status: run ? run.status : 'waiting',
    mode: run?.mode ?? null,
    join: run?.status === 'open' && run.mode === 'phones' ? join : null,
    phonesOff: run?.status === 'open' && run.mode === 'phones' && join === null,
    options: labels.map((label, i) => ({ label, count: showResults ? (results.counts[i]?.count ?? 0) : null })),
    respondents: run ? results.respondents : null,
    mean: showResults ? results.mean : null,
    texts:
      block.type === 'open' && showResults ? results.openAnswers.filter((a) => a.approved).map((a) => a.text) : null,
    cards: cardNumbers(block, session),
    ...wordsAndRankingView(block, run, showResults, pick)
  }
}

/** The sign-in numbers whose card was read for this poll or quiz, in number order; null if cards cannot answer it. */
function cardNumbers(block: Block, session: Session): string[] | null {
  if (cardQuestions(block, session).length === 0) return null
  const sheets = session.polls[block.id]?.sheets ?? {}
  return Object.keys(sheets)
    .filter((number) => sheets[number]!.source === 'card')
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
}
