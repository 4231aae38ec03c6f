import { existsSync, promises as fs } from 'node:fs'
import { join } from 'node:path'
import type { Bilingual } from '../../shared/i18n/language'
import { DataFile } from '../storage/data-file'
import { errorCode, type DurableFs } from '../storage/durable-json-file'
import type { StorageIncident } from '../storage/incidents'
import type { LibraryFile, SessionIndexEntry } from '../storage/library-file'
import { userMessage } from '../../shared/i18n/user-message'
import { versionedParser } from '../storage/versioned'
import { recordAnswer, type AnswerInput, type AnswerRefusal } from '../../shared/sessions/answers'
import { recordQuestion, type QuestionInput, type QuestionRefusal } from '../../shared/sessions/questions'
import { audienceView, type AudienceView, type JoinInfo } from '../../shared/sessions/audience'
import { applyCommand, CommandError, type SessionCommand } from '../../shared/sessions/commands'
import { createSession } from './create-session'
import { SESSION_ID_PATTERN } from '../../shared/sessions/ids'
import {
  readSessionImages,
  resolveAudience,
  resolveSnapshot,
  separateImages,
  writeSessionImages,
  type SessionImages
} from './session-images'
import { stringifySessionFile } from './session-file-json'
import {
  SESSION_SCHEMA_VERSION,
  SessionFileSchema,
  type Session,
  type SessionDetails,
  type SessionFile,
  type SessionLive,
  type WorkshopSnapshot
} from '../../shared/sessions/model'

export const parseSessionFile = versionedParser(SessionFileSchema, SESSION_SCHEMA_VERSION)

export interface SessionEvents {
  changed(live: SessionLive, audience: AudienceView): void
}

/**
 * Sessions on disk, one lowdb file each (`sessions/<id>.json`), so a save costs the size of one
 * session. Every command and every answer is saved before it is acknowledged.
 */
export class SessionService {
  private readonly files = new Map<string, Promise<DataFile<SessionFile>>>()
  /** Each open session's slide images (see session-images.ts), read once. */
  private readonly images = new Map<string, SessionImages>()
  join: JoinInfo | null = null
  /** The session the trainer last started or worked in: the one phones answer. */
  private lastUsed: string | null = null

  constructor(
    private readonly options: {
      dataDir: string
      library: DataFile<LibraryFile>
      onIncident: (incident: StorageIncident) => void
      events: SessionEvents
      fs?: DurableFs
      now?: () => Date
    }
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date()
  }

  list(): LibraryFile['sessions'] {
    return [...this.options.library.data.sessions].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
  }

  async start(
    workshop: { id: string; title: Bilingual },
    snapshot: WorkshopSnapshot,
    details: SessionDetails
  ): Promise<Session> {
    const now = this.now()
    const id = `${details.date}-${crypto.randomUUID().slice(0, 8)}`
    const separated = separateImages(snapshot)
    if (separated.images.length > 0) {
      await fs.mkdir(join(this.options.dataDir, 'sessions'), { recursive: true })
      await writeSessionImages(this.imagesPathOf(id), separated.images)
    }
    this.images.set(id, separated.images)
    const session = createSession({ id, now, snapshot: separated.snapshot, details })
    this.lastUsed = id
    const file = this.fileFor(id, { schemaVersion: SESSION_SCHEMA_VERSION, session })
    await (await file).save()
    await this.options.library.update((data) => {
      data.sessions.push({
        id,
        workshopId: workshop.id,
        title: workshop.title,
        venue: details.venue,
        date: details.date,
        status: 'running',
        updatedAt: session.updatedAt
      })
    })
    this.publish(session)
    return { ...session, snapshot } // the caller gets the images it gave
  }

