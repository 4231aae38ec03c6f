// The few PouchDB calls Roundtable makes. (@types/pouchdb-core declares a global `Buffer` and the DOM
// library, which breaks Node's types everywhere else, so it is not used.)
declare module 'pouchdb-core' {
  namespace PouchDB {
    interface ReplicationResult {
      ok: boolean
      docs_written: number
      doc_write_failures: number
    }
    interface ReplicationChange {
      docs?: { _id: string; _rev: string }[]
    }
    interface Replication extends Promise<ReplicationResult> {
      on(event: 'change', listener: (info: ReplicationChange) => void): this
      cancel(): void
    }
    interface Database {
      bulkDocs(docs: object[], options?: { new_edits?: boolean }): Promise<unknown[]>
      destroy(): Promise<unknown>
      close(): Promise<unknown>
      replicate: {
        to(
          target: Database,
          options?: { batch_size?: number; retry?: boolean; checkpoint?: false | 'source' | 'target' }
        ): Replication
      }
    }
    interface DatabaseOptions {
      adapter?: string
      skip_setup?: boolean
      auth?: { username: string; password: string }
    }
    interface Static {
      new (name: string, options?: DatabaseOptions): Database
      plugin(plugin: unknown): Static
    }
  }
  const PouchDB: PouchDB.Static
  export default PouchDB
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown
  export default plugin
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown
  export default plugin
}
declare module 'pouchdb-replication' {
  const plugin: unknown
  export default plugin
}
