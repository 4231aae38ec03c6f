import { networkInterfaces } from 'node:os'

export interface NetworkAddress {
  /** The interface's name as the system calls it (e.g. `wlan0`, `Wi-Fi`). */
  name: string
  address: string
  /** Loopback: only this computer can reach it. */
  internal: boolean
}

/**
 * IPv4 addresses of this computer, for the trainer to choose where phones connect (usually the Wi-Fi
 * one). IPv4 only: it is what people can read off a projector and type. Loopback comes last.
 */
export function listInterfaces(): NetworkAddress[] {
  const found: NetworkAddress[] = []
  for (const [name, addresses] of Object.entries(networkInterfaces())) {
    for (const info of addresses ?? []) {
      if (info.family === 'IPv4') found.push({ name, address: info.address, internal: info.internal })
    }
  }
  return found.sort((a, b) => Number(a.internal) - Number(b.internal))
}