  /**
   * Lists again the sessions whose own file is there but which the library's index does not name (the index and
   * its backup were lost or damaged, or a save of the index failed). Normally there are none, and nothing is read.
   */
  async indexMissingSessions(): Promise<void> {
    const folder = join(this.options.dataDir, 'sessions')
    const names = await fs.readdir(folder).catch((error: unknown) => {
      if (errorCode(error) === 'ENOTDIR') this.options.onIncident({ kind: 'not-a-folder', file: folder })
      return [] as string[]
    })
    const indexed = new Set(this.options.library.data.sessions.map((s) => s.id))
    const ids = names
      .map((name) => /^(.+)\.json$/.exec(name)?.[1])
      .filter((id): id is string => id !== undefined && SESSION_ID_PATTERN.test(id) && !indexed.has(id))
    const found: SessionIndexEntry[] = []
    for (const id of ids) {
      const session = await this.read(id).catch(() => null) // damaged ones are reported by the storage layer
      if (session) found.push(indexEntry(session))
    }
    if (found.length === 0) return
    await this.options.library.update((data) => void data.sessions.push(...found))
    this.options.onIncident({
      kind: 'index-rebuilt',
      file: this.options.library.path,
      reason: userMessage('reason.sessions-found', { count: found.length })
    })
  }

  /**
   * Reads every unfinished session now, at start: a file a crash damaged is then moved aside, restored
   * from its backup and reported before the trainer opens it, rather than when they press Continue.
   */
  async checkUnfinished(): Promise<void> {
    const unfinished = this.list().filter((s) => s.status !== 'finished')
    // A session whose files are both gone or unreadable is reported by the storage layer; nothing to add here.
    await Promise.all(unfinished.map((s) => this.open(s.id).catch(() => undefined)))
  }

  async get(id: string): Promise<Session> {
    return (await this.open(id)).data.session
  }

  /**
   * A session only to read (reports over many sessions): the one in memory if it is open, otherwise
   * read from disk (damaged files repaired as usual) without keeping it, or its images, in memory.
   */
  async read(id: string): Promise<Session> {
    if (this.files.has(id)) return this.get(id)
    if (!SESSION_ID_PATTERN.test(id)) throw new CommandError('error.no-session', { id: id.slice(0, 64) })
    const file = this.dataFile(id)
    try {
      await file.open()
      if (!file.data.session) throw new CommandError('error.no-session', { id })
      return file.data.session
    } finally {
      file.close()
    }
  }

  /** The session as windows show it: its snapshot with the slide images put back. */
  async getWithImages(id: string): Promise<Session> {
    const session = await this.get(id)
    return { ...session, snapshot: resolveSnapshot(session.snapshot, this.images.get(id) ?? []) }
  }

  async command(id: string, command: SessionCommand): Promise<{ session: Session; saved: boolean }> {
    const file = await this.open(id)
    this.lastUsed = id
    const session = file.data.session
    const before = session.status
    applyCommand(session, command, this.now()) // throws CommandError before changing anything it refuses
    const saved = await file.save()
    if (session.status !== before) await this.updateIndex(session)
    this.publish(session)
    return { session, saved }
  }

  /** A participant's answer; resolves once it is durable on disk (or with the reason it was refused). */
  async answer(id: string, input: AnswerInput): Promise<AnswerRefusal | 'not-saved' | null> {
    const file = await this.open(id)
    const refusal = recordAnswer(file.data.session, input, this.now())
    if (refusal) return refusal
    const saved = await file.save()
    this.publishSoon(file.data.session)
    return saved ? null : 'not-saved'
  }

  /** A question from the room or a vote for one; resolves once it is durable on disk (or with the refusal). */
  async question(id: string, input: QuestionInput): Promise<QuestionRefusal | 'not-saved' | null> {
    const file = await this.open(id)
    const refusal = recordQuestion(file.data.session, input, this.now())
    if (refusal) return refusal
    const saved = await file.save()
    this.publishSoon(file.data.session)
    return saved ? null : 'not-saved'
  }

  audience(session: Session): AudienceView {
    return resolveAudience(audienceView(session, this.join), this.images.get(session.id) ?? [])
  }

