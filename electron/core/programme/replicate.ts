import { randomUUID } from 'node:crypto'
import { Pouch } from './pouch'
import { databaseUrl, type ProgrammeSettings } from './settings'
import type { SummaryDoc } from './summary-docs'

export interface ReplicationOutcome {
  /** Ids of documents the server holds now, as each batch is written (kept even if a later batch fails). */
  failures: number
}

/**
 * Sends `docs` to the server with PouchDB's replication: they go into an in-memory PouchDB under the
 * revisions made here (`new_edits: false`), then `_revs_diff` asks the server which it lacks and only those
 * are sent, in batches of 100. `onWritten` hears each batch the server accepted. No checkpoint is written
 * (the local store is new each time; `programme.json` keeps what was sent).
 */
export async function replicateSummaries(
  settings: ProgrammeSettings,
  password: string,
  docs: SummaryDoc[],
  onWritten: (docs: { _id: string; _rev: string }[]) => Promise<void>
): Promise<ReplicationOutcome> {
  const local = new Pouch(`programme-${randomUUID()}`, { adapter: 'memory' })
  const remote = new Pouch(databaseUrl(settings), {
    adapter: 'http',
    skip_setup: true,
    auth: { username: settings.user, password }
  })
  try {
    await local.bulkDocs(docs, { new_edits: false })
    const replication = local.replicate.to(remote, { batch_size: 100, retry: false, checkpoint: false })
    let writing = Promise.resolve()
    replication.on('change', (info) => {
      const written = (info.docs ?? []).map((doc) => ({ _id: doc._id, _rev: doc._rev }))
      writing = writing.then(() => onWritten(written))
    })
    try {
      const result = await replication
      return { failures: result.doc_write_failures }
    } finally {
      await writing // what the server accepted before a failure is recorded too
    }
  } finally {
    await local.destroy().catch(() => undefined)
    await remote.close().catch(() => undefined)
  }
}
