import * as intl from '../i18n/format'
import type { Language } from '../i18n/language'

/**
 * Number and date formats for the human-readable exports (HTML, Markdown, Word), shared by every document, through
 * i18n/format.ts (Intl). CSV and JSON keep plain machine numbers. A missing value shows as a dash.
 */

/** "No value", the same dash in both languages (the summary and report catalogues' `value.none`; a test checks). */
export const NO_VALUE = '—'

/** `1234.5` → "1234,5" in Vietnamese, "1234.5" in English; null → "—". */
export function formatNumber(language: Language, value: number | null, digits = 1): string {
  return value === null || !Number.isFinite(value) ? NO_VALUE : intl.formatNumber(language, value, digits)
}

export function formatPercent(language: Language, value: number | null): string {
  return value === null || !Number.isFinite(value) ? NO_VALUE : intl.formatPercent(language, value)
}

/** A change, always with its sign: "+12,5", "-3", "0". */
export function formatSigned(language: Language, value: number | null): string {
  return value === null || !Number.isFinite(value) ? NO_VALUE : intl.formatSigned(language, value)
}

/** "2026-11-22" → "22/11/2026" (vi) or "22 November 2026" (en). */
export function formatDate(language: Language, isoDate: string): string {
  return intl.formatDate(language, isoDate)
}

/**
 * An ISO instant in the machine's local time, with its zone: "22/11/2026 16:06 (GMT+7)". Summaries store instants
 * in UTC and no time zone, so the zone of the computer that makes the document is used and named.
 */
export function formatInstant(iso: string, language: Language): string {
  return Number.isNaN(new Date(iso).getTime()) ? iso : intl.formatDateTime(language, iso)
}
