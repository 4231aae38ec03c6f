import type { LoadedWorkshop } from '../workshops/loader'
import { renderMarkdown } from '../../shared/workshops/markdown'
import { startBlockClock } from '../../shared/sessions/commands'
import { emptyAttendance, type Session, type SessionDetails, type WorkshopSnapshot } from '../../shared/sessions/model'

/** What a session keeps of its workshop: the manifest and every slide already rendered, in both languages. */
export function workshopSnapshot(workshop: LoadedWorkshop): WorkshopSnapshot {
  const slides: WorkshopSnapshot['slides'] = {}
  for (const [blockId, perLanguage] of Object.entries(workshop.slides)) {
    const render = (list: typeof perLanguage.vi) =>
      list.map((s) => ({
        html: renderMarkdown(s.body, workshop.images),
        notesHtml: renderMarkdown(s.notes, workshop.images)
      }))
    slides[blockId] = { vi: render(perLanguage.vi), en: render(perLanguage.en) }
  }
  return { manifest: workshop.manifest, slides }
}

/** A new session at the first block, its clock started. */
export function createSession(input: {
  id: string
  now: Date
  snapshot: WorkshopSnapshot
  details: SessionDetails
}): Session {
  const at = input.now.toISOString()
  const session: Session = {
    id: input.id,
    createdAt: at,
    updatedAt: at,
    status: 'running',
    workshop: { id: input.snapshot.manifest.id, version: input.snapshot.manifest.version },
    snapshot: input.snapshot,
    details: input.details,
    position: { block: 0, slide: 0 },
    blank: null,
    timeline: [],
    timer: null,
    polls: {},
    attendance: emptyAttendance(),
    notes: [],
    parkingLot: [],
    closingRemarks: '',
    questions: [],
    screen: null
  }
  startBlockClock(session, input.now)
  return session
}
