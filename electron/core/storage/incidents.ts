import { LocalizedError, userMessage, type UserMessage } from '../../shared/i18n/user-message'

/** Something that happened to a data file that the trainer must be told about. */
export type StorageIncidentKind =
  | 'quarantined' // a file could not be read; it was moved aside, never deleted
  | 'restored-from-backup' // the last good copy is in use
  | 'started-empty' // neither the file nor its backup was usable
  | 'newer-version' // written by a newer Roundtable; left untouched and not overwritten
  | 'save-failed' // the disk refused a write; data is kept in memory and retried
  | 'save-recovered' // saving works again after a failure
  | 'index-rebuilt' // sessions missing from the library's index were found in their own files and listed again
  | 'not-a-folder' // a path the app keeps files in is a file, not a folder: nothing there can be listed

export interface StorageIncident {
  kind: StorageIncidentKind
  file: string
  movedTo?: string
  /** Why: shown in the trainer's language, with technical detail (error code, line) as parameters. */
  reason?: UserMessage
}

/** Thrown by a schema migration when a file comes from a newer version of the app. */
export class NewerSchemaError extends LocalizedError {
  constructor(
    readonly found: number,
    readonly supported: number
  ) {
    super(userMessage('reason.newer-data', { found, supported }))
    this.name = 'NewerSchemaError'
  }
}
