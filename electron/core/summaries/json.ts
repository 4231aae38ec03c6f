import { z } from 'zod'
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

/** A file that is not a summary this version can read; `problem` lets the UI say why in either language. */
export class SummaryFileError extends Error {
  constructor(
    readonly problem: SummaryFileProblem,
    message: string
  ) {
    super(message)
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
    throw new SummaryFileError('too-large', 'the file is too large to be a Roundtable session summary')
  }
  let raw: unknown
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new SummaryFileError('not-json', `the file is not valid JSON (${(error as Error).message})`)
  }
  if (
    typeof raw !== 'object' ||
    raw === null ||
    Array.isArray(raw) ||
    (raw as { format?: unknown }).format !== SUMMARY_FILE_FORMAT
  ) {
    throw new SummaryFileError(
      'not-summary',
      `the file is not a Roundtable session summary (format "${SUMMARY_FILE_FORMAT}" expected)`
    )
  }
  const version = (raw as { version?: unknown }).version
  if (typeof version === 'number' && Number.isInteger(version) && version > SUMMARY_FILE_VERSION) {
    throw new SummaryFileError(
      'newer-version',
      `the summary was made by a newer version of Roundtable (summary version ${version}; this version reads up to ${SUMMARY_FILE_VERSION})`
    )
  }
  const result = SummaryFileSchema.safeParse(raw)
  if (!result.success) {
    const issues = result.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    const more = result.error.issues.length > 3 ? ` (and ${result.error.issues.length - 3} more)` : ''
    throw new SummaryFileError('invalid', `the summary file is damaged or was edited: ${issues.join('; ')}${more}`)
  }
  return result.data.summary
}
