import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { getCookie, setCookie } from 'hono/cookie'
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

export function deviceKeys(secret: Buffer): DeviceKeys {
  const sign = (id: string): string =>
    createHmac('sha256', secret).update(id).digest().subarray(0, 16).toString('base64url')
  const verify = (cookie: string | undefined): string | null => {
    const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/.exec(cookie ?? '')
    if (!match) return null
    const given = Buffer.from(match[2]!)
    const expected = Buffer.from(sign(match[1]!))
    return given.length === expected.length && timingSafeEqual(given, expected) ? match[1]! : null
  }
  return {
    deviceOf: (c) => verify(getCookie(c, DEVICE_COOKIE)),
    setDevice: (c, id) =>
      setCookie(c, DEVICE_COOKIE, `${id}.${sign(id)}`, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        maxAge: 7 * 24 * 3600
      })
  }
}

export const newDeviceId = (): string => randomBytes(16).toString('base64url')

/** The language the participant chose on this phone, if any. */
export function cookieLanguage(c: PhoneContext): Language | null {
  const value = getCookie(c, LANGUAGE_COOKIE)
  return value === 'vi' || value === 'en' ? value : null
}

export function setLanguageCookie(c: PhoneContext, language: Language): void {
  setCookie(c, LANGUAGE_COOKIE, language, { httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 365 * 24 * 3600 })
}
