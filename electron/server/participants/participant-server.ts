import { randomBytes, randomInt } from 'node:crypto'
import { isIPv4, type AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { Hono } from 'hono'
import type { ParticipantServerStart } from '../../core/sessions/participant-network'
import { deviceKeys } from './device-identity'
import { remoteKeys } from './remote-identity'
import { phoneRoutes } from './routes'
import { SharedAddressWatch } from './shared-address'
import { phoneLimits, siteOrigin, type Env, type PhoneSite } from './site'

/** What the participant server may do with sessions: read the open one, store an answer. Nothing else. */
export type { ParticipantGateway } from '../../core/sessions/participant-network'
export { ALL_WRONG_CODES, WRONG_CODES_PER_ADDRESS } from './site'
export { MAX_BODY_BYTES } from './request-guards'
export { questionState } from './phone-pages'

export interface ParticipantServer {
  /** The address to show on the projector, e.g. `http://192.168.1.10:8080/`. */
  url: string
  /** The 4-digit join code. */
  code: string
  /** The address the QR code encodes: opening it joins directly. */
  joinUrl: string
  address: string
  port: number
  /** Phones share addresses (a hall behind one router): each cookie-less join is a new participant. */
  setSharedAddresses(on: boolean): void
  close(): Promise<void>
}

/** Where to listen and the session's phone identity (secret, code, device keys by address). */
export type ParticipantServerOptions = ParticipantServerStart

/** Slow or stalled requests are cut after this long, so idle sockets cannot pile up. */
const REQUEST_TIMEOUT_MS = 10_000
/**
 * A connection that sends nothing at all is closed after this long of silence, so someone on the network holding
 * sockets open cannot use up the laptop's file descriptors. Node's request timeouts alone do not close such a
 * socket (measured: still open after 25 s), and this must stay below them, or their check keeps it alive.
 */
export const IDLE_SOCKET_MS = 8_000
/**
 * One connection per phone: a conference hall of 2,000 delegates fits (the bench loads 1,000 phones), far
 * below the descriptor limit Node raises itself to on start.
 */
const MAX_CONNECTIONS = 2_500

/**
 * The tiny site participants' phones use on the local network during a live session: join with the
 * code, see the open question, answer. It knows nothing of the trainer's API; it only calls the gateway.
 * Guards: listens on the one chosen address; Host must name it (DNS rebinding) and Origin, when sent,
 * must be it; signed device cookies; small bodies; short timeouts; rate limits per device and per IP.
 */
export async function startParticipantServer(options: ParticipantServerOptions): Promise<ParticipantServer> {
  const site = phoneSite(options)
  const server = await listen(phoneRoutes(site), site.address, options.port)
  site.port = (server.address() as AddressInfo).port
  const origin = siteOrigin(site)
  return {
    url: `${origin}/`,
    code: site.code,
    joinUrl: `${origin}/j/${site.code}`,
    address: site.address,
    port: site.port,
    setSharedAddresses: (on) => void (site.sharedAddresses = on),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Phones keep connections alive; close them so the server stops now.
        ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
      })
  }
}

/** The options checked, and the site's shared state built from them. */
function phoneSite(options: ParticipantServerOptions): PhoneSite {
  const { address } = options
  // One IPv4 address of this computer: never every interface at once (0.0.0.0).
  if (!isIPv4(address) || address === '0.0.0.0') throw new Error(`not one IPv4 address: ${address}`)
  const code = options.code ?? String(randomInt(0, 10_000)).padStart(4, '0')
  if (!/^\d{4}$/.test(code)) throw new Error('the join code is not 4 digits')
  const secret = options.secret ?? randomBytes(32)
  return {
    address,
    code,
    gateway: options.gateway,
    port: options.port,
    devices: deviceKeys(secret),
    devicesByAddress: new Map(Object.entries(options.devicesByAddress ?? {})),
    rememberDevice: options.rememberDevice,
    sharedAddresses: options.sharedAddresses ?? false,
    sharedAddressWatch: new SharedAddressWatch(options.onSharedAddress),
    remote: options.remote,
    remoteKeys: remoteKeys(secret),
    limits: phoneLimits()
  }
}

function listen(app: Hono<Env>, address: string, port: number): Promise<ReturnType<typeof serve>> {
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: app.fetch,
        port,
        hostname: address,
        serverOptions: {
          headersTimeout: REQUEST_TIMEOUT_MS,
          requestTimeout: REQUEST_TIMEOUT_MS,
          // Node checks those timeouts on this interval (30 s by default).
          connectionsCheckingInterval: 1_000
        }
      },
      () => resolve(server)
    )
    server.maxConnections = MAX_CONNECTIONS
    server.setTimeout(IDLE_SOCKET_MS) // with no 'timeout' listener, Node destroys the idle socket
    server.once('error', reject)
  })
}
