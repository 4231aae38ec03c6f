import { randomUUID } from 'node:crypto'
import type { ApiEvent, Notice } from './api/contract'
import type { StorageIncident } from './storage/incidents'

/**
 * What happened to the data files during this run (a file repaired, a save that failed), kept until
 * the trainer dismisses it; every change goes to the open windows.
 */
export class NoticeBoard {
  private notices: Notice[] = []

  constructor(private readonly emit: (event: ApiEvent) => void) {}

  list(): Notice[] {
    return this.notices
  }

  /** A storage incident becomes a notice; a save that worked again clears that file's failed saves. */
  record(incident: StorageIncident): void {
    if (incident.kind === 'save-recovered') {
      this.notices = this.notices.filter((n) => !(n.kind === 'save-failed' && n.file === incident.file))
    }
    this.change([...this.notices, { id: randomUUID(), at: new Date().toISOString(), ...incident }])
  }

  dismiss(id: string): Notice[] {
    this.change(this.notices.filter((n) => n.id !== id))
    return this.notices
  }

  private change(notices: Notice[]): void {
    this.notices = notices
    this.emit({ type: 'notices', notices })
  }
}
