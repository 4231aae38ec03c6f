import type { ParticipantGateway, ParticipantServerStart } from '../../core/sessions/participant-network'
import type { RemoteGateway } from '../../core/phones/remote-gateway'
import type { DeviceKeys } from './device-identity'
import type { RemoteKeys } from './remote-identity'
import { RateLimiter } from './rate-limit'
import type { SharedAddressWatch } from './shared-address'

import type { PhoneContext } from './phone-context'

export type { Env, PhoneContext } from './phone-context'

/**
 * Wrong join codes, server-wide, on top of each address's own budget: 40 at once, then one every
 * 4 s, whatever the number of addresses they come from. Trying all 10,000 codes takes about 11 hours.
 * A room never needs more: 30 people making a typo or two use a fraction of the 40.
 */
export const ALL_WRONG_CODES = { perSecond: 0.25, burst: 40 }
/** Each address's own budget of wrong codes: 10 at once, then one every 5 s. */
export const WRONG_CODES_PER_ADDRESS = { perSecond: 0.2, burst: 10 }

/** Each paired remote's commands: 10 at once, then 3 a second. */
export const REMOTE_COMMANDS = { perSecond: 3, burst: 10 }

export interface PhoneLimits {
  perDevice: RateLimiter
  perIp: RateLimiter
  perJoinedIp: RateLimiter
  wrongCodes: RateLimiter
  allWrongCodes: RateLimiter
  /** The trainer remote: wrong pairing codes per address and server-wide, and each remote's commands. */
  wrongPairing: RateLimiter
  allWrongPairing: RateLimiter
  perRemote: RateLimiter
}

/**
 * A hall's phones may all reach the laptop from one address (a router doing NAT), so an address is not a
 * person. Requests with a valid device cookie are limited per device (a phone's own budget) and, per
 * address, only by a budget sized for a hall behind one router; requests without one (the join page,
 * join attempts, wrong codes, forged or stale cookies) keep the tight per-address budget, since those are
 * what a flood or a code guesser sends. A cookie is signed and, from any address but the laptop's own,
 * one address is given one device key however often it re-joins (join.ts), so minting cookies to multiply
 * the per-device budget takes many addresses, and then the per-address budgets still hold. When the trainer
 * says the phones share addresses (a router), one address can mint a cookie per join: joins keep the tight
 * budget (`perIp`), and all its phones together still stay within this hall-sized one.
 */
export const JOINED_PER_ADDRESS = { perSecond: 2_000, burst: 4_000 }

export function phoneLimits(): PhoneLimits {
  return {
    // A phone's own limit: far above what a person taps (the bench's closed-loop phones answer as fast as
    // they are answered, a few times a second each), far below a flood.
    perDevice: new RateLimiter(12, 30),
    // Requests without a valid device cookie, per address: the join page and join attempts.
    perIp: new RateLimiter(50, 200),
    // Joined phones, per address: 1,000 phones behind one router, each answering and polling `/v`
    // (every 3 s) with room to spare: about 2 requests a second each, in bursts of 4.
    perJoinedIp: new RateLimiter(JOINED_PER_ADDRESS.perSecond, JOINED_PER_ADDRESS.burst),
    // Wrong join codes: per address and for the whole server (1,000 addresses must not mean 1,000 budgets).
    wrongCodes: new RateLimiter(WRONG_CODES_PER_ADDRESS.perSecond, WRONG_CODES_PER_ADDRESS.burst),
    allWrongCodes: new RateLimiter(ALL_WRONG_CODES.perSecond, ALL_WRONG_CODES.burst),
    // A 6-digit pairing code lives 2 minutes: 5 tries at once then one every 5 s per address, 20 for everyone.
    wrongPairing: new RateLimiter(0.2, 5),
    allWrongPairing: new RateLimiter(0.25, 20),
    // A trainer presses a few buttons a second at most.
    perRemote: new RateLimiter(REMOTE_COMMANDS.perSecond, REMOTE_COMMANDS.burst)
  }
}

/** What every route of one running participant server shares. */
export interface PhoneSite {
  /** The one IPv4 address listened on. */
  address: string
  /** The 4-digit join code. */
  code: string
  gateway: ParticipantGateway
  /** Known once the server listens (0 asks for a free port). */
  port: number
  devices: DeviceKeys
  /** Phone address → its device key, so a phone that clears its cookies keeps its key. */
  devicesByAddress: Map<string, string>
  rememberDevice: ParticipantServerStart['rememberDevice']
  /** Every address is like the laptop's own: the device cookie alone is the identity (changed while running). */
  sharedAddresses: boolean
  /** Counts re-joins per address while `sharedAddresses` is off, and tells the core about likely routers. */
  sharedAddressWatch: SharedAddressWatch
  /** The trainer's phone remote (`/r`), and its own cookie keys. */
  remote: RemoteGateway | undefined
  remoteKeys: RemoteKeys
  limits: PhoneLimits
}

export function siteOrigin(site: PhoneSite): string {
  return `http://${site.address}${site.port === 80 ? '' : `:${site.port}`}`
}

/** Whether a Host header (or an absolute request target's host) names this server. */
export function hostAllowed(site: PhoneSite, host: string | undefined): boolean {
  return host === `${site.address}:${site.port}` || (site.port === 80 && host === site.address)
}

export const clientIp = (c: PhoneContext): string => c.env.incoming.socket.remoteAddress ?? 'unknown'

/**
 * A request header (lower-case name) as Node read it. `c.req.header` builds a whole web Request (and its
 * Headers) first, which under a hall of phones was a large share of an answer's cost.
 */
export function header(c: PhoneContext, name: string): string | undefined {
  const value = c.env.incoming.headers[name]
  return Array.isArray(value) ? value.join(', ') : value
}

export const wantsJson = (c: PhoneContext): boolean => (header(c, 'accept') ?? '').includes('application/json')
