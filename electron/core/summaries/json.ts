import { z } from 'zod'
import { jsonSyntaxReason, LocalizedError, userMessage, type UserMessage } from '../../shared/i18n/user-message'
import { issuePlaces, jsonFileSchema, readJsonFile, writeJsonFile, type JsonFileFailure } from '../documents/json-file'
import { SessionSummarySchema, type SessionSummary } from './schema'

/**
 * The summary as a JSON file for other systems, and for gathering summaries of many sessions on a
 * coordinator's laptop: `{ format: 'roundtable-summary', version: 1, summary }`.
 */
export const SUMMARY_FILE_FORMAT = 'roundtable-summary'
export const SUMMARY_FILE_VERSION = 1
/** Larger than any real summary; refuses absurd files before parsing them. */
export const MAX_SUMMARY_JSON_CHARS = 20_000_000

const SUMMARY_FILE = {
  format: SUMMARY_FILE_FORMAT,
  version: SUMMARY_FILE_VERSION,
  key: 'summary',
  schema: SessionSummarySchema,
  maxChars: MAX_SUMMARY_JSON_CHARS
} as const

export const SummaryFileSchema = jsonFileSchema(SUMMARY_FILE)
export type SummaryFile = z.infer<typeof SummaryFileSchema>

export type SummaryFileProblem = 'too-large' | 'not-json' | 'not-summary' | 'newer-version' | 'invalid'

/** A file that is not a summary this version can read; `reason` says why in either language. */
export class SummaryFileError extends LocalizedError {
  constructor(
    readonly problem: SummaryFileProblem,
    reason: UserMessage
  ) {
    super(reason)
    this.name = 'SummaryFileError'
  }
}

export function summaryToJson(summary: SessionSummary): string {
  return writeJsonFile(SUMMARY_FILE, summary)
}

/** Reads a summary file and checks every field and total; throws `SummaryFileError` saying what is wrong. */
export function parseSummaryJson(text: string): SessionSummary {
  return readJsonFile(SUMMARY_FILE, text, summaryFileError)
}

function summaryFileError(failure: JsonFileFailure): SummaryFileError {
  switch (failure.problem) {
    case 'too-large':
      return new SummaryFileError('too-large', userMessage('reason.summary-too-large'))
    case 'not-json':
      return new SummaryFileError('not-json', jsonSyntaxReason(failure.error, failure.text ?? ''))
    case 'wrong-format':
      return new SummaryFileError(
        'not-summary',
        userMessage('reason.summary-not-summary', { format: SUMMARY_FILE_FORMAT })
      )
    case 'newer-version':
      return new SummaryFileError(
        'newer-version',
        userMessage('reason.summary-newer', { found: failure.found ?? 0, supported: SUMMARY_FILE_VERSION })
      )
    case 'invalid': {
      // The places are technical detail; zod's sentences are English, so only the paths are shown.
      const issues = failure.issues ?? []
      const fields = issuePlaces(issues).slice(0, 3).join(', ')
      return new SummaryFileError('invalid', userMessage('reason.summary-invalid', { count: issues.length, fields }))
    }
  }
}
