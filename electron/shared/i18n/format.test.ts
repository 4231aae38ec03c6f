import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { formatInstant } from '../documents/format'
import { formatDate, formatDateTime, formatNumber, formatPercent, formatSigned, formatTime } from './format'

describe('numbers through Intl', () => {
  it('use a decimal comma in Vietnamese and a point in English, without thousands separators', () => {
    expect(formatNumber('vi', 1234.5)).toBe('1234,5')
    expect(formatNumber('en', 1234.5)).toBe('1234.5')
    expect(formatNumber('vi', 4.333, 2)).toBe('4,33')
    expect(formatNumber('en', 10)).toBe('10')
  })

  it('round half up like Math.round and never show "-0"', () => {
    expect(formatNumber('en', 12.25)).toBe('12.3')
    expect(formatNumber('en', -2.25)).toBe('-2.2')
    expect(formatNumber('en', -0.04)).toBe('0')
  })

  it('show the sign of a change unless it rounds to zero, and percentages with %', () => {
    expect(formatSigned('vi', 12.5)).toBe('+12,5')
    expect(formatSigned('en', -3)).toBe('-3')
    expect(formatSigned('en', 0.04)).toBe('0')
    expect(formatPercent('vi', 12.5)).toBe('12,5%')
    expect(formatPercent('en', 100)).toBe('100%')
  })
})

describe('dates and times through Intl', () => {
  const savedZone = process.env.TZ
  beforeEach(() => {
    process.env.TZ = 'Asia/Ho_Chi_Minh'
  })
  afterEach(() => {
    if (savedZone === undefined) delete process.env.TZ
    else process.env.TZ = savedZone
  })

  it('show a calendar date as that same day in every time zone', () => {
    expect(formatDate('vi', '2026-11-22')).toBe('22/11/2026')
    expect(formatDate('en', '2026-11-22')).toBe('22 November 2026')
    process.env.TZ = 'America/Los_Angeles'
    expect(formatDate('en', '2026-11-22')).toBe('22 November 2026')
    expect(formatDate('en', 'not a date')).toBe('not a date')
  })

  it('show an instant in the machine’s local time, not UTC (TZ pinned to Hà Nội, UTC+7)', () => {
    const instant = '2026-11-22T09:06:00.000Z'
    expect(formatTime('vi', instant)).toBe('16:06')
    expect(formatDateTime('vi', instant)).toBe('22/11/2026 16:06 (GMT+7)')
    expect(formatDateTime('en', instant)).toBe('22 November 2026 16:06 (GMT+7)')
    // Late in the UTC day is already the next day in Hà Nội.
    expect(formatDateTime('vi', '2026-11-22T20:30:00.000Z')).toBe('23/11/2026 03:30 (GMT+7)')
  })

  it('follow the time zone when it changes (a laptop that travelled)', () => {
    process.env.TZ = 'Europe/London'
    expect(formatTime('en', '2026-07-01T09:06:00.000Z')).toBe('10:06')
    process.env.TZ = 'UTC'
    expect(formatTime('en', '2026-07-01T09:06:00.000Z')).toBe('09:06')
  })

  it('give the summaries’ "made at" time in local time with its zone', () => {
    expect(formatInstant('2026-11-22T09:06:00.000Z', 'vi')).toBe('22/11/2026 16:06 (GMT+7)')
    expect(formatInstant('2026-11-22T09:06:00.000Z', 'en')).toBe('22 November 2026 16:06 (GMT+7)')
    expect(formatInstant('garbage', 'vi')).toBe('garbage')
  })
})
