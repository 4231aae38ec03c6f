import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { format } from 'node:util'

/**
 * The local log for the trainer who calls support: `<data folder>/logs/roundtable.log`, one line per
 * event (start, stop, version, host, errors and warnings), rotated at 1 MB keeping 3 files
 * (roundtable.log, .1, .2). It never holds participant data: callers log ids, kinds, codes and file
 * names, never answers, names, device keys, join codes or tokens (and `clean` blanks tokens anyway).
 *
 * Writes are synchronous appends (a few lines a minute; the line is on disk even if the app is killed
 * next) and never throw: a full disk or a locked file drops the line and counts it.
 */

export const LOG_FOLDER = 'logs'
export const LOG_FILE = 'roundtable.log'
export const LOG_MAX_BYTES = 1024 * 1024
export const LOG_FILES_KEPT = 3
/** A longer line is cut: one event, one line, whatever an error message holds. */
const MAX_LINE_CHARS = 2000

export type LogLevel = 'info' | 'warn' | 'error'
export type LogFields = Record<string, string | number | boolean | null | undefined>

export interface AppLog {
  /** The folder the log files are in (Help → Open the log folder). */
  readonly dir: string
  info(event: string, fields?: LogFields): void
  warn(event: string, fields?: LogFields): void
  error(event: string, fields?: LogFields): void
  /** Lines that could not be written (full disk, locked file) since the log was opened. */
  readonly dropped: number
}

export interface LogFileOptions {
  /** The data folder; the log goes to its `logs/` folder. */
  dataDir: string
  maxBytes?: number
  /** How many files to keep, the current one included. */
  keep?: number
  now?: () => Date
}

/** The logs folder of a data folder. */
export function logDirOf(dataDir: string): string {
  return join(dataDir, LOG_FOLDER)
}

/** Control characters and bidirectional overrides. */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g

/**
 * One line of text: control characters (newlines of a stack, terminal colours) become spaces,
 * access tokens are blanked, and the line is cut at MAX_LINE_CHARS.
 */
export function clean(text: string): string {
  const flat = text
    .replace(UNPRINTABLE, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim()
  const blanked = flat.replace(/(token[=:"'\s]+)[A-Za-z0-9_\-+/]{8,}/gi, '$1…')
  return blanked.length > MAX_LINE_CHARS ? `${blanked.slice(0, MAX_LINE_CHARS)}…` : blanked
}

/** `key=value` pairs; a value with spaces is quoted. */
function fieldsText(fields: LogFields): string {
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => {
      const text = clean(String(value))
      return ` ${key}=${/[\s"]/.test(text) || text === '' ? JSON.stringify(text) : text}`
    })
    .join('')
}

export class LogFile implements AppLog {
  readonly dir: string
  private readonly path: string
  private readonly maxBytes: number
  private readonly keep: number
  private readonly now: () => Date
  private size: number | null = null
  private droppedLines = 0
  private reportedDrops = 0

  constructor(options: LogFileOptions) {
    this.dir = logDirOf(options.dataDir)
    this.path = join(this.dir, LOG_FILE)
    this.maxBytes = options.maxBytes ?? LOG_MAX_BYTES
    this.keep = Math.max(1, options.keep ?? LOG_FILES_KEPT)
    this.now = options.now ?? (() => new Date())
  }

  get dropped(): number {
    return this.droppedLines
  }

  info(event: string, fields: LogFields = {}): void {
    this.write('info', event, fields)
  }
  warn(event: string, fields: LogFields = {}): void {
    this.write('warn', event, fields)
  }
  error(event: string, fields: LogFields = {}): void {
    this.write('error', event, fields)
  }

  private write(level: LogLevel, event: string, fields: LogFields): void {
    const line = `${this.now().toISOString()} ${level.toUpperCase()} ${clean(event)}${fieldsText(fields)}\n`
    if (!this.append(line)) {
      this.droppedLines++
      return
    }
    if (this.reportedDrops < this.droppedLines) {
      const missed = this.droppedLines - this.reportedDrops
      this.reportedDrops = this.droppedLines
      this.append(`${this.now().toISOString()} WARN log-lines-dropped count=${missed}\n`)
    }
  }

  /** Appends one line, rotating first when it would pass the size limit; false when it could not be written. */
  private append(line: string): boolean {
    try {
      const bytes = Buffer.byteLength(line)
      if (this.size === null) this.size = this.currentSize()
      if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate()
      appendFileSync(this.path, line)
      this.size += bytes
      return true
    } catch {
      this.size = null // measure again next time: the file may have changed under us
      return false
    }
  }

  private currentSize(): number {
    mkdirSync(this.dir, { recursive: true })
    try {
      return statSync(this.path).size
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0
      throw error
    }
  }

  /** roundtable.log → .1 → .2 …; the oldest beyond `keep` files is removed. */
  private rotate(): void {
    const numbered = (n: number): string => (n === 0 ? this.path : `${this.path}.${n}`)
    rmSync(numbered(this.keep - 1), { force: true })
    for (let n = this.keep - 2; n >= 0; n--) {
      try {
        renameSync(numbered(n), numbered(n + 1))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      }
    }
    this.size = 0
  }
}

/** A log that writes nothing (tests and tools that run a core without a data folder of their own). */
export const noLog: AppLog = { dir: '', dropped: 0, info() {}, warn() {}, error() {} }

/**
 * Copies what the process prints with console.error and console.warn into the log (it is still printed).
 * Returns the function that puts console back.
 */
export function captureConsole(log: AppLog, target: Pick<Console, 'error' | 'warn'> = console): () => void {
  const { error, warn } = target
  target.error = (...args: unknown[]) => {
    error.apply(target, args)
    log.error('console', { text: format(...args) })
  }
  target.warn = (...args: unknown[]) => {
    warn.apply(target, args)
    log.warn('console', { text: format(...args) })
  }
  return () => {
    target.error = error
    target.warn = warn
  }
}
