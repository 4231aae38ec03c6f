import type { ParticipantNetwork } from '../../core/sessions/participant-network'
import { listInterfaces } from './network'
import { startParticipantServer } from './participant-server'
import { qrSvg } from './qr'

/** The participants' network for the hosts to inject into the core (browser mode and Electron alike). */
export const participantNetwork: ParticipantNetwork = {
  interfaces: listInterfaces,
  start: (options) => startParticipantServer(options),
  qrSvg
}
