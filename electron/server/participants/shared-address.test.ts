import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ApiEvent, ParticipantsStatus } from '../../core/api/contract'
import type { ApiHandlers } from '../../core/api/dispatch'
import { createAppCore, type AppCore } from '../../core/app-core'
import { bundledCoreOptions, sessionDetails } from '../../testing/bundled-core'
import { Phone } from '../../testing/host-process'
import { participantNetwork } from './index'
import { SharedAddressWatch, SUSPECT_WINDOW_MS } from './shared-address'

/*
 * A hall behind one router: many phones, one address. Real HTTP on 127.0.0.1 against a real core on a temp
 * folder; the laptop listens on 127.0.0.1 and every phone of a hall comes from one other loopback address
 * (Linux routes all of 127.0.0.0/8 to loopback), as phones behind a router doing NAT reach it.
 */
const canRun = process.platform === 'linux'

let core: AppCore | null = null
let dataDir = ''
const phones: Phone[] = []
afterEach(async () => {
  for (const phone of phones.splice(0)) phone.close()
  await core?.close()
  core = null
  await rm(dataDir, { recursive: true, force: true })
})

type Call = <M extends keyof ApiHandlers>(method: M, args: Parameters<ApiHandlers[M]>[0]) => ReturnType<ApiHandlers[M]>

/** A running session on a single-choice phone poll, phones on at 127.0.0.1; `events` collects what windows hear. */
async function hall() {
  const options = await bundledCoreOptions('router')
  dataDir = options.dataDir
  core = await createAppCore({ ...options, participants: participantNetwork })
  const events: ApiEvent[] = []
  core.subscribe((event) => events.push(event))
  const handlers = core.handlers
  const call: Call = (method, args) =>
    (handlers[method] as (a: unknown) => ReturnType<ApiHandlers[typeof method]>)(args)
  const session = await call('session.start', { workshopId: 'conference-briefing', details: sessionDetails() })
  const blocks = session.snapshot.manifest.blocks
  const index = blocks.findIndex((b) => b.kind === 'poll' && b.type === 'single')
  const poll = blocks[index]!
  const choices = poll.kind === 'poll' ? (poll.options ?? []).map((o) => o.id) : []
  await call('session.command', { id: session.id, command: { type: 'goto', block: index, slide: 0 } })
  await call('session.command', { id: session.id, command: { type: 'pollOpen', blockId: poll.id, mode: 'phones' } })
  const participants = await call('participants.start', { address: '127.0.0.1', port: 0 })
  const url = new URL(participants.url!)
  /** Phones joining from one address (127.<network>.1.1), paced as a hall joins over a minute. */
  const joinFrom = async (count: number, network: number): Promise<Phone[]> => {
    const joined: Phone[] = []
    for (let start = 0; start < count; start += 150) {
      // The join page's budget is per address (200 at once, then 50 a second): groups of 150, 3 s apart.
      if (start > 0) await new Promise((r) => setTimeout(r, 3_000))
      const group = Array.from({ length: Math.min(150, count - start) }, () => new Phone(url, 0, network))
      phones.push(...group)
      await Promise.all(group.map((phone) => phone.join(participants.code!)))
      joined.push(...group)
    }
    return joined
  }
  const answers = async (): Promise<Record<string, unknown>> =>
    JSON.parse(await readFile(join(dataDir, 'sessions', `${session.id}.json`), 'utf8')).session.polls[poll.id].answers
  return { call, session, poll, choices, url, joinFrom, answers, events, code: participants.code! }
}

