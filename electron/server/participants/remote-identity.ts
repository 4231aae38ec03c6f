import { createHmac, timingSafeEqual } from 'node:crypto'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { RemoteCredential } from '../../core/phones/remote-gateway'
import type { PhoneContext } from './phone-context'

const REMOTE_COOKIE = 'rt_remote'
/** What the remote's key is derived for: nothing signed with the session secret itself verifies here. */
const PURPOSE = 'roundtable/trainer-remote/v1'

/** The trainer remote's own credential: a cookie apart from the participants' device cookie, with its own key. */
export interface RemoteKeys {
  /** The remote id and secret in this request's cookie; null when there is none or its signature is wrong. */
  remoteOf(c: PhoneContext): RemoteCredential | null
  setRemote(c: PhoneContext, credential: RemoteCredential): void
  clearRemote(c: PhoneContext): void
  /** The remote's anti-forgery token, sent back with every command (header or form field). */
  token(id: string): string
  tokenValid(id: string, given: string | undefined): boolean
}

const sameText = (a: string, b: string): boolean => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export function remoteKeys(sessionSecret: Buffer): RemoteKeys {
  const key = createHmac('sha256', sessionSecret).update(PURPOSE).digest()
  const mac = (use: string, text: string): string =>
    createHmac('sha256', key).update(`${use}\0${text}`).digest().subarray(0, 16).toString('base64url')
  return {
    remoteOf(c) {
      const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{22})$/.exec(
        getCookie(c, REMOTE_COOKIE) ?? ''
      )
      if (!match) return null
      const [, id, secret, signature] = match as unknown as [string, string, string, string]
      return sameText(signature, mac('cookie', `${id}.${secret}`)) ? { id, secret } : null
    },
    setRemote(c, { id, secret }) {
      setCookie(c, REMOTE_COOKIE, `${id}.${secret}.${mac('cookie', `${id}.${secret}`)}`, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/r',
        maxAge: 7 * 24 * 3600
      })
    },
    clearRemote: (c) => void deleteCookie(c, REMOTE_COOKIE, { path: '/r' }),
    token: (id) => mac('token', id),
    tokenValid: (id, given) => given !== undefined && sameText(given, mac('token', id))
  }
}
