import { existsSync, promises as fs } from 'node:fs'
import { join } from 'node:path'
import { writeFileDurably } from '../storage/durable-write'
import { parseSummaryJson, summaryToJson } from './json'
import type { SessionSummary } from './schema'

/**
 * Summaries gathered from other trainers' laptops (JSON exports brought by USB stick), kept in
 * `summaries/` of the data folder. Each is checked fully on import; the same file imported twice is
 * stored once (named by its session and language).
 */
export interface ImportedSummaryEntry {
  id: string
  workshopTitle: string
  venue: string
  date: string
  trainer: string
  language: 'vi' | 'en'
}

const ID = /^[a-z0-9-]{1,80}$/

export class ImportedSummaries {
  constructor(private readonly folder: string) {}

  async import(text: string): Promise<ImportedSummaryEntry> {
    const summary = parseSummaryJson(text) // throws SummaryFileError with a plain reason
    const id = `${summary.sessionId}-${summary.language}`
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .slice(0, 80)
    await fs.mkdir(this.folder, { recursive: true })
    await writeFileDurably(fs, join(this.folder, `${id}.json`), summaryToJson(summary))
    return entryOf(id, summary)
  }

  async list(): Promise<ImportedSummaryEntry[]> {
    const entries = (await this.readAll()).map(({ id, summary }) => entryOf(id, summary))
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
