import { existsSync, promises as fs } from 'node:fs'
import { join } from 'node:path'
import type { WorkshopDetail, WorkshopSummary } from './library-schema'
import { workshopSnapshot } from '../sessions/create-session'
import { findCitations } from '../../shared/workshops/citations'
import { folderReader, loadWorkshop, MANIFEST_FILE, type LoadedWorkshop, type LoadResult } from '../workshops/loader'

interface Entry {
  id: string
  origin: 'bundled' | 'user'
  dir: string
  result: LoadResult
}

/**
 * The workshops the trainer can see: the bundled ones (read-only, shipped in `workshops/`) and the
 * user's own (in the data folder). Packages are loaded and checked once and then kept in memory.
 */
export class WorkshopLibrary {
  private entries: Promise<Entry[]> | null = null

  constructor(private readonly folders: { bundled: string; user: string }) {}

  async list(): Promise<WorkshopSummary[]> {
    return (await this.load()).map(summarise)
  }

  async get(id: string): Promise<WorkshopDetail | null> {
    const entry = (await this.load()).find((e) => e.id === id)
    if (!entry) return null
    if (!entry.result.ok) return { summary: summarise(entry), manifest: null, slides: {}, citationCounts: {} }
    const { workshop } = entry.result
    return {
      summary: summarise(entry),
      manifest: workshop.manifest,
      slides: workshopSnapshot(workshop).slides,
      citationCounts: countCitations(workshop)
    }
  }

  /** Folder of a workshop, or null when there is none by that id. */
  async folderOf(id: string): Promise<string | null> {
    return (await this.load()).find((e) => e.id === id)?.dir ?? null
  }

  async origin(id: string): Promise<'bundled' | 'user' | null> {
    return (await this.load()).find((e) => e.id === id)?.origin ?? null
  }

  async bundledIds(): Promise<string[]> {
    return (await this.load()).filter((e) => e.origin === 'bundled').map((e) => e.id)
  }

  get userFolder(): string {
    return this.folders.user
  }

  /** Forget what was loaded (after an import): the next call reads the folders again. */
  invalidate(): void {
    this.entries = null
  }

  private load(): Promise<Entry[]> {
    this.entries ??= Promise.all([scan(this.folders.bundled, 'bundled'), scan(this.folders.user, 'user')]).then(
      ([bundled, user]) => [...bundled, ...user]
    )
    return this.entries
  }
}

async function scan(folder: string, origin: Entry['origin']): Promise<Entry[]> {
  if (!existsSync(folder)) return []
  const names = (await fs.readdir(folder, { withFileTypes: true }))
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && existsSync(join(folder, d.name, MANIFEST_FILE)))
    .map((d) => d.name)
    .sort()
  return Promise.all(
    names.map(async (name) => {
      const dir = join(folder, name)
      return { id: name, origin, dir, result: await loadWorkshop(folderReader(dir)) }
    })
  )
}

function summarise(entry: Entry): WorkshopSummary {
  if (!entry.result.ok) {
    return {
      id: entry.id,
      origin: entry.origin,
      version: null,
      title: null,
      summary: null,
      audience: [],
      durationMinutes: null,
      blockCount: 0,
      problems: entry.result.problems,
      languages: [],
      warnings: []
    }
  }
  const { manifest } = entry.result.workshop
  return {
    id: manifest.id,
    origin: entry.origin,
    version: manifest.version,
    title: manifest.title,
    summary: manifest.summary,
    audience: manifest.audience.groups,
    durationMinutes: manifest.durationMinutes,
    blockCount: manifest.blocks.length,
    problems: [],
    languages: manifest.languages,
    warnings: entry.result.warnings
  }
}

/** How often each source (and `verify-locally`) is cited, for the Sources screen. */
function countCitations(workshop: LoadedWorkshop): Record<string, number> {
  const counts: Record<string, number> = {}
  const texts = [
    JSON.stringify(workshop.manifest),
    ...Object.values(workshop.slides).flatMap((s) => [...s.vi, ...s.en].map((x) => `${x.body}\n${x.notes}`))
  ]
  for (const text of texts) {
    for (const citation of findCitations(text)) counts[citation.sourceId] = (counts[citation.sourceId] ?? 0) + 1
  }
  return counts
}
