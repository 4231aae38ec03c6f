// Simulated participants' phones over real HTTP: join with the code (signed device cookie), answer.
import http from 'node:http'

/** Each phone has its own loopback source address, as phones have their own on Wi-Fi (per-IP limits). */
export const phoneAddress = (index) => `127.0.${1 + Math.floor(index / 250)}.${1 + (index % 250)}`

export const newAgent = (index) => new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: phoneAddress(index) })

export function request(agent, server, method, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: server.hostname, port: server.port, method, path, headers: { Host: server.host, ...headers } },
      (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }))
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** Joins like a phone that scanned the QR code: `server` is the participant server's URL, `code` its join code. */
export async function joinPhone(server, code, index) {
  const agent = newAgent(index)
  const join = await request(agent, server, 'GET', `/j/${code}`)
  const cookie = /rt_device=([^;]+)/.exec(join.headers['set-cookie']?.join(';') ?? '')?.[1]
  if (!cookie) throw new Error(`phone ${index} could not join (${join.status})`)
  return { index, agent, cookie, deviceKey: decodeURIComponent(cookie).split('.')[0], acknowledged: null }
}

/** The answer the participant page's script posts (JSON reply) for a single-choice poll. */
export function answer(phone, server, pollId, option) {
  const body = new URLSearchParams({ block: pollId, [pollId]: option }).toString()
  return request(phone.agent, server, 'POST', '/answer', body, {
    Cookie: `rt_device=${phone.cookie}`,
    'Content-Type': 'application/x-www-form-urlencoded',
    'Content-Length': Buffer.byteLength(body),
    Accept: 'application/json',
    Origin: server.origin
  })
}
