import { request as httpRequest } from 'node:http'
import { resolve } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { recordAnswer } from '../../shared/sessions/answers'
import { applyCommand } from '../../shared/sessions/commands'
import { createSession, workshopSnapshot } from '../../core/sessions/create-session'
import type { Session } from '../../shared/sessions/model'
import { pollResults } from '../../shared/sessions/results'
import { folderReader, loadWorkshop, type LoadedWorkshop } from '../../core/workshops/loader'
import { ALL_WRONG_CODES, startParticipantServer, type ParticipantServer } from './participant-server'

/*
 * One phone is one participant, and the join code cannot be guessed: real HTTP on 127.0.0.1, each
 * simulated phone from its own address in 127.0.0.0/8 (Linux routes all of it to loopback).
 */
const canRun = process.platform === 'linux'
let workshop: LoadedWorkshop

beforeAll(async () => {
  const result = await loadWorkshop(folderReader(resolve(__dirname, '../../../workshops/conference-briefing')))
  if (!result.ok) throw new Error('the bundled workshop does not load')
  workshop = result.workshop
})

const servers: ParticipantServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

/** A running session on its first single-choice poll, open for phones. */
function sessionOnPoll(): { session: Session; pollId: string; options: string[] } {
  const session = createSession({
    id: '2026-01-01-limits01',
    now: new Date(),
    snapshot: workshopSnapshot(workshop),
    details: { venue: 'Huế', date: '2026-01-01', trainer: 'T', language: 'vi', plannedStart: '09:00' }
  })
  const index = session.snapshot.manifest.blocks.findIndex((b) => b.kind === 'poll' && b.type === 'single')
  const block = session.snapshot.manifest.blocks[index]!
  applyCommand(session, { type: 'goto', block: index, slide: 0 }, new Date())
  applyCommand(session, { type: 'pollOpen', blockId: block.id, mode: 'phones' }, new Date())
  return { session, pollId: block.id, options: block.kind === 'poll' ? block.options!.map((o) => o.id) : [] }
}

async function serve(
  session: Session,
  extra: { code?: string; remembered?: Map<string, string> } = {}
): Promise<ParticipantServer> {
  const server = await startParticipantServer({
    address: '127.0.0.1',
    port: 0,
    code: extra.code,
    gateway: {
      current: async () => ({ sessionId: session.id, session }),
      answer: async (_id, input) => recordAnswer(session, input, new Date()),
      question: async () => null
    },
    rememberDevice: async (address, id) => extra.remembered?.set(address, id)
  })
  servers.push(server)
  return server
}

/** One request from `from` (a 127.x.y.z source address); returns the status and the device cookie set, if any. */
function send(
  server: ParticipantServer,
  from: string,
  method: string,
  path: string,
  body?: string,
  cookie?: string
): Promise<{ status: number; cookie: string | null }> {
  const headers: Record<string, string> = {}
  if (cookie) headers.cookie = cookie
  if (body !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded'
    headers['content-length'] = String(Buffer.byteLength(body))
  }
  return new Promise((done, fail) => {
    const req = httpRequest(
      { host: server.address, port: server.port, method, path, headers, localAddress: from, agent: false },
      (res) => {
        res.resume()
        res.on('end', () => {
          const set = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('rt_device='))
          done({ status: res.statusCode ?? 0, cookie: set ? set.split(';')[0]! : null })
        })
      }
    )
    req.on('error', fail)
    req.end(body)
  })
}

const keyOf = (cookie: string): string => cookie.slice('rt_device='.length).split('.')[0]!

describe.skipIf(!canRun)('one phone, one participant', () => {
  it('a phone that clears its cookie and re-joins 40 times from its address stays one participant', async () => {
    const { session, pollId, options } = sessionOnPoll()
    const remembered = new Map<string, string>()
    const server = await serve(session, { remembered })
    const keys = new Set<string>()
    for (let i = 0; i < 41; i++) {
      const joined = await send(server, '127.9.0.1', 'GET', `/j/${server.code}`)
      expect(joined.status).toBe(303)
      keys.add(keyOf(joined.cookie!))
      if (i % 4 !== 0) continue // each re-joined page answers now and then (a phone's own rate limit allows 30 at once)
      const answered = await send(
        server,
        '127.9.0.1',
        'POST',
        '/answer',
        `block=${pollId}&${pollId}=${options[i % options.length]}`,
        joined.cookie!
      )
      expect(answered.status).toBe(303)
    }
    expect(keys.size).toBe(1)
    expect(
      pollResults(
        session.snapshot.manifest.blocks.find((b) => b.id === pollId)!,
        session.polls[pollId]
      ).respondents
    ).toBe(1)
    // Kept with the session, so the rule holds after a restart too.
    expect(remembered).toEqual(new Map([['127.9.0.1', [...keys][0]]]))
  })

  it('a device cookie wins over the address: a phone that moves keeps its key, and the new address is not given it', async () => {
    const { session } = sessionOnPoll()
    const server = await serve(session)
    const first = (await send(server, '127.9.1.1', 'POST', '/join', `code=${server.code}`)).cookie!
    // The phone changed address (left and rejoined the Wi-Fi) and still has its cookie.
    const moved = await send(server, '127.9.1.2', 'POST', '/join', `code=${server.code}`, first)
    expect(moved.status).toBe(303)
    expect(moved.cookie).toBeNull() // nothing new: it keeps the key it has
    // A phone without a cookie at an address nobody used before is a new participant.
    const other = (await send(server, '127.9.1.3', 'POST', '/join', `code=${server.code}`)).cookie!
    expect(keyOf(other)).not.toBe(keyOf(first))
  })

  it('browsers on this computer itself (the address the server listens on) are separate phones by their cookies', async () => {
    const { session } = sessionOnPoll()
    const server = await serve(session)
    const a = (await send(server, '127.0.0.1', 'POST', '/join', `code=${server.code}`)).cookie!
    const b = (await send(server, '127.0.0.1', 'POST', '/join', `code=${server.code}`)).cookie!
    expect(keyOf(a)).not.toBe(keyOf(b))
  })

  it('a device key remembered for an address from an earlier run is given back to that address', async () => {
    const { session } = sessionOnPoll()
    const earlier = 'A'.repeat(21) + 'w'
    const server = await startParticipantServer({
      address: '127.0.0.1',
      port: 0,
      gateway: {
        current: async () => ({ sessionId: session.id, session }),
        answer: async () => null,
        question: async () => null
      },
      devicesByAddress: { '127.9.2.1': earlier }
    })
    servers.push(server)
    expect(keyOf((await send(server, '127.9.2.1', 'GET', `/j/${server.code}`)).cookie!)).toBe(earlier)
  })
})

