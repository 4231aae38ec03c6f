import { LOCALES } from './catalogue'
import type { Language } from './language'

/**
 * Numbers, dates and times as people read them, through `Intl` with each language's locale (vi-VN, en-GB).
 * Times are shown in the machine's time zone (the trainer's laptop is where the workshop is), not UTC.
 * Numbers have no thousands separator, so a figure reads and copies the same in tables and text.
 */

/** Rounds half up like `Math.round`; never shows "-0". */
function numberFormat(language: Language, digits: number, signed: boolean): Intl.NumberFormat {
  return new Intl.NumberFormat(LOCALES[language], {
    maximumFractionDigits: digits,
    useGrouping: false,
    roundingMode: 'halfCeil',
    signDisplay: signed ? 'exceptZero' : 'negative'
  })
}

/** `1234.5` → "1234,5" in Vietnamese, "1234.5" in English; at most `digits` decimals, no trailing zeros. */
export function formatNumber(language: Language, value: number, digits = 1): string {
  return numberFormat(language, digits, false).format(value)
}

/** A change, with its sign unless it rounds to zero: "+12,5", "-3", "0". */
export function formatSigned(language: Language, value: number, digits = 1): string {
  return numberFormat(language, digits, true).format(value)
}

/** A percentage already multiplied by 100: `12.5` → "12,5%" (vi) or "12.5%" (en). */
export function formatPercent(language: Language, percent: number, digits = 1): string {
  return `${formatNumber(language, percent, digits)}%`
}

const DATE_OPTIONS: Record<Language, Intl.DateTimeFormatOptions> = {
  vi: { day: '2-digit', month: '2-digit', year: 'numeric' },
  en: { day: 'numeric', month: 'long', year: 'numeric' }
}

/** A calendar date "2026-11-22" → "22/11/2026" (vi) or "22 November 2026" (en); anything else as it is. */
export function formatDate(language: Language, isoDate: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return isoDate
  // A calendar date has no time zone: read and show it in UTC so it never shifts a day.
  const date = new Date(`${isoDate}T00:00:00Z`)
  if (Number.isNaN(date.getTime())) return isoDate
  return new Intl.DateTimeFormat(LOCALES[language], { ...DATE_OPTIONS[language], timeZone: 'UTC' }).format(date)
}

/**
 * An instant's clock time in the machine's time zone (or `timeZone`), 24-hour: "16:06".
 * A new formatter each call, so a changed time zone (TZ in tests, a laptop that travelled) is used at once.
 */
export function formatTime(language: Language, instant: string | Date, timeZone?: string): string {
  const date = new Date(instant)
  if (Number.isNaN(date.getTime())) return String(instant)
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }
  return new Intl.DateTimeFormat(LOCALES[language], options).format(date)
}

/** The short name of the time zone at that instant: "GMT+7", "BST", "UTC". */
export function timeZoneName(language: Language, instant: string | Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat(LOCALES[language], { timeZoneName: 'short', timeZone }).formatToParts(
    new Date(instant)
  )
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? ''
}

/** The calendar date ("2026-11-22") of an instant in the machine's time zone (or `timeZone`). */
export function localDate(instant: string | Date, timeZone?: string): string {
  const format = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone })
  const parts = format.formatToParts(new Date(instant))
  const value = (type: string): string => parts.find((part) => part.type === type)?.value ?? ''
  return `${value('year')}-${value('month')}-${value('day')}`
}

/**
 * An instant as date, time and time zone in the machine's time zone: "22/11/2026 16:06 (GMT+7)" (vi),
 * "22 November 2026 16:06 (GMT+7)" (en). The zone is named because a file may be read elsewhere.
 */
export function formatDateTime(language: Language, instant: string | Date, timeZone?: string): string {
  const date = new Date(instant)
  if (Number.isNaN(date.getTime())) return String(instant)
  const when = `${formatDate(language, localDate(date, timeZone))} ${formatTime(language, date, timeZone)}`
  return `${when} (${timeZoneName(language, date, timeZone)})`
}
