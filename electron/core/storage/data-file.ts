import { Low } from 'lowdb'
import { reasonOf } from '../../shared/i18n/user-message'
import { DurableJsonFile, type DurableFs } from './durable-json-file'
import type { StorageIncident } from './incidents'

export interface DataFileOptions<T> {
  path: string
  parse: (raw: unknown) => T
  defaults: () => T
  onIncident: (incident: StorageIncident) => void
  fs?: DurableFs
  /** How often a failed save is retried (the disk may get space back). */
  retryMs?: number
  stringify?: (data: T) => string
}

/**
 * One lowdb database in one JSON file. Changes are applied in memory first and then saved; when the
 * disk refuses (full, read-only, unplugged stick), nothing in memory is dropped: the trainer is told
 * once, and saving is retried until it works again.
 */
export class DataFile<T> {
  private readonly low: Low<T>
  private readonly adapter: DurableJsonFile<T>
  private readonly options: DataFileOptions<T>
  private retryTimer: ReturnType<typeof setInterval> | null = null
  private failing = false

  constructor(options: DataFileOptions<T>) {
    this.options = options
    this.adapter = new DurableJsonFile<T>({
      path: options.path,
      parse: options.parse,
      onIncident: options.onIncident,
      fs: options.fs,
      stringify: options.stringify
    })
    this.low = new Low<T>(this.adapter, options.defaults())
  }

  get path(): string {
    return this.options.path
  }

  get data(): Readonly<T> {
    return this.low.data
  }

  get saving(): 'ok' | 'failing' {
    return this.failing ? 'failing' : 'ok'
  }

  async open(): Promise<void> {
    await this.low.read()
  }

  /** Applies `change` and saves. Resolves `true` once durable, `false` if the disk refused (kept in memory). */
  async update(change: (data: T) => void): Promise<boolean> {
    change(this.low.data)
    return this.save()
  }

  async save(): Promise<boolean> {
    try {
      await this.low.write()
    } catch (error) {
      this.markFailing(error)
      return false
    }
    if (this.failing) this.markRecovered()
    return true
  }

  close(): void {
    if (this.retryTimer) clearInterval(this.retryTimer)
    this.retryTimer = null
  }

  private markFailing(error: unknown): void {
    if (!this.failing) {
      this.failing = true
      this.options.onIncident({ kind: 'save-failed', file: this.options.path, reason: reasonOf(error) })
    }
    if (!this.retryTimer) {
      this.retryTimer = setInterval(() => void this.save(), this.options.retryMs ?? 3000)
      this.retryTimer.unref?.()
    }
  }

  private markRecovered(): void {
    this.failing = false
    this.close()
    this.options.onIncident({ kind: 'save-recovered', file: this.options.path })
  }
}
