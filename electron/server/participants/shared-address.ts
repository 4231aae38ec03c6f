import type { SharedAddressSuspicion } from '../../core/sessions/participant-network'

/** Re-joins that make an address suspected, and the window they must fall in. */
export const SUSPECT_REJOINS = 3
export const SUSPECT_WINDOW_MS = 10 * 60_000
/** Different browsers (User-Agent strings) seen joining from one address that make it suspected. */
export const SUSPECT_USER_AGENTS = 3

/** At most this many addresses are watched (join.ts remembers at most as many). */
const MAX_WATCHED = 5_000
/** A User-Agent is kept only this long: enough to tell phone models apart. */
const MAX_USER_AGENT = 200

interface Watched {
  /** The last re-joins' times (at most SUSPECT_REJOINS). */
  times: number[]
  /** Different User-Agent strings seen joining (at most SUSPECT_USER_AGENTS). */
  agents: Set<string>
  rejoins: number
  suspected: boolean
}

/**
 * While one address is one participant (join.ts), notices addresses that look like many phones behind one
 * router: at the HTTP level a router and one person clearing cookies look alike, so this only counts.
 *
 * The rule: an address is suspected once it has re-joined without a device cookie 3 times within 10
 * minutes, or once joins from it came from 3 different browsers (User-Agent strings). One person who clears
 * cookies, or opens the link first in the QR scanner's own browser and then in Chrome, re-joins once or twice
 * and shows two browsers at most; a third re-join within minutes, or a third browser, is far more likely
 * another phone, and a hall's phones reach both within the first minutes. A false alarm only shows the
 * trainer a notice (the trainer decides); missing a router would silently count a whole hall as one.
 */
export class SharedAddressWatch {
  private readonly watched = new Map<string, Watched>()
  private addresses = 0
  private rejoins = 0

  /** `onChange` hears the totals at each re-join from a suspected address (the first one included). */
  constructor(private readonly onChange: ((suspicion: SharedAddressSuspicion) => void) | undefined) {}

  /** A first join from an address: only its browser is noted. */
  joined(address: string, userAgent: string | undefined, now = Date.now()): void {
    const entry = this.entry(address)
    if (entry) this.check(entry, userAgent, now)
  }

  /** A join without a device cookie from an address that already has a key. */
  rejoined(address: string, userAgent: string | undefined, now = Date.now()): void {
    const entry = this.entry(address)
    if (!entry) return
    entry.rejoins++
    entry.times.push(now)
    if (entry.times.length > SUSPECT_REJOINS) entry.times.shift()
    if (entry.suspected) this.rejoins++
    this.check(entry, userAgent, now)
    if (entry.suspected) this.onChange?.(this.totals())
  }

  totals(): SharedAddressSuspicion {
    return { addresses: this.addresses, rejoins: this.rejoins }
  }

  private check(entry: Watched, userAgent: string | undefined, now: number): void {
    if (entry.suspected) return
    if (entry.agents.size < SUSPECT_USER_AGENTS) entry.agents.add((userAgent ?? '').slice(0, MAX_USER_AGENT))
    const recent = entry.times.filter((time) => now - time <= SUSPECT_WINDOW_MS).length
    if (recent < SUSPECT_REJOINS && entry.agents.size < SUSPECT_USER_AGENTS) return
    entry.suspected = true
    this.addresses++
    this.rejoins += entry.rejoins
    // Counted from now on by totals alone: the per-address detail is no longer needed.
    entry.times = []
    entry.agents.clear()
  }

  private entry(address: string): Watched | undefined {
    let entry = this.watched.get(address)
    if (!entry && this.watched.size < MAX_WATCHED) {
      entry = { times: [], agents: new Set(), rejoins: 0, suspected: false }
      this.watched.set(address, entry)
    }
    return entry
  }
}
