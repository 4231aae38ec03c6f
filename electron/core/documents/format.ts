import type { Language } from '../storage/library-file'

/**
 * Number and date formats for the human-readable exports (HTML, Markdown, Word), shared by every document. CSV and JSON keep plain
 * machine numbers. Deterministic: no locale or time zone of the machine is used.
 */

/** "No value", the same dash in both languages (the summary and report catalogues' `value.none`; a test checks). */
export const NO_VALUE = '—'

/** `1234.5` → "1234,5" in Vietnamese, "1234.5" in English; null → "—". */
export function formatNumber(language: Language, value: number | null, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return NO_VALUE
  const fixed = (Math.round(value * 10 ** digits) / 10 ** digits || 0).toFixed(digits)
  const text = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed
  return language === 'vi' ? text.replace('.', ',') : text
}

export function formatPercent(language: Language, value: number | null): string {
  return value === null ? NO_VALUE : `${formatNumber(language, value)}%`
}

/** A change, always with its sign: "+12,5", "-3", "0". */
export function formatSigned(language: Language, value: number | null): string {
  if (value === null) return NO_VALUE
  const text = formatNumber(language, value)
  return value > 0 && text !== '0' ? `+${text}` : text
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December'
]

/** "2026-11-22" → "22/11/2026" (vi) or "22 November 2026" (en). */
export function formatDate(language: Language, isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate)
  if (!match) return isoDate
  const [, year, month, day] = match
  if (language === 'vi') return `${day}/${month}/${year}`
  return `${Number(day)} ${MONTHS_EN[Number(month) - 1] ?? month} ${year}`
}

/** An ISO instant as "2026-11-22 09:06 UTC" (the summary does not know the venue's time zone). */
export function formatInstant(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso)
  return match ? `${match[1]} ${match[2]} UTC` : iso
}
