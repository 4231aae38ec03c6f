import { readFile, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { join, relative } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  dataFolder,
  hostBuilt,
  hostScript,
  killAndWait,
  Phone,
  root,
  sessionWithPhonePoll,
  startHost,
  startParticipants,
  stopHostsAndCleanUp,
  type Json,
  type RunningHost
} from '../testing/host-process'

/**
 * A session's phones stay the same participants for the whole session, against the real host process
 * (out/main/browser-host.js): phones off and on, kill -9 and a restart, a port taken meanwhile, a
 * network gone, another session in between.
 */
const blockers: Server[] = []
afterEach(async () => {
  await Promise.all(blockers.splice(0).map((b) => new Promise((done) => b.close(done))))
  await stopHostsAndCleanUp()
})

/** Each simulated phone has its own source address in 127.0.0.0/8; only Linux routes all of it to loopback. */
const canRun = hostBuilt && process.platform === 'linux'

async function answersOf(host: RunningHost, sessionId: string, pollId: string): Promise<Record<string, Json>> {
  const reply = await host.call('session.get', { id: sessionId })
  expect(reply.ok, JSON.stringify(reply.error)).toBe(true)
  return reply.result.polls[pollId].answers
}

/** Every phone answers (the first five pick another option each round); returns device key → option. */
async function answerRound(
  phones: Phone[],
  pollId: string,
  options: string[],
  round: number
): Promise<Map<string, string>> {
  const expected = new Map<string, string>()
  await Promise.all(
    phones.map(async (phone, i) => {
      const option = options[(i + (i < 5 ? round : 0)) % options.length]!
      const reply = await phone.answer(pollId, { [pollId]: option })
      expect(reply.status, `phone ${i}, round ${round}: ${reply.body}`).toBe(200)
      expected.set(phone.deviceKey, option)
    })
  )
  return expected
}

/** Respondents = phones, and each phone's stored answer is its latest one. */
async function expectCountedOnce(
  host: RunningHost,
  sessionId: string,
  pollId: string,
  expected: Map<string, string>
): Promise<void> {
  const answers = await answersOf(host, sessionId, pollId)
  expect(Object.keys(answers)).toHaveLength(expected.size)
  for (const [key, option] of expected) expect(answers[key]?.values[pollId], `device ${key}`).toEqual([option])
}

const identityFile = (dataDir: string, sessionId: string): string =>
  join(dataDir, 'sessions', `${sessionId}.phones.json`)

