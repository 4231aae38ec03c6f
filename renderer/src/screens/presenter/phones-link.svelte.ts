/**
 * What the poll controls need to know of the phones panel: whether phones are on, and a way to turn
 * them on. The panel fills it in; opening a phone poll while phones are off then offers to turn them on.
 * One presenter per window, so one link.
 */
class PhonesLink {
  /** null until the panel knows. */
  running = $state<boolean | null>(null)
  /** Turns phones on with the panel's chosen network; resolves true once they are on. */
  turnOn: (() => Promise<boolean>) | null = null
}

export const phonesLink = new PhonesLink()