describe.skipIf(!canRun)('join codes cannot be guessed', () => {
  it('1,000 addresses guessing codes: only the server-wide budget of wrong codes is even checked, and the code is not found', async () => {
    const { session } = sessionOnPoll()
    // The code is set to the last one tried, so finding it within the budget is impossible by construction
    // of the order, and any leak of "right or wrong" past the budget would show as a 303.
    const server = await serve(session, { code: '2999' })
    const started = Date.now()
    let checked = 0
    let refused = 0
    let found = 0
    for (let round = 0; round < 3; round++) {
      const replies = await Promise.all(
        Array.from({ length: 1000 }, (_, i) => {
          const guess = String(round * 1000 + i).padStart(4, '0')
          const from = `127.10.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`
          return send(server, from, 'POST', '/join', `code=${guess}`)
        })
      )
      for (const reply of replies) {
        if (reply.status === 403) checked++
        else if (reply.status === 429) refused++
        else if (reply.status === 303) found++
      }
    }
    const seconds = (Date.now() - started) / 1000
    expect(found).toBe(0)
    expect(checked + refused).toBe(3000)
    // At most the burst plus what came back while the test ran (one every 4 s).
    expect(checked).toBeLessThanOrEqual(ALL_WRONG_CODES.burst + Math.ceil(seconds * ALL_WRONG_CODES.perSecond) + 1)
    console.log(
      `code guessing: ${checked} of 3000 guesses checked in ${seconds.toFixed(1)} s; all 10,000 codes would take ${Math.round((10_000 - ALL_WRONG_CODES.burst) / ALL_WRONG_CODES.perSecond / 3600)} h`
    )
  })

  it('a room of 30 phones, 10 of them mistyping the code once, all join', async () => {
    const { session } = sessionOnPoll()
    const server = await serve(session, { code: '4821' })
    const replies = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const from = `127.11.0.${1 + i}`
        if (i < 10) expect((await send(server, from, 'POST', '/join', 'code=4812')).status).toBe(403)
        return send(server, from, 'POST', '/join', 'code=4821')
      })
    )
    expect(replies.map((r) => r.status)).toEqual(new Array(30).fill(303))
    expect(new Set(replies.map((r) => keyOf(r.cookie!))).size).toBe(30)
  })
})

describe.skipIf(!canRun)('a hall behind one router', () => {
  it('1,000 devices behind one address can all answer at once, while requests without a device cookie from it stay limited', async () => {
    const { session, pollId, options } = sessionOnPoll()
    const server = await serve(session)
    const hall = server.address // the laptop's own address: every cookie there is its own phone (join.ts)
    const cookies: string[] = []
    for (let i = 0; i < 1000; i++) {
      // Joining in small groups, as a hall does over a minute (the join page's own budget is per address).
      if (i % 150 === 149) await new Promise((r) => setTimeout(r, 3000))
      const joined = await send(server, hall, 'GET', `/j/${server.code}`)
      expect(joined.status, `phone ${i}`).toBe(303)
      cookies.push(joined.cookie!)
    }
    const replies = await Promise.all(
      cookies.map((cookie, i) =>
        send(server, hall, 'POST', '/answer', `block=${pollId}&${pollId}=${options[i % options.length]}`, cookie)
      )
    )
    expect(replies.filter((r) => r.status === 303)).toHaveLength(1000)
    const block = session.snapshot.manifest.blocks.find((b) => b.id === pollId)!
    expect(pollResults(block, session.polls[pollId]).respondents).toBe(1000)

    // Without a device cookie, the same address keeps the tight budget: a flood of join pages is refused.
    const pages = await Promise.all(Array.from({ length: 400 }, () => send(server, hall, 'GET', '/')))
    expect(pages.filter((r) => r.status === 429).length).toBeGreaterThan(100)
  }, 60_000)
})
