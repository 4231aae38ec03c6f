import { z } from 'zod'
import { jsonSyntaxReason, LocalizedError, userMessage, type UserMessage } from '../i18n/user-message'
import { SessionSummarySchema, type SessionSummary } from './schema'

/**
 * The summary as a JSON file for other systems, and for gathering summaries of many sessions on a
 * coordinator's laptop: `{ format: 'roundtable-summary', version: 1, summary }`.
 */
export const SUMMARY_FILE_FORMAT = 'roundtable-summary'
export const SUMMARY_FILE_VERSION = 1
/** Larger than any real summary; refuses absurd files before parsing them. */
export const MAX_SUMMARY_JSON_CHARS = 20_000_000

export const SummaryFileSchema = z.strictObject({
  format: z.literal(SUMMARY_FILE_FORMAT),
  version: z.literal(SUMMARY_FILE_VERSION),
  summary: SessionSummarySchema
})
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
  const file: SummaryFile = { format: SUMMARY_FILE_FORMAT, version: SUMMARY_FILE_VERSION, summary }
  return `${JSON.stringify(file, null, 2)}\n`
}

/** Reads a summary file and checks every field and total; throws `SummaryFileError` saying what is wrong. */
export function parseSummaryJson(text: string): SessionSummary {
  if (text.length > MAX_SUMMARY_JSON_CHARS) {
    throw new SummaryFileError('too-large', userMessage('reason.summary-too-large'))
  }
  const withoutBom = text.replace(/^\uFEFF/, '')
  let raw: unknown
  try {
    raw = JSON.parse(withoutBom)
  } catch (error) {
    throw new SummaryFileError('not-json', jsonSyntaxReason(error, withoutBom))
  }
  if (
    typeof raw !== 'object' ||
    raw === null ||
    Array.isArray(raw) ||
    (raw as { format?: unknown }).format !== SUMMARY_FILE_FORMAT
  ) {
    throw new SummaryFileError('not-summary', userMessage('reason.summary-not-summary', { format: SUMMARY_FILE_FORMAT }))
  }
  const version = (raw as { version?: unknown }).version
  if (typeof version === 'number' && Number.isInteger(version) && version > SUMMARY_FILE_VERSION) {
    throw new SummaryFileError(
      'newer-version',
      userMessage('reason.summary-newer', { found: version, supported: SUMMARY_FILE_VERSION })
    )
  }
  const result = SummaryFileSchema.safeParse(raw)
  if (!result.success) {
    // The places are technical detail; zod's sentences are English, so only the paths are shown.
    const issues = result.error.issues
    const places = issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key].join('.')) : [issue.path.join('.') || '(root)']
    )
    const fields = [...new Set(places)].slice(0, 3).join(', ')
    throw new SummaryFileError('invalid', userMessage('reason.summary-invalid', { count: issues.length, fields }))
  }
  return result.data.summary
}
