import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { IDLE_SOCKET_MS, startParticipantServer, type ParticipantServer } from './participant-server'

const servers: ParticipantServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

/** Opens a TCP connection and never sends a byte; resolves with how long the server kept it open. */
function heldOpen(port: number, giveUpMs: number): Promise<number | null> {
  const started = Date.now()
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    const giveUp = setTimeout(() => {
      socket.destroy()
      resolve(null)
    }, giveUpMs)
    socket.on('error', () => undefined)
    socket.on('close', () => {
      clearTimeout(giveUp)
      resolve(Date.now() - started)
    })
  })
}

describe('connections to the participant server', () => {
  it('closes connections that never send anything, so held-open sockets cannot exhaust the laptop', async () => {
    const server = await startParticipantServer({
      address: '127.0.0.1',
      port: 0,
      gateway: { current: async () => null, answer: async () => null, question: async () => null }
    })
    servers.push(server)
    const kept = await Promise.all(Array.from({ length: 20 }, () => heldOpen(server.port, IDLE_SOCKET_MS + 5_000)))
    for (const ms of kept) {
      expect(ms).not.toBeNull()
      expect(ms!).toBeLessThan(IDLE_SOCKET_MS + 3_000)
    }
    // The server still answers a phone afterwards.
    const reply = await fetch(`http://127.0.0.1:${server.port}/`)
    expect(reply.status).toBe(200)
  }, 30_000)
})
