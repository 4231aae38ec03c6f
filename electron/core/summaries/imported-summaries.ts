import { existsSync, promises as fs } from 'node:fs'
import { join } from 'node:path'
import { writeFileDurably, type DurableWriteFs } from '../storage/durable-write'
import { writeFilesDurably } from '../storage/durable-write-many'
import { parseSummaryJson, summaryToJson } from './json'
import type { SessionSummary } from './schema'

/**
 * Summaries gathered from other trainers' laptops (JSON exports brought by USB stick), kept in
 * `summaries/` of the data folder. Each is checked fully on import; the same file imported twice is
 * stored once (named by its session and language), and the list shows the Vietnamese and English
 * summaries of one session as one entry.
 */
export interface ImportedSummaryEntry {
  id: string
  workshopTitle: string
  venue: string
  date: string
  trainer: string
  language: 'vi' | 'en'
}

/** One session in the list: its details in the first language held, and each language's summary. */
export interface ImportedSessionEntry extends ImportedSummaryEntry {
  sessionId: string
  versions: { id: string; language: 'vi' | 'en'; workshopTitle: string }[]
}

/**
 * What an import did: stored a summary not held before, replaced an older export of it, or changed
 * nothing because the same export (same generatedAt) or a newer one is already held.
 */
export type ImportOutcome = 'imported' | 'updated' | 'already' | 'newer-held'

/** One summary of a batch import: what it did, or why it was refused. */
export type BatchImportItem = { outcome: ImportOutcome } | { error: unknown }

const ID = /^[a-z0-9-]{1,80}$/
const LANGUAGE_ORDER = ['vi', 'en'] as const

export class ImportedSummaries {
  constructor(
    private readonly folder: string,
    private readonly writeFs: DurableWriteFs = fs
  ) {}

  async import(text: string): Promise<{ entry: ImportedSummaryEntry; outcome: ImportOutcome }> {
    const summary = parseSummaryJson(text) // throws SummaryFileError with a plain reason
    const id = idOf(summary)
    const held = await this.read(id).catch(() => null)
    const outcome = outcomeOf(held, summary)
    if (outcome === 'imported' || outcome === 'updated') {
      await fs.mkdir(this.folder, { recursive: true })
      await writeFileDurably(this.writeFs, join(this.folder, `${id}.json`), summaryToJson(summary))
    }
    return { entry: entryOf(id, held && outcome === 'newer-held' ? held : summary), outcome }
  }

  /**
   * Many summaries at once (the coordinator's pull, a page at a time): each checked and compared as
   * `import` does, in order (a session appearing twice is stored once, its newest export kept, with the
   * outcomes one-by-one imports give), then every file to store written durably together: one folder
   * fsync per batch instead of one per summary.
   */
  async importBatch(texts: readonly string[]): Promise<BatchImportItem[]> {
    const toWrite = new Map<string, SessionSummary>()
    const items: BatchImportItem[] = []
    for (const text of texts) {
      try {
        const summary = parseSummaryJson(text)
        const id = idOf(summary)
        const held = toWrite.get(id) ?? (await this.read(id).catch(() => null))
        const outcome = outcomeOf(held, summary)
        if (outcome === 'imported' || outcome === 'updated') toWrite.set(id, summary)
        items.push({ outcome })
      } catch (error) {
        items.push({ error })
      }
    }
    if (toWrite.size > 0) {
      await fs.mkdir(this.folder, { recursive: true })
      const files = [...toWrite].map(([id, summary]) => ({
        path: join(this.folder, `${id}.json`),
        data: summaryToJson(summary)
      }))
      await writeFilesDurably(this.writeFs, files)
    }
    return items
  }

  /** One entry per session, newest first; its Vietnamese and English summaries are its versions. */
  async list(): Promise<ImportedSessionEntry[]> {
    const bySession = new Map<string, { id: string; summary: SessionSummary }[]>()
    for (const held of await this.readAll()) {
      bySession.set(held.summary.sessionId, [...(bySession.get(held.summary.sessionId) ?? []), held])
    }
    const entries = [...bySession].map(([sessionId, held]): ImportedSessionEntry => {
      const versions = held.sort(
        (a, b) => LANGUAGE_ORDER.indexOf(a.summary.language) - LANGUAGE_ORDER.indexOf(b.summary.language)
      )
      const first = versions[0]!
      return {
        ...entryOf(first.id, first.summary),
        sessionId,
        versions: versions.map(({ id, summary }) => ({
          id,
          language: summary.language,
          workshopTitle: summary.workshop.title
        }))
      }
    })
    return entries.sort((a, b) => b.date.localeCompare(a.date))
  }

  /** Every stored summary that still reads correctly (the cross-session report counts them). */
  async summaries(): Promise<SessionSummary[]> {
    return (await this.readAll()).map(({ summary }) => summary)
  }

  private async readAll(): Promise<{ id: string; summary: SessionSummary }[]> {
    if (!existsSync(this.folder)) return []
    const found: { id: string; summary: SessionSummary }[] = []
    for (const name of (await fs.readdir(this.folder)).filter((n) => n.endsWith('.json')).sort()) {
      const summary = await this.read(name.slice(0, -5)).catch(() => null)
      if (summary) found.push({ id: name.slice(0, -5), summary })
    }
    return found
  }

  async get(id: string): Promise<SessionSummary> {
    if (!ID.test(id)) throw new Error('bad summary id')
    return this.read(id)
  }

  private async read(id: string): Promise<SessionSummary> {
    return parseSummaryJson(await fs.readFile(join(this.folder, `${id}.json`), 'utf8'))
  }
}

/** A summary's file name: its session and language. */
function idOf(summary: SessionSummary): string {
  return `${summary.sessionId}-${summary.language}`
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 80)
}

function outcomeOf(held: SessionSummary | null, summary: SessionSummary): ImportOutcome {
  if (!held) return 'imported'
  if (held.generatedAt === summary.generatedAt) return 'already'
  return Date.parse(held.generatedAt) > Date.parse(summary.generatedAt) ? 'newer-held' : 'updated'
}

function entryOf(id: string, summary: SessionSummary): ImportedSummaryEntry {
  return {
    id,
    workshopTitle: summary.workshop.title,
    venue: summary.venue,
    date: summary.date,
    trainer: summary.trainer,
    language: summary.language
  }
}
