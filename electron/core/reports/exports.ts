import { z } from 'zod'
import { documentToCsvFiles } from '../documents/csv'
import { documentToDocx } from '../documents/docx'
import type { DocumentFonts } from '../documents/fonts'
import { documentToHtml } from '../documents/html'
import {
  issuePlaces,
  JsonFileError,
  jsonFileSchema,
  readJsonFile,
  writeJsonFile,
  type JsonFileFailure
} from '../documents/json-file'
import { documentToMarkdown } from '../documents/markdown'
import { tablesToXlsx } from '../documents/xlsx'
import type { Language } from '../../shared/i18n/language'
import { CrossSessionReportSchema, type CrossSessionReport } from './cross-session'
import { crossSessionDocument, crossSessionTables } from './document'

/**
 * The cross-session report's exports: each format is the document pipeline's writer (documents/) over
 * the report's one description (document.ts), plus the report's versioned JSON file.
 */

export function reportToHtml(
  report: CrossSessionReport,
  language: Language = report.language,
  fonts?: DocumentFonts
): string {
  return documentToHtml(crossSessionDocument(report, language), fonts)
}

export function reportToMarkdown(report: CrossSessionReport, language: Language = report.language): string {
  return documentToMarkdown(crossSessionDocument(report, language))
}

export async function reportToDocx(
  report: CrossSessionReport,
  language: Language = report.language
): Promise<Uint8Array> {
  return documentToDocx(crossSessionDocument(report, language))
}

export async function reportToXlsx(
  report: CrossSessionReport,
  language: Language = report.language
): Promise<Uint8Array> {
  return tablesToXlsx(crossSessionTables(report, language))
}

/** One CSV per table, named `<table>.csv`; the caller zips them like the session summary's CSV. */
export function reportToCsv(report: CrossSessionReport, language: Language = report.language): Record<string, string> {
  return documentToCsvFiles(crossSessionDocument(report, language))
}

export const REPORT_FILE_FORMAT = 'roundtable-cross-session-report'
export const REPORT_FILE_VERSION = 1

const REPORT_FILE = {
  format: REPORT_FILE_FORMAT,
  version: REPORT_FILE_VERSION,
  key: 'report',
  schema: CrossSessionReportSchema,
  /** Larger than any real report. */
  maxChars: 20_000_000
} as const

export const ReportFileSchema = jsonFileSchema(REPORT_FILE)
export type ReportFile = z.infer<typeof ReportFileSchema>

export function reportToJson(report: CrossSessionReport): string {
  return writeJsonFile(REPORT_FILE, report)
}

/** Reads a report file back (for other tools and tests); throws `JsonFileError` on anything but this version's shape. */
export function parseReportJson(text: string): CrossSessionReport {
  return readJsonFile(REPORT_FILE, text, reportFileError)
}

function reportFileError(failure: JsonFileFailure): JsonFileError {
  const details: Record<JsonFileFailure['problem'], () => string> = {
    'too-large': () => 'the file is too large to be a report',
    'not-json': () =>
      `the file is not JSON: ${failure.error instanceof Error ? failure.error.message : String(failure.error)}`,
    'wrong-format': () => `the file is not a ${REPORT_FILE_FORMAT} file`,
    'newer-version': () => `the file is version ${failure.found}; this version reads ${REPORT_FILE_VERSION}`,
    invalid: () =>
      `the report has wrong values at: ${issuePlaces(failure.issues ?? [])
        .slice(0, 3)
        .join(', ')}`
  }
  return new JsonFileError(failure.problem, details[failure.problem]())
}