describe.skipIf(!canRun)('a hall behind one router', () => {
  it('with "phones share one address" on, 1,000 phones from one address that is not the laptop each get their own key and all 1,000 answers count', async () => {
    const { call, session, poll, choices, joinFrom, answers } = await hall()
    const status = await call('participants.sharedAddresses', { sessionId: session.id, on: true })
    expect(status.sharedAddresses).toBe(true)
    const started = Date.now()
    const hallPhones = await joinFrom(1000, 20)
    const joinedIn = (Date.now() - started) / 1000
    expect(new Set(hallPhones.map((p) => p.deviceKey)).size).toBe(1000)
    const replies = await Promise.all(
      hallPhones.map((phone, i) => phone.answer(poll.id, { [poll.id]: choices[i % choices.length]! }))
    )
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1000)
    expect(Object.keys(await answers())).toHaveLength(1000)
    // Nothing to warn about: the trainer said so.
    expect((await call('participants.status', {})).sharedAddressSuspected).toBeNull()
    console.log(`1,000 phones behind one address joined in ${joinedIn.toFixed(1)} s; 1,000 answers counted`)
  }, 120_000)

  it('with it off, 1,000 phones from one address count as one participant, and the presenter is told the address seems shared', async () => {
    const { call, session, poll, choices, joinFrom, answers, events } = await hall()
    const hallPhones = await joinFrom(1000, 21)
    expect(new Set(hallPhones.map((p) => p.deviceKey)).size).toBe(1)
    // A few of them answer (one key has one phone's budget): all land on that one participant.
    const replies = await Promise.all(
      hallPhones.slice(0, 20).map((phone, i) => phone.answer(poll.id, { [poll.id]: choices[i % choices.length]! }))
    )
    expect(replies.every((r) => r.status === 200)).toBe(true)
    expect(Object.keys(await answers())).toHaveLength(1)

    const status = await call('participants.status', {})
    expect(status.sharedAddresses).toBe(false)
    expect(status.sharedAddressSuspected).toEqual({ addresses: 1, rejoins: 999 })
    // The presenter's windows heard it without asking (the first time at once, then at most once a second).
    await expect.poll(() => lastStatus(events)?.sharedAddressSuspected?.rejoins, { timeout: 3_000 }).toBe(999)
    // Once the trainer turns the switch on, there is nothing left to warn about.
    const on = await call('participants.sharedAddresses', { sessionId: session.id, on: true })
    expect(on.sharedAddressSuspected).toBeNull()
  }, 120_000)

  it('turning it on applies to the running phones at once: joined phones keep their key, the next phone from the address is new; it is kept with the session', async () => {
    const { call, session, url, code, joinFrom } = await hall()
    const [first, again] = await joinFrom(2, 22)
    expect(again!.deviceKey).toBe(first!.deviceKey) // the address rule: one address, one participant

    await call('participants.sharedAddresses', { sessionId: session.id, on: true })
    expect((await first!.request('GET', '/q')).status).toBe(200) // still joined, same cookie
    const next = new Phone(url, 0, 22)
    phones.push(next)
    await next.join(code)
    expect(next.deviceKey).not.toBe(first!.deviceKey)
    const saved = JSON.parse(await readFile(join(dataDir, 'sessions', `${session.id}.phones.json`), 'utf8'))
    expect(saved.sharedAddresses).toBe(true)

    // Off again: the address gets its remembered key back.
    await call('participants.sharedAddresses', { sessionId: session.id, on: false })
    const later = new Phone(url, 0, 22)
    phones.push(later)
    await later.join(code)
    expect(later.deviceKey).toBe(first!.deviceKey)
  }, 30_000)

  it('with it on, one address still has only its own budget of wrong codes and of join attempts', async () => {
    const { call, session, url } = await hall()
    await call('participants.sharedAddresses', { sessionId: session.id, on: true })
    const guesser = new Phone(url, 0, 23)
    phones.push(guesser)
    const form = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: url.origin }
    const wrong: number[] = []
    for (let i = 0; i < 15; i++) wrong.push((await guesser.request('POST', '/join', 'code=xxxx', form)).status)
    expect(wrong.slice(0, 10)).toEqual(new Array(10).fill(403))
    expect(wrong.slice(12)).toEqual([429, 429, 429])
    // 40 browsers behind that address asking for the join page 10 times each, all at once.
    const flood = Array.from({ length: 40 }, () => new Phone(url, 0, 23))
    phones.push(...flood)
    const pages = await Promise.all(
      flood.map(async (phone) => {
        const statuses: number[] = []
        for (let i = 0; i < 10; i++) statuses.push((await phone.request('GET', '/')).status)
        return statuses
      })
    )
    expect(pages.flat().filter((status) => status === 429).length).toBeGreaterThan(100)
  }, 30_000)

  it('an unknown session cannot be switched', async () => {
    const { call } = await hall()
    await expect(call('participants.sharedAddresses', { sessionId: '2020-01-01-zzzz9999', on: true })).rejects.toThrow()
  })
})

function lastStatus(events: ApiEvent[]): ParticipantsStatus | undefined {
  const last = events.filter((e) => e.type === 'participants').at(-1)
  return last?.type === 'participants' ? last.status : undefined
}

describe('when one address is suspected of being many phones', () => {
  const iPhone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)'
  const zalo = 'Mozilla/5.0 (Linux; Android 13) Zalo'
  const chrome = 'Mozilla/5.0 (Linux; Android 13) Chrome/120'

  it('one person re-joining twice, in two browsers, is not; a third re-join within 10 minutes is', () => {
    const heard: unknown[] = []
    const watch = new SharedAddressWatch((s) => heard.push(s))
    watch.joined('10.0.0.5', zalo, 0)
    watch.rejoined('10.0.0.5', chrome, 60_000)
    watch.rejoined('10.0.0.5', chrome, 120_000)
    expect(watch.totals()).toEqual({ addresses: 0, rejoins: 0 })
    watch.rejoined('10.0.0.5', chrome, 180_000)
    expect(watch.totals()).toEqual({ addresses: 1, rejoins: 3 })
    expect(heard).toEqual([{ addresses: 1, rejoins: 3 }])
  })

  it('three re-joins spread over more than 10 minutes are not; a third browser is at once', () => {
    const watch = new SharedAddressWatch(undefined)
    watch.joined('10.0.0.6', chrome, 0)
    for (let i = 1; i <= 5; i++) watch.rejoined('10.0.0.6', chrome, i * (SUSPECT_WINDOW_MS / 2 + 1))
    expect(watch.totals().addresses).toBe(0)
    watch.joined('10.0.0.7', chrome, 0)
    watch.rejoined('10.0.0.7', zalo, 1_000)
    watch.rejoined('10.0.0.7', iPhone, 2_000)
    expect(watch.totals()).toEqual({ addresses: 1, rejoins: 2 })
  })
})
