// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the renderer's type check reaches this file through the API contract and needs these declarations too
/// <reference path="./pouchdb-modules.d.ts" />
import PouchDB from 'pouchdb-core'
import HttpAdapter from 'pouchdb-adapter-http'
import MemoryAdapter from 'pouchdb-adapter-memory'
import Replication from 'pouchdb-replication'

/**
 * PouchDB with pure-JavaScript parts only: the in-memory store (memdown), the HTTP adapter that talks
 * to CouchDB, and replication. No leveldown: no native module goes into the Electron build.
 */
export const Pouch = PouchDB.plugin(MemoryAdapter).plugin(HttpAdapter).plugin(Replication)
export type PouchDatabase = PouchDB.Database