  /** The session phones may answer: the one the trainer last worked in, else the latest running one. */
  activeSessionId(): string | null {
    // Asked on every phone request: only the running sessions are sorted, not the whole history.
    const running = this.options.library.data.sessions.filter((s) => s.status === 'running')
    if (running.some((s) => s.id === this.lastUsed)) return this.lastUsed
    return running.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0]?.id ?? null
  }

  /** The trainer opened this session (the presenter): phones answer it while it runs. */
  use(id: string): void {
    this.lastUsed = id
  }

  republish(id: string): void {
    void this.get(id).then((session) => this.publish(session))
  }

  close(): void {
    for (const timer of this.pendingPublish.values()) clearTimeout(timer)
    for (const file of this.files.values()) void file.then((f) => f.close())
  }

  private pendingPublish = new Map<string, ReturnType<typeof setTimeout>>()

  /**
   * Answers arrive in bursts (a room of phones at once): windows get at most one update per 40 ms per
   * session instead of one per answer, well inside what the projector needs to look live.
   */
  private publishSoon(session: Session): void {
    if (this.pendingPublish.has(session.id)) return
    this.pendingPublish.set(
      session.id,
      setTimeout(() => {
        this.pendingPublish.delete(session.id)
        this.publish(session)
      }, 40)
    )
  }

  private publish(session: Session): void {
    const { snapshot: _snapshot, ...live } = session
    this.options.events.changed(live, this.audience(session))
  }

  private async updateIndex(session: Session): Promise<void> {
    await this.options.library.update((data) => {
      const entry = data.sessions.find((s) => s.id === session.id)
      if (entry) {
        entry.status = session.status
        entry.updatedAt = session.updatedAt
      }
    })
  }

  private async open(id: string): Promise<DataFile<SessionFile>> {
    if (!SESSION_ID_PATTERN.test(id)) throw new CommandError('error.no-session', { id: id.slice(0, 64) })
    if (!this.files.has(id) && !existsSync(this.pathOf(id)) && !existsSync(`${this.pathOf(id)}.bak`)) {
      throw new CommandError('error.no-session', { id })
    }
    const file = await this.fileFor(id)
    if (!file.data.session) throw new CommandError('error.session-unreadable', { id })
    if (!this.images.has(id)) this.images.set(id, await readSessionImages(this.imagesPathOf(id)))
    return file
  }

  private dataFile(id: string, initial?: SessionFile): DataFile<SessionFile> {
    return new DataFile<SessionFile>({
      path: this.pathOf(id),
      parse: parseSessionFile,
      // A session file that exists is read; `initial` only seeds a brand-new one.
      defaults: () => initial ?? ({ schemaVersion: SESSION_SCHEMA_VERSION } as SessionFile),
      onIncident: this.options.onIncident,
      fs: this.options.fs,
      stringify: stringifySessionFile
    })
  }

  private pathOf(id: string): string {
    return join(this.options.dataDir, 'sessions', `${id}.json`)
  }

  private imagesPathOf(id: string): string {
    return join(this.options.dataDir, 'sessions', `${id}.images.json`)
  }

  private fileFor(id: string, initial?: SessionFile): Promise<DataFile<SessionFile>> {
    let file = this.files.get(id)
    if (!file) {
      file = (async () => {
        await fs.mkdir(join(this.options.dataDir, 'sessions'), { recursive: true })
        const data = this.dataFile(id, initial)
        if (!initial) await data.open()
        return data
      })()
      this.files.set(id, file)
      // A file the system would not let us read now (antivirus, too many open files) is read again next time.
      const opening = file
      opening.catch(() => {
        if (this.files.get(id) === opening) this.files.delete(id)
      })
    }
    return file
  }
}

/** A session's line in the library's index, from the session itself. */
function indexEntry(session: Session): SessionIndexEntry {
  return {
    id: session.id,
    workshopId: session.workshop.id,
    title: session.snapshot.manifest.title,
    venue: session.details.venue,
    date: session.details.date,
    status: session.status,
    updatedAt: session.updatedAt
  }
}