describe.skipIf(!canRun)(`phones keep their identity for the whole session (${relative(root, hostScript)})`, () => {
  it('20 phones answer; phones off and on, then kill -9, restart and continue: each is counted once and a changed answer replaces the old one', async () => {
    const dataDir = await dataFolder('phones-identity')
    let host = await startHost(dataDir)
    const { sessionId, poll } = await sessionWithPhonePoll(host)
    const options = (poll.options as { id: string }[]).map((o) => o.id)
    const { url, code } = await startParticipants(host)
    const phones = Array.from({ length: 20 }, (_, i) => new Phone(url, i, 5))
    for (const phone of phones) await phone.join(code)
    expect(new Set(phones.map((p) => p.deviceKey)).size).toBe(20)
    await expectCountedOnce(host, sessionId, poll.id, await answerRound(phones, poll.id, options, 0))

    // (a) Phones off and on from the presenter: same address, same code, the same phones.
    expect((await host.call('participants.stop')).ok).toBe(true)
    const again = await host.call('participants.start', { address: '127.0.0.1', port: 0 })
    expect(again.result).toMatchObject({ running: true, url: url.href, code, notice: null })
    await expectCountedOnce(host, sessionId, poll.id, await answerRound(phones, poll.id, options, 1))

    // (b) A power cut: kill -9, start again, the trainer presses Continue (the presenter resumes the session).
    await killAndWait(host.child)
    for (const phone of phones) phone.close()
    host = await startHost(dataDir)
    const resumed = await host.call('participants.resume', { sessionId })
    // Phones come back on by themselves, at the same address and with the same code.
    expect(resumed.result).toMatchObject({ running: true, url: url.href, code, sessionId, notice: null })
    const back = phones.map((old, i) => Object.assign(new Phone(url, i, 5), { cookie: old.cookie }))
    const latest = await answerRound(back, poll.id, options, 2)
    await expectCountedOnce(host, sessionId, poll.id, latest)
    const answers = await answersOf(host, sessionId, poll.id)
    expect(answers[back[0]!.deviceKey].values[poll.id]).toEqual([options[2 % options.length]])

    // A phone that cleared its cookie and joins again from its address is still the same participant.
    const key = back[3]!.deviceKey
    back[3]!.cookie = null
    await back[3]!.join(code)
    expect(back[3]!.deviceKey).toBe(key)
    expect(Object.keys(await answersOf(host, sessionId, poll.id))).toHaveLength(20)

    // The secret stays in its own file: never in what windows, the projector or exports get.
    const secret = JSON.parse(await readFile(identityFile(dataDir, sessionId), 'utf8')).secret as string
    expect(secret).toMatch(/^[\w-]{43}$/)
    const seen = [
      await host.call('session.get', { id: sessionId }),
      await host.call('session.audience', { id: sessionId }),
      await host.call('participants.status'),
      await host.call('session.export', { id: sessionId, language: 'vi', format: 'json' })
    ]
    for (const reply of seen) {
      expect(reply.ok, JSON.stringify(reply.error)).toBe(true)
      expect(JSON.stringify(reply)).not.toContain(secret)
    }
    for (const phone of back) phone.close()
  })

  it('a port taken meanwhile: phones come back on another one and presenter and projector say the address changed; a vanished network: they say phones are off', async () => {
    const dataDir = await dataFolder('phones-moved')
    let host = await startHost(dataDir)
    const { sessionId, poll } = await sessionWithPhonePoll(host)
    const { url, code } = await startParticipants(host)
    const phone = new Phone(url, 0, 6)
    await phone.join(code)
    expect((await phone.answer(poll.id, { [poll.id]: poll.options[0].id })).status).toBe(200)

    await killAndWait(host.child)
    phone.close()
    // Another program takes the port while the app is down.
    const blocker = createServer()
    blockers.push(blocker)
    await new Promise<void>((done) => blocker.listen(Number(url.port), '127.0.0.1', done))
    host = await startHost(dataDir)
    const resumed = await host.call('participants.resume', { sessionId })
    expect(resumed.result.running).toBe(true)
    expect(resumed.result.code).toBe(code)
    expect(resumed.result.url).not.toBe(url.href)
    expect(resumed.result.notice).toEqual({ kind: 'moved', from: url.href, to: resumed.result.url })
    const view = (await host.call('session.audience', { id: sessionId })).result
    expect(view.join).toMatchObject({ url: resumed.result.url, movedFrom: url.href, code })
    // The phone opens the new address: cookies are per host, not per port, so it is still joined.
    const moved = Object.assign(new Phone(new URL(resumed.result.url), 0, 6), { cookie: phone.cookie })
    expect((await moved.answer(poll.id, { [poll.id]: poll.options[1].id })).status).toBe(200)
    expect(Object.keys(await answersOf(host, sessionId, poll.id))).toHaveLength(1)
    moved.close()

    // The network the phones used is gone (the laptop joined another Wi-Fi) when the app starts again.
    await killAndWait(host.child)
    const file = identityFile(dataDir, sessionId)
    const identity = JSON.parse(await readFile(file, 'utf8'))
    await writeFile(file, JSON.stringify({ ...identity, address: '192.0.2.1' }))
    host = await startHost(dataDir)
    const off = await host.call('participants.resume', { sessionId })
    expect(off.result).toMatchObject({ running: false, notice: { kind: 'not-restarted', address: '192.0.2.1' } })
    const offView = (await host.call('session.audience', { id: sessionId })).result
    expect(offView).toMatchObject({ kind: 'poll', status: 'open', mode: 'phones', join: null, phonesOff: true })
  })

  it('phones answer the active session with its own identity: another session in between, then back, and the first phones still count', async () => {
    const host = await startHost(await dataFolder('phones-switch'))
    const first = await sessionWithPhonePoll(host)
    const { url, code } = await startParticipants(host)
    const phone = new Phone(url, 0, 7)
    await phone.join(code)
    expect((await phone.answer(first.poll.id, { [first.poll.id]: first.poll.options[0].id })).status).toBe(200)

    // A second session starts: the server restarts with that session's secret and code.
    const second = await sessionWithPhonePoll(host)
    const status = (await host.call('participants.status')).result
    expect(status).toMatchObject({ running: true, sessionId: second.sessionId })
    phone.close()
    const onSecond = Object.assign(new Phone(new URL(status.url), 0, 7), { cookie: phone.cookie })
    expect((await onSecond.request('GET', '/v')).status).toBe(401)
    onSecond.close() // the first session's cookie means nothing to the second

    // Back to the first session: its code, and its phones are still joined.
    const back = await host.call('participants.resume', { sessionId: first.sessionId })
    expect(back.result).toMatchObject({ running: true, sessionId: first.sessionId, code })
    const again = Object.assign(new Phone(new URL(back.result.url), 0, 7), { cookie: phone.cookie })
    expect((await again.answer(first.poll.id, { [first.poll.id]: first.poll.options[1].id })).status).toBe(200)
    expect(Object.keys(await answersOf(host, first.sessionId, first.poll.id))).toHaveLength(1)
    again.close()
  })
})
