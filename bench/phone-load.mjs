// A child process driving a share of the simulated phones, so the load client never competes with the
// server (or the bench's own bookkeeping) for the same event loop. Talks to the bench over IPC:
//   { type: 'join', server, code, indexes } → { type: 'joined' }
//   { type: 'load', server, pollId, options, seconds, count, thinkMs } → { type: 'loaded', ok, refused, failed, latencies, acknowledged }
import { answer, joinPhone, newAgent } from './phones.mjs'

let phones = []

/**
 * Closed loop: each of the first `count` phones posts an answer, waits for the reply, and posts again at
 * once, on its own keep-alive connection, for `seconds`. What the server acknowledges is its capacity
 * (a fixed schedule would only measure the load offered). A 429 is counted and honoured: the phone
 * waits the second the server asks for, as the participant page does by not resending. With `thinkMs`,
 * each phone waits that long after each reply before its next answer (people, not a saturation test);
 * phones start spread over that time, as a room's do.
 */
async function load({ server, pollId, options, seconds, count, thinkMs = 0, shareDevices = false }) {
  const latencies = []
  let ok = 0
  let refused = 0
  let failed = 0
  const statuses = {}
  const until = performance.now() + seconds * 1000
  const connections = phones.slice(0, count ?? phones.length)
  await Promise.all(
    connections.map(async (connection, k) => {
      // With shareDevices, every joined phone's answers go over `count` connections, each taking its
      // phones in turn: the concurrency is the connections, while no phone answers faster than a person
      // could (the per-phone limit is for abuse, not for capacity).
      const devices = shareDevices ? phones.filter((_, j) => j % connections.length === k) : [connection]
      let n = connection.index
      if (thinkMs) await new Promise((r) => setTimeout(r, (connection.index * 7) % thinkMs))
      while (performance.now() < until) {
        const phone = devices[n % devices.length]
        const option = options[n++ % options.length]
        const started = performance.now()
        const status = await answerRetrying(phone, connection, server, pollId, option)
        // Latency is counted only for replies that ended inside the measured window.
        if (performance.now() <= until) latencies.push(performance.now() - started)
        if (status === 200) {
          ok += performance.now() <= until ? 1 : 0
          phone.acknowledged[server.port] = option
        } else if (status === 429) {
          refused++
          await new Promise((r) => setTimeout(r, 1000))
        } else {
          failed++
          statuses[status] = (statuses[status] ?? 0) + 1
        }
        if (thinkMs) await new Promise((r) => setTimeout(r, thinkMs))
      }
    })
  )
  return { ok, refused, failed, statuses, latencies, acknowledged: acknowledgedByDevice(server.port) }
}

/**
 * The answer's status, or 0 when no reply came. A request that fails on a kept-alive connection the
 * server has just closed (idle) is sent once more on a fresh one, as browsers do; a second failure counts.
 */
async function answerRetrying(phone, connection, server, pollId, option) {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      return (await answer({ ...phone, agent: connection.agent }, server, pollId, option)).status
    } catch {
      connection.agent.destroy()
      connection.agent = newAgent(connection.index)
    }
  }
  return 0
}

/** Each phone's last acknowledged answer on the server at `port` (the app's and the baseline's apart). */
const acknowledgedByDevice = (port) => Object.fromEntries(phones.map((p) => [p.deviceKey, p.acknowledged[port]]))

process.on('message', async (message) => {
  if (message.type === 'join') {
    phones = []
    for (const index of message.indexes) phones.push(await joinPhone(message.server, message.code, index))
    for (const phone of phones) phone.acknowledged = {}
    process.send({ type: 'joined' })
  } else if (message.type === 'load') {
    process.send({ type: 'loaded', ...(await load(message)) })
  } else if (message.type === 'exit') {
    phones.forEach((p) => p.agent.destroy())
    process.exit(0)
  }
})
