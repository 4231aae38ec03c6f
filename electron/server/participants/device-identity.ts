import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { setCookie } from 'hono/cookie'
import type { Language } from '../../shared/i18n/language'
import type { PhoneContext } from './phone-context'

const DEVICE_COOKIE = 'rt_device'
const LANGUAGE_COOKIE = 'rt_lang'

/** Signs and checks device keys: a random id plus its HMAC, so a phone cannot make up (or guess) another's key. */
export interface DeviceKeys {
  /** The device id in this request's signed cookie; null when there is none or its signature is wrong. */
  deviceOf(c: PhoneContext): string | null
  /** Gives the phone its signed device cookie, kept for a week. */
  setDevice(c: PhoneContext, id: string): void
}

/** Good device cookies remembered, so each is checked once: more than a hall of phones. */
const MAX_KNOWN_COOKIES = 5_000

export function deviceKeys(secret: Buffer): DeviceKeys {
  const sign = (id: string): string =>
    createHmac('sha256', secret).update(id).digest().subarray(0, 16).toString('base64url')
  // Cookies already found good, exactly as sent: a hall's phones send theirs with every answer, and an
  // HMAC per request was the largest single cost of an answer after the disk. Only good ones are kept
  // (a wrong cookie is checked every time), and at most a hall's worth (the oldest go first).
  const known = new Map<string, string>()
  const verify = (cookie: string | undefined): string | null => {
    const cached = known.get(cookie ?? '')
    if (cached !== undefined) return cached
    const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/.exec(cookie ?? '')
    if (!match) return null
    const given = Buffer.from(match[2]!)
    const expected = Buffer.from(sign(match[1]!))
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
    if (known.size >= MAX_KNOWN_COOKIES) known.delete(known.keys().next().value!)
    known.set(cookie!, match[1]!)
    return match[1]!
  }
  return {
    deviceOf: (c) => verify(cookie(c, DEVICE_COOKIE)),
    setDevice: (c, id) =>
      setCookie(c, DEVICE_COOKIE, `${id}.${sign(id)}`, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        maxAge: 7 * 24 * 3600
      })
  }
}

/**
 * One cookie (the first of that name), from the header as Node read it: hono's getCookie builds a web
 * Request first and checks every pair, and this runs on every answer of a hall's phones.
 */
function cookie(c: PhoneContext, name: string): string | undefined {
  const raw = c.env.incoming.headers.cookie
  if (!raw) return undefined
  for (const pair of raw.split(';')) {
    const equals = pair.indexOf('=')
    if (equals < 0 || pair.slice(0, equals).trim() !== name) continue
    let value = pair.slice(equals + 1).trim()
    if (value.length > 1 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1)
    try {
      return value.includes('%') ? decodeURIComponent(value) : value
    } catch {
      return undefined // badly encoded: as good as none
    }
  }
  return undefined
}

export const newDeviceId = (): string => randomBytes(16).toString('base64url')

/** The language the participant chose on this phone, if any. */
export function cookieLanguage(c: PhoneContext): Language | null {
  const value = cookie(c, LANGUAGE_COOKIE)
  return value === 'vi' || value === 'en' ? value : null
}

export function setLanguageCookie(c: PhoneContext, language: Language): void {
  setCookie(c, LANGUAGE_COOKIE, language, { httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 365 * 24 * 3600 })
}
