// Phones: the participant page's size, and a phone's answer until the projector (a real Chromium on
// the audience view) shows it. The load of a whole hall is measured in hall.mjs.
import { gzipSync } from 'node:zlib'
import { startHost, startPhonePoll } from './host.mjs'
import { answer, joinPhone, request } from './phones.mjs'
import { percentile, sessionDetails } from './stats.mjs'

/** A running session on the first single-choice poll, opened for phones, with the participant server on. */
async function openPoll(host) {
  const { session, poll } = await startPhonePoll(host, sessionDetails)
  const participants = await host.call('participants.start', { address: '127.0.0.1', port: 0 })
  const url = new URL(participants.url)
  const server = { hostname: url.hostname, port: url.port, host: url.host, origin: url.origin }
  return { session, poll, server, code: participants.code }
}

/** Everything a phone loads to answer (the page and its one script), gzipped. */
async function pageSize(record) {
  const host = await startHost()
  const { server, code } = await openPoll(host)
  const phone = await joinPhone(server, code, 0)
  const headers = { Cookie: `rt_device=${phone.cookie}` }
  const page = await request(phone.agent, server, 'GET', '/q', undefined, headers)
  const script = await request(phone.agent, server, 'GET', '/p.js', undefined, headers)
  record('participant_page_gzip_kb', (gzipSync(page.body).length + gzipSync(script.body).length) / 1024, 'KB', {
    max: 25
  })
  phone.agent.destroy()
  await host.stop()
}

/** A phone's acknowledged answer until the audience view shows it. */
async function toProjector(browser, record) {
  const host = await startHost()
  const { session, poll, server, code } = await openPoll(host)
  const audience = await browser.newPage({ viewport: { width: 1280, height: 720 } })
  await audience.goto(`${host.url}&audience=${session.id}`)
  await audience.getByTestId('option-count').first().waitFor()
  const counts = () =>
    audience.evaluate(() =>
      [...document.querySelectorAll('[data-testid=option-count]')].map((e) => e.textContent).join()
    )
  const delays = []
  for (let i = 0; i < 20; i++) {
    const phone = await joinPhone(server, code, i)
    const before = await counts()
    const reply = await answer(phone, server, poll.id, poll.options[i % poll.options.length].id)
    const acknowledged = performance.now()
    if (reply.status !== 200) throw new Error(`answer refused: ${reply.status}`)
    await audience.waitForFunction(
      (prev) => [...document.querySelectorAll('[data-testid=option-count]')].map((e) => e.textContent).join() !== prev,
      before,
      { polling: 'raf' }
    )
    delays.push(performance.now() - acknowledged)
    phone.agent.destroy()
  }
  record('vote_to_projector_p95_ms', percentile(delays, 95), 'ms', { max: 250 })
  await audience.close()
  await host.stop()
}

export async function measureVotes(browser, record) {
  await pageSize(record)
  await toProjector(browser, record)
}
