import { newDeviceId } from './device-identity'
import { joinPage } from './pages'
import { languageOf } from './phone-pages'
import { clientIp, header, type PhoneContext, type PhoneSite } from './site'

/** Phone addresses remembered per session; past that, a new address just gets a new key. */
const MAX_REMEMBERED_ADDRESSES = 5_000

/** Joins with the code typed (or carried by the QR code): a device cookie, then the question page. */
export async function joinWithCode(site: PhoneSite, c: PhoneContext, given: string): Promise<Response> {
  // A phone that already joined keeps its key (scanning the QR code again must not count it twice).
  if (c.get('device')) return c.redirect('/q', 303)
  const language = languageOf(c, await site.gateway.current())
  const ip = clientIp(c)
  // One phone, one participant: a phone address that already joined gets its own key back, so
  // clearing cookies and re-joining changes nothing. This computer's own address is exempt: there
  // every browser window is the trainer rehearsing, each its own phone by its cookie. So is every
  // address when the trainer says the room's phones share one (a router): then the cookie alone counts.
  const byAddress = ip !== site.address && !site.sharedAddresses
  const known = byAddress ? site.devicesByAddress.get(ip) : undefined
  const { wrongCodes, allWrongCodes } = site.limits
  // A code is only compared while both budgets last (an address that joined before needs only its
  // own): a refused try learns nothing, right or wrong.
  if (!wrongCodes.has(ip) || (!known && !allWrongCodes.has('all'))) {
    return c.html(joinPage(language, { tone: 'error', key: 'error.tooMany' }), 429)
  }
  if (given.trim() !== site.code) {
    wrongCodes.take(ip)
    if (!known) allWrongCodes.take('all')
    return c.html(joinPage(language, { tone: 'error', key: 'join.wrong' }), 403)
  }
  const id = known ?? newDeviceId()
  if (known) site.sharedAddressWatch.rejoined(ip, header(c, 'user-agent'))
  if (byAddress && !known && site.devicesByAddress.size < MAX_REMEMBERED_ADDRESSES) {
    site.devicesByAddress.set(ip, id)
    site.sharedAddressWatch.joined(ip, header(c, 'user-agent'))
    await site.rememberDevice?.(ip, id)
  }
  site.devices.setDevice(c, id)
  return c.redirect('/q', 303)
}
