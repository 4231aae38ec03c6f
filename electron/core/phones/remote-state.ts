import type { Language } from '../../shared/i18n/language'
import type { Session } from '../../shared/sessions/model'
import { stripCitations } from '../../shared/workshops/citations'
import type { BlockKind } from '../../shared/workshops/schema'
import type { Bilingual } from '../../shared/i18n/language'
import { slidesIn, textIn } from '../../shared/i18n/text-in'

/** What the trainer's phone remote shows: where the session is, what comes next, the notes, the timer. */
export interface RemoteState {
  language: Language
  workshop: string
  status: Session['status']
  current: { kind: BlockKind; title: string; slide: { n: number; of: number } | null }
  /** The next slide's block title (with its number) or the next block's title; null at the end. */
  next: { title: string; slide: { n: number; of: number } | null } | null
  /** The block's facilitator notes, plain text (the page escapes it). */
  blockNotes: string
  /** The current slide's speaker notes: HTML sanitised when the workshop was loaded (the snapshot's). */
  notesHtml: string
  timer: { remainingMs: number; running: boolean } | null
  blank: Session['blank']
  /** The current block's poll or quiz: open or not; null when the block has none. */
  poll: 'open' | 'closed' | null
}

/** The remote's view of `session` in `language` (the session's language when the phone chose none). */
export function remoteState(session: Session, language: Language | null, now = Date.now()): RemoteState {
  const lang = language ?? session.details.language
  const blocks = session.snapshot.manifest.blocks
  const { block: index, slide } = session.position
  const block = blocks[index]!
  const languages = session.snapshot.manifest.languages
  const pick = (text: Bilingual): string => textIn(text, lang, languages)
  const slidesOf = (id: string): { html: string; notesHtml: string }[] =>
    slidesIn(session.snapshot.slides[id], lang, languages)
  const slides = block.kind === 'slides' ? slidesOf(block.id) : []
  const following = blocks[index + 1]
  let next: RemoteState['next'] = null
  if (block.kind === 'slides' && slide + 1 < slides.length) {
    next = { title: pick(block.title), slide: { n: slide + 2, of: slides.length } }
  } else if (following) {
    const count = following.kind === 'slides' ? slidesOf(following.id).length : 0
    next = { title: pick(following.title), slide: count > 0 ? { n: 1, of: count } : null }
  }
  const run = session.polls[block.id]
  const timer = session.timer
  return {
    language: lang,
    workshop: pick(session.snapshot.manifest.title),
    status: session.status,
    current: {
      kind: block.kind,
      title: pick(block.title),
      slide: block.kind === 'slides' && slides.length > 0 ? { n: slide + 1, of: slides.length } : null
    },
    next,
    blockNotes: block.notes ? stripCitations(pick(block.notes)) : '',
    notesHtml: slides[slide]?.notesHtml ?? '',
    timer: timer
      ? {
          remainingMs: timer.durationMs - timer.elapsedMs - (timer.startedAt ? now - Date.parse(timer.startedAt) : 0),
          running: timer.startedAt !== null
        }
      : null,
    blank: session.blank,
    poll: block.kind === 'poll' || block.kind === 'quiz' ? (run?.status === 'open' ? 'open' : 'closed') : null
  }
}
