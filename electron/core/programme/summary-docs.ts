import { createHash } from 'node:crypto'
import { summaryToJson } from '../summaries/json'
import type { SessionSummary } from '../summaries/schema'

/** Summaries on the programme server are documents `summary:<sessionId>`, one per session. */
export const SUMMARY_DOC_PREFIX = 'summary:'

/**
 * A summary as a server document: exactly the summary JSON export (`format`, `version`, `summary`: no
 * device keys, no participant numbers), plus `author`, the CouchDB user who sent it, which the server's
 * `validate_doc_update` checks against the user writing it.
 */
export interface SummaryDocBody {
  author: string
  format: string
  version: number
  summary: SessionSummary
}

export interface SummaryDoc extends SummaryDocBody {
  _id: string
  _rev: string
  _revisions: { start: number; ids: string[] }
}

export function summaryDocBody(summary: SessionSummary, author: string): SummaryDocBody {
  return { author, ...(JSON.parse(summaryToJson(summary)) as Omit<SummaryDocBody, 'author'>) }
}

/** The hash a document's revision is named by: the same body always gives the same revision. */
export function bodyHash(body: SummaryDocBody): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 32)
}

/**
 * The document with a revision made here, not by a database: `n-<hash>` where `history` holds the
 * hashes of the bodies sent before (oldest first) and this one last. Written with `new_edits: false`,
 * the same summary is the same revision on every laptop restart, so replication's `_revs_diff` never sends
 * one the server has; a corrected summary is the next revision, whose parent is the one sent before.
 */
export function summaryDoc(body: SummaryDocBody, history: readonly string[]): SummaryDoc {
  const ids = [...history].reverse()
  return {
    _id: `${SUMMARY_DOC_PREFIX}${body.summary.sessionId}`,
    _rev: `${history.length}-${ids[0]}`,
    _revisions: { start: history.length, ids },
    ...body
  }
}

/** `history` with `hash` appended if it is not already the latest. */
export function withLatest(history: readonly string[], hash: string): string[] {
  return history.at(-1) === hash ? [...history] : [...history, hash]
}
