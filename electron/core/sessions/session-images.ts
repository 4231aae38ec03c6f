import { promises as fs } from 'node:fs'
import { writeFileDurably } from '../storage/durable-write'
import type { AudienceView } from '../../shared/sessions/audience'
import type { WorkshopSnapshot } from '../../shared/sessions/model'

/**
 * Slide images of a running session, kept out of the session file. A session is saved on every
 * command and every answer; images (up to megabytes, often twice: Vietnamese and English) would make
 * each of those saves rewrite them. So the snapshot in the session file refers to its images by
 * number (`src="session-image:3"`), the images are written once, next to it, when the session starts
 * (`sessions/<id>.images.json`), and windows receive the slides with the images put back.
 * An unresolved reference is harmless: the page's policy only loads 'self' and data: images.
 */
const EMBEDDED = /src="(data:image\/(?:png|jpeg|webp|gif);base64,[A-Za-z0-9+/=]+)"/g
const REFERENCE = /src="session-image:(\d+)"/g

export type SessionImages = readonly string[]

/** The snapshot with each distinct image replaced by a reference, and the images by number. */
export function separateImages(snapshot: WorkshopSnapshot): { snapshot: WorkshopSnapshot; images: string[] } {
  const images: string[] = []
  const numbers = new Map<string, number>()
  const slim = (html: string): string =>
    html.replace(EMBEDDED, (_all, url: string) => {
      let n = numbers.get(url)
      if (n === undefined) {
        n = images.push(url) - 1
        numbers.set(url, n)
      }
      return `src="session-image:${n}"`
    })
  return { snapshot: mapSlides(snapshot, slim), images }
}

function resolveImages(html: string, images: SessionImages): string {
  return html.replace(REFERENCE, (all, n: string) => {
    const url = images[Number(n)]
    return url ? `src="${url}"` : all
  })
}

export function resolveSnapshot(snapshot: WorkshopSnapshot, images: SessionImages): WorkshopSnapshot {
  return images.length === 0 ? snapshot : mapSlides(snapshot, (html) => resolveImages(html, images))
}

export function resolveAudience(view: AudienceView, images: SessionImages): AudienceView {
  return view.kind === 'slide' && images.length > 0 ? { ...view, html: resolveImages(view.html, images) } : view
}

export async function writeSessionImages(path: string, images: SessionImages): Promise<void> {
  await writeFileDurably(fs, path, JSON.stringify(images))
}

/** The images of a session; none when there is no file (a session without images) or it cannot be read. */
export async function readSessionImages(path: string): Promise<SessionImages> {
  try {
    const parsed: unknown = JSON.parse(await fs.readFile(path, 'utf8'))
    // Positions matter (references are numbers): anything unexpected becomes an unresolved gap.
    return Array.isArray(parsed)
      ? parsed.map((u) => (typeof u === 'string' && u.startsWith('data:image/') ? u : ''))
      : []
  } catch {
    return []
  }
}

function mapSlides(snapshot: WorkshopSnapshot, map: (html: string) => string): WorkshopSnapshot {
  const slides: WorkshopSnapshot['slides'] = {}
  for (const [blockId, perLanguage] of Object.entries(snapshot.slides)) {
    const each = (list: typeof perLanguage.vi) => list.map((s) => ({ html: map(s.html), notesHtml: map(s.notesHtml) }))
    slides[blockId] = { vi: each(perLanguage.vi), en: each(perLanguage.en) }
  }
  return { ...snapshot, slides }
}
