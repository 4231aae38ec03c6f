// A child process driving a share of the simulated phones, so the load client never competes with the
// server (or the bench's own bookkeeping) for the same event loop. Talks to the bench over IPC:
//   { type: 'join', server, code, indexes } → { type: 'joined' }
//   { type: 'load', server, pollId, options, seconds } → { type: 'loaded', ok, latencies, acknowledged }
import { answer, joinPhone, newAgent } from './phones.mjs'

let phones = []

/**
 * Every phone answers every 100 ms (10 answers/s, within its rate limit), on a fixed schedule: waiting
 * "the rest of 100 ms" after each answer would lose a timer's slack every time and offer less than 3,000/s.
 */
async function load({ server, pollId, options, seconds }) {
  const latencies = []
  let ok = 0
  const until = performance.now() + seconds * 1000
  await Promise.all(
    phones.map(async (phone) => {
      let n = phone.index
      // Phones start spread over the first 100 ms, as a room's do.
      let nextAt = performance.now() + (phone.index % 100)
      await new Promise((r) => setTimeout(r, phone.index % 100))
      while (performance.now() < until) {
        const option = options[n++ % options.length]
        const started = performance.now()
        const reply = await answer(phone, server, pollId, option)
        latencies.push(performance.now() - started)
        if (reply.status === 200) {
          ok++
          phone.acknowledged = option
        }
        nextAt += 100
        const wait = nextAt - performance.now()
        if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      }
    })
  )
  return { ok, latencies, acknowledged: Object.fromEntries(phones.map((p) => [p.deviceKey, p.acknowledged])) }
}

process.on('message', async (message) => {
  if (message.type === 'join') {
    phones = []
    for (const index of message.indexes) phones.push(await joinPhone(message.server, message.code, index))
    process.send({ type: 'joined' })
  } else if (message.type === 'rebind') {
    // The same phones against another server (the baseline): fresh connections.
    for (const phone of phones) {
      phone.agent.destroy()
      phone.agent = newAgent(phone.index)
    }
    process.send({ type: 'rebound' })
  } else if (message.type === 'load') {
    process.send({ type: 'loaded', ...(await load(message)) })
  } else if (message.type === 'exit') {
    phones.forEach((p) => p.agent.destroy())
    process.exit(0)
  }
})
