import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { connect } from 'node:net'
import { resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { recordAnswer } from '../../shared/sessions/answers'
import { applyCommand } from '../../shared/sessions/commands'
import { createSession, workshopSnapshot } from '../../core/sessions/create-session'
import type { Session } from '../../shared/sessions/model'
import { pollResults } from '../../shared/sessions/results'
import { folderReader, loadWorkshop, type LoadedWorkshop } from '../../core/workshops/loader'
import type { Block } from '../../shared/workshops/schema'
import { en, vi } from './messages'
import { listInterfaces } from './network'
import { startParticipantServer, type ParticipantGateway, type ParticipantServer } from './participant-server'

/*
 * Real HTTP on 127.0.0.1 against a real Session built from the bundled workshop. The gateway applies the
 * core's own applyCommand / recordAnswer to it, like SessionService does (minus the disk).
 */

const workshopDir = resolve(__dirname, '../../../workshops/conference-briefing')
let workshop: LoadedWorkshop

/** An open-text poll, which the bundled workshop has none of, appended to the session's snapshot. */
const OPEN_POLL: Block = {
  id: 'open-thoughts',
  kind: 'poll',
  type: 'open',
  purpose: 'opinion',
  minutes: 2,
  title: { vi: 'Suy nghĩ của bạn', en: 'Your thoughts' },
  question: { vi: 'Điều gì khiến bạn lo lắng nhất?', en: 'What worries you most?' }
}

beforeAll(async () => {
  const result = await loadWorkshop(folderReader(workshopDir))
  if (!result.ok) throw new Error(`bundled workshop does not load: ${JSON.stringify(result.problems)}`)
  workshop = result.workshop
})

function buildSession(): Session {
  const snapshot = workshopSnapshot(workshop)
  const manifest = structuredClone(snapshot.manifest)
  manifest.blocks.push(structuredClone(OPEN_POLL))
  return createSession({
    id: '2025-01-01-abcdef12',
    now: new Date(),
    snapshot: { manifest, slides: snapshot.slides },
    details: { venue: 'Hà Nội', date: '2025-01-01', trainer: 'T', language: 'vi', plannedStart: '09:00' }
  })
}

/** Moves the session to a poll and opens it for phones, as the trainer would. */
function openPoll(session: Session, blockId: string): Block {
  const index = session.snapshot.manifest.blocks.findIndex((b) => b.id === blockId)
  applyCommand(session, { type: 'goto', block: index, slide: 0 }, new Date())
  applyCommand(session, { type: 'pollOpen', blockId, mode: 'phones' }, new Date())
  return session.snapshot.manifest.blocks[index]!
}

function gatewayFor(session: Session): ParticipantGateway {
  return {
    current: async () => (session.status === 'running' ? { sessionId: session.id, session } : null),
    answer: async (sessionId, input) => {
      expect(sessionId).toBe(session.id)
      return recordAnswer(session, input, new Date())
    },
    question: async () => 'closed'
  }
}

const servers: ParticipantServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function start(session: Session): Promise<ParticipantServer> {
  const server = await startParticipantServer({ address: '127.0.0.1', port: 0, gateway: gatewayFor(session) })
  servers.push(server)
  return server
}

interface Reply {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/** A raw HTTP request (node:http, so Host and Origin can be anything and redirects are not followed). */
function send(
  server: ParticipantServer,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string; cookie?: string } = {}
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.cookie) headers.cookie = options.cookie
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded'
    headers['content-length'] = String(Buffer.byteLength(options.body))
  }
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest({ host: server.address, port: server.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolvePromise({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8')
        })
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

/** Joins like a phone and returns the `rt_device=…` cookie to send back. */
async function join(server: ParticipantServer): Promise<string> {
  const reply = await send(server, 'POST', '/join', { body: `code=${server.code}` })
  expect(reply.status).toBe(303)
  const cookie = [reply.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('rt_device='))
  expect(cookie).toBeDefined()
  return cookie!.split(';')[0]!
}

function answer(server: ParticipantServer, cookie: string, fields: [string, string][], json = false): Promise<Reply> {
  return send(server, 'POST', '/answer', {
    cookie,
    body: new URLSearchParams(fields).toString(),
    headers: json ? { accept: 'application/json' } : {}
  })
}

describe('participant server', () => {
  it('joins with the right code, sets a protected device cookie and shows the open question', async () => {
    const session = buildSession()
    const block = openPoll(session, 'poll-closest-action')
    const server = await start(session)
    expect(server.code).toMatch(/^\d{4}$/)
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`)
    expect(server.joinUrl).toBe(`http://127.0.0.1:${server.port}/j/${server.code}`)

    const home = await send(server, 'GET', '/')
    expect(home.status).toBe(200)
    expect(home.body).toContain('<form method="post" action="/join">')
    expect(home.body).toContain('name="code"')
    expect(home.body).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">')

    const joined = await send(server, 'POST', '/join', { body: `code=${server.code}` })
    expect(joined.status).toBe(303)
    expect(joined.headers.location).toBe('/q')
    const setCookie = [joined.headers['set-cookie'] ?? []].flat().join('\n')
    expect(setCookie).toMatch(/rt_device=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}/)
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Strict/i)
    expect(setCookie).toMatch(/Path=\//)

    const page = await send(server, 'GET', '/q', { cookie: setCookie.split(';')[0] })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<form id="f" method="post" action="/answer"')
    expect(page.body).toContain(`<input type="hidden" name="block" value="${block.id}">`)
    expect(page.body).toContain(block.kind === 'poll' ? block.question.vi : '')
    expect(page.body.match(/type="radio" name="poll-closest-action"/g)).toHaveLength(5)

    // The QR code's address joins directly.
    const direct = await send(server, 'GET', `/j/${server.code}`)
    expect(direct.status).toBe(303)
    expect(direct.headers.location).toBe('/q')
    expect([direct.headers['set-cookie'] ?? []].flat().join()).toContain('rt_device=')
  })

  it('refuses a wrong code with the join page and 403', async () => {
    const server = await start(buildSession())
    const wrong = server.code === '0000' ? '1111' : '0000'
    for (const reply of [
      await send(server, 'POST', '/join', { body: `code=${wrong}` }),
      await send(server, 'GET', `/j/${wrong}`)
    ]) {
      expect(reply.status).toBe(403)
      expect(reply.body).toContain(vi['join.wrong'])
      expect(reply.body).toContain('action="/join"')
      expect(reply.headers['set-cookie']).toBeUndefined()
    }
    // Not joined: the question page sends the phone to the join page.
    const q = await send(server, 'GET', '/q')
    expect(q.status).toBe(303)
    expect(q.headers.location).toBe('/')
  })

  it('refuses forged and malformed device cookies', async () => {
    const session = buildSession()
    openPoll(session, 'poll-closest-action')
    const server = await start(session)
    const real = await join(server)
    const id = real.slice('rt_device='.length).split('.')[0]!
    const forged = [
      `rt_device=${id}.${'A'.repeat(22)}`, // right shape, wrong signature
      `rt_device=${'B'.repeat(22)}.${real.split('.')[1]}`, // someone else's signature
      'rt_device=garbage',
      'rt_device='
    ]
    // The real cookie answers first, so it is remembered as good: the forged ones are still each checked.
    const good = await answer(server, real, [
      ['block', 'poll-closest-action'],
      ['poll-closest-action', 'laws']
    ])
    expect(good.status).toBe(303)
    for (const cookie of forged) {
      const reply = await answer(server, cookie, [
        ['block', 'poll-closest-action'],
        ['poll-closest-action', 'laws']
      ])
      expect(reply.status).toBe(401)
      expect(reply.body).toContain(vi['join.first'])
      const json = await answer(
        server,
        cookie,
        [
          ['block', 'poll-closest-action'],
          ['poll-closest-action', 'laws']
        ],
        true
      )
      expect(json.status).toBe(401)
      expect(JSON.parse(json.body)).toMatchObject({ ok: false, reason: 'not-joined' })
    }
    expect(Object.keys(session.polls['poll-closest-action']!.answers)).toEqual([id]) // the real phone's alone
  })

  it('records answers from 20 phones, counted once each even when changed', async () => {
    const session = buildSession()
    const block = openPoll(session, 'poll-closest-action')
    const server = await start(session)
    const options = block.kind === 'poll' ? block.options!.map((o) => o.id) : []
    const cookies = await Promise.all(Array.from({ length: 20 }, () => join(server)))
    expect(new Set(cookies).size).toBe(20)

    const replies = await Promise.all(
      cookies.map((cookie, i) =>
        answer(
          server,
          cookie,
          [
            ['block', block.id],
            [block.id, options[i % options.length]!]
          ],
          true
        )
      )
    )
    for (const reply of replies) {
      expect(reply.status).toBe(200)
      expect(JSON.parse(reply.body)).toEqual({ ok: true, message: vi['answer.saved'] })
    }
    let results = pollResults(block, session.polls[block.id])
    expect(results.respondents).toBe(20)
    expect(results.counts).toEqual(options.map((key) => ({ key, count: 4 })))
    // The device key given to the core is the random id, not the signed cookie.
    const ids = cookies.map((c) => c.slice('rt_device='.length).split('.')[0])
    expect(Object.keys(session.polls[block.id]!.answers).sort()).toEqual([...ids].sort())

    // Phone 0 changes its mind twice: still one answer, now in the last option it chose.
    await answer(server, cookies[0]!, [
      ['block', block.id],
      [block.id, options[1]!]
    ])
    await answer(server, cookies[0]!, [
      ['block', block.id],
      [block.id, options[2]!]
    ])
    results = pollResults(block, session.polls[block.id])
    expect(results.respondents).toBe(20)
    expect(results.counts.find((c) => c.key === options[0])!.count).toBe(3)
    expect(results.counts.find((c) => c.key === options[2])!.count).toBe(5)

    // The page shows its current answer checked.
    const page = await send(server, 'GET', '/q', { cookie: cookies[0] })
    expect(page.body).toContain(`value="${options[2]}" checked`)
    expect(page.body.match(/ checked/g)).toHaveLength(1)
  })

  it('counts checkboxes of a multiple-choice poll as one answer per phone', async () => {
    const session = buildSession()
    const block = openPoll(session, 'poll-2019-measures')
    const server = await start(session)
    const cookie = await join(server)
    const page = await send(server, 'GET', '/q', { cookie })
    expect(page.body).toContain(`type="checkbox" name="${block.id}"`)
    const reply = await answer(server, cookie, [
      ['block', block.id],
      [block.id, 'law-policy'],
      [block.id, 'research']
    ])
    expect(reply.status).toBe(303)
    expect(session.polls[block.id]!.answers[cookie.slice(10).split('.')[0]!]!.values).toEqual({
      [block.id]: ['law-policy', 'research']
    })
  })

  it('refuses answers to a closed poll (409) and invalid options (400)', async () => {
    const session = buildSession()
    const block = openPoll(session, 'poll-closest-action')
    const server = await start(session)
    const cookie = await join(server)

    const invalid = await answer(server, cookie, [
      ['block', block.id],
      [block.id, 'not-an-option']
    ])
    expect(invalid.status).toBe(400)
    expect(invalid.body).toContain(vi['answer.invalid'])
    expect(invalid.body).toContain('action="/answer"') // the form again, to try once more
    const none = await answer(server, cookie, [['block', block.id]], true)
    expect(none.status).toBe(400)
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, reason: 'invalid' })

    applyCommand(session, { type: 'pollClose', blockId: block.id }, new Date())
    const closed = await answer(server, cookie, [
      ['block', block.id],
      [block.id, 'laws']
    ])
    expect(closed.status).toBe(409)
    expect(closed.body).toContain(vi['answer.closed'])
    expect(closed.body).toContain(vi['wait.text'])
    const closedJson = await answer(
      server,
      cookie,
      [
        ['block', block.id],
        [block.id, 'laws']
      ],
      true
    )
    expect(closedJson.status).toBe(409)
    expect(JSON.parse(closedJson.body)).toMatchObject({ ok: false, reason: 'closed' })
    expect(closed.body).not.toMatch(/at .*\.ts:\d+/) // never a stack trace
    expect(session.polls[block.id]!.answers).toEqual({})
  })

  it('answers 503 when the answer could not be saved', async () => {
    const session = buildSession()
    const block = openPoll(session, 'poll-closest-action')
    const gateway: ParticipantGateway = { ...gatewayFor(session), answer: async () => 'not-saved' }
    const server = await startParticipantServer({ address: '127.0.0.1', port: 0, gateway })
    servers.push(server)
    const cookie = await join(server)
    const reply = await answer(server, cookie, [
      ['block', block.id],
      [block.id, 'laws']
    ])
    expect(reply.status).toBe(503)
    expect(reply.body).toContain(vi['answer.notSaved'])
    const thrown: ParticipantGateway = {
      ...gateway,
      answer: async () => {
        throw new Error('disk on fire')
      }
    }
    const server2 = await startParticipantServer({ address: '127.0.0.1', port: 0, gateway: thrown })
    servers.push(server2)
    const json = await answer(
      server2,
      await join(server2),
      [
        ['block', block.id],
        [block.id, 'laws']
      ],
      true
    )
    expect(json.status).toBe(503)
    expect(json.body).not.toContain('disk on fire')

    // An unexpected failure still gives the phone's script a sentence to show, in the phone's language.
    let failing = false
    const broken: ParticipantGateway = {
      current: async () => {
        if (failing) throw new Error('index unreadable')
        return gateway.current()
      },
      answer: gateway.answer,
      question: gateway.question
    }
    const server3 = await startParticipantServer({ address: '127.0.0.1', port: 0, gateway: broken })
    servers.push(server3)
    const cookie3 = await join(server3)
    failing = true
    const failed = await answer(server3, cookie3, [['block', block.id]], true)
    expect(failed.status).toBe(500)
    expect(JSON.parse(failed.body)).toEqual({ ok: false, reason: 'error', message: vi['error.general'] })
  })

  it('escapes HTML and script in open-text answers', async () => {
    const session = buildSession()
    const block = openPoll(session, OPEN_POLL.id)
    const server = await start(session)
    const cookie = await join(server)
    const page = await send(server, 'GET', '/q', { cookie })
    expect(page.body).toContain(`<textarea name="${block.id}" maxlength="280"`)

    const evil = `<script>alert("x")</script><img src=x onerror='y'> & co`
    expect(
      (
        await answer(server, cookie, [
          ['block', block.id],
          [block.id, evil]
        ])
      ).status
    ).toBe(303)
    const after = await send(server, 'GET', '/q?saved=1', { cookie })
    expect(after.body).toContain(vi['answer.saved'])
    expect(after.body).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=&#39;y&#39;&gt; &amp; co'
    )
    expect(after.body).not.toContain('<script>alert')
    expect(after.body).not.toContain('<img')
    // The only script tag is the page's own.
    expect(after.body.match(/<script/g)).toEqual(['<script'])
    expect(after.body).toContain('<script src="/p.js"></script>')
    expect(pollResults(block, session.polls[block.id]).openAnswers.map((a) => a.text)).toEqual([evil])
  })

  it('shows quizzes as one fieldset per question with an optional participant number', async () => {
    const session = buildSession()
    const block = openPoll(session, 'pre-quiz')
    const server = await start(session)
    const cookie = await join(server)
    const page = await send(server, 'GET', '/q', { cookie })
    const questions = block.kind === 'quiz' ? block.questions! : []
    expect(page.body.match(/<fieldset>/g)).toHaveLength(questions.length)
    for (const q of questions) expect(page.body).toContain(`type="${q.multiple ? 'checkbox' : 'radio'}" name="${q.id}"`)
    expect(page.body).toContain('name="pn"')
    expect(page.body).toContain(vi['question.participantNumberHint'])

    const fields: [string, string][] = [
      ['block', block.id],
      ['pn', 'A-17'],
      [questions[0]!.id, 'b']
    ]
    expect((await answer(server, cookie, fields)).status).toBe(303)
    const stored = session.polls[block.id]!.answers[cookie.slice(10).split('.')[0]!]!
    expect(stored).toMatchObject({ participantNumber: 'A-17', values: { [questions[0]!.id]: ['b'] } })
    const again = await send(server, 'GET', '/q', { cookie })
    expect(again.body).toContain('name="pn" maxlength="12"')
    expect(again.body).toContain('value="A-17"')
    expect(again.body).toContain(`name="${questions[0]!.id}" value="b" checked`)

    const badNumber = await answer(server, cookie, [
      ['block', block.id],
      ['pn', 'Nguyễn Văn A'],
      [questions[0]!.id, 'b']
    ])
    expect(badNumber.status).toBe(400)
  })

  it('shows a rating scale with its end labels, in the language the phone picks', async () => {
    const session = buildSession()
    const block = openPoll(session, 'feedback')
    const server = await start(session)
    const cookie = await join(server)
    const page = await send(server, 'GET', '/q', { cookie })
    expect(page.body).toContain('<html lang="vi">')
    expect(page.body.match(/type="radio" name="feedback"/g)).toHaveLength(5)
    expect(page.body).toContain('1 – Không hữu ích')
    expect(page.body).toContain('5 – Rất hữu ích')

    const switched = await send(server, 'GET', '/l/en', { cookie })
    expect(switched.status).toBe(303)
    expect(switched.headers.location).toBe('/q')
    const langCookie = [switched.headers['set-cookie'] ?? []].flat()[0]!.split(';')[0]!
    const english = await send(server, 'GET', '/q', { cookie: `${cookie}; ${langCookie}` })
    expect(english.body).toContain('<html lang="en">')
    expect(english.body).toContain('5 – Very useful')
    expect(english.body).toContain(en['question.send'])
    expect(english.body).toContain('href="/l/vi"')
    expect(block.id).toBe('feedback')
  })

  it('asks phones to wait when no question is open, and /v says which question is open', async () => {
    const session = buildSession()
    const server = await start(session)
    const cookie = await join(server)
    const waiting = await send(server, 'GET', '/q', { cookie })
    expect(waiting.status).toBe(200)
    expect(waiting.body).toContain(vi['wait.text'])
    expect((await send(server, 'GET', '/v', { cookie })).body).toBe('{"block":null,"status":"none"}')
    expect((await send(server, 'GET', '/v')).status).toBe(401)

    openPoll(session, 'poll-closest-action')
    const v = await send(server, 'GET', '/v', { cookie })
    expect(v.body).toBe('{"block":"poll-closest-action","status":"open"}')
    // The page carries the same text, so the script can tell when it changes.
    const page = await send(server, 'GET', '/q', { cookie })
    expect(page.body).toContain(
      'data-v="{&quot;block&quot;:&quot;poll-closest-action&quot;,&quot;status&quot;:&quot;open&quot;}"'
    )
    applyCommand(session, { type: 'pollClose', blockId: 'poll-closest-action' }, new Date())
    expect((await send(server, 'GET', '/v', { cookie })).body).toBe('{"block":"poll-closest-action","status":"closed"}')
  })

  it('refuses bodies over 8 KB with 413', async () => {
    const session = buildSession()
    const block = openPoll(session, OPEN_POLL.id)
    const server = await start(session)
    const cookie = await join(server)
    const big = await answer(server, cookie, [
      ['block', block.id],
      [block.id, 'x'.repeat(9 * 1024)]
    ])
    expect(big.status).toBe(413)
    const bigJoin = await send(server, 'POST', '/join', { body: `code=${'1'.repeat(9000)}` })
    expect(bigJoin.status).toBe(413)
    expect(session.polls[block.id]!.answers).toEqual({})
  })

  it('counts the bytes of a body sent without a length (chunked): a small one is taken, one over 8 KB refused', async () => {
    const session = buildSession()
    const block = openPoll(session, OPEN_POLL.id)
    const server = await start(session)
    const cookie = await join(server)
    const chunked = (parts: string[]): Promise<number> =>
      new Promise((resolvePromise, reject) => {
        const req = httpRequest(
          {
            host: server.address,
            port: server.port,
            method: 'POST',
            path: '/answer',
            headers: { cookie, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' }
          },
          (res) => {
            res.resume()
            res.on('end', () => resolvePromise(res.statusCode ?? 0))
          }
        )
        req.on('error', reject)
        for (const part of parts) req.write(part)
        req.end()
      })
    expect(await chunked([`block=${block.id}&`, `${block.id}=${'x'.repeat(5 * 1024)}`, 'y'.repeat(4 * 1024)])).toBe(413)
    expect(session.polls[block.id]!.answers).toEqual({})
    expect(await chunked([`block=${block.id}&`, `${block.id}=hello`])).toBe(200)
    expect(Object.keys(session.polls[block.id]!.answers)).toHaveLength(1)
  })

  it('refuses a wrong Host (421) and a foreign Origin (403), with protective headers on every reply', async () => {
    const session = buildSession()
    openPoll(session, 'poll-closest-action')
    const server = await start(session)
    const cookie = await join(server)
    for (const host of ['evil.example', `evil.example:${server.port}`, `localhost:${server.port}`, '127.0.0.1']) {
      const reply = await send(server, 'GET', '/', { headers: { host } })
      expect(reply.status, host).toBe(421)
      expect(reply.body).toBe('')
    }
    // An absolute request target naming another site, with our own Host: the target counts, so refused too.
    for (const target of ['http://evil.example/answer', `http://evil.example:${server.port}/answer`]) {
      const reply = await send(server, 'POST', target, {
        cookie,
        body: 'block=poll-closest-action&poll-closest-action=laws'
      })
      expect(reply.status, target).toBe(421)
    }
    expect(session.polls['poll-closest-action']!.answers).toEqual({})
    // No Host at all (HTTP/1.0): refused too.
    const raw = await new Promise<string>((resolvePromise, reject) => {
      const socket = connect({ host: server.address, port: server.port }, () => socket.end('GET / HTTP/1.0\r\n\r\n'))
      let text = ''
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()))
      socket.on('end', () => resolvePromise(text))
      socket.on('error', reject)
    })
    expect(raw).toMatch(/^HTTP\/1\.[01] 421 /)
    const foreign = await send(server, 'POST', '/answer', {
      cookie,
      headers: { origin: 'http://evil.example' },
      body: 'block=poll-closest-action&poll-closest-action=laws'
    })
    expect(foreign.status).toBe(403)
    expect(
      (await send(server, 'POST', '/join', { headers: { origin: 'null' }, body: `code=${server.code}` })).status
    ).toBe(403)
    const own = await send(server, 'POST', '/answer', {
      cookie,
      headers: { origin: `http://127.0.0.1:${server.port}` },
      body: 'block=poll-closest-action&poll-closest-action=laws'
    })
    expect(own.status).toBe(303)

    const missing = await send(server, 'GET', '/nothing-here')
    expect(missing.status).toBe(404)
    for (const reply of [foreign, own, missing]) {
      expect(reply.headers['content-security-policy']).toBe(
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
      )
      expect(reply.headers['x-content-type-options']).toBe('nosniff')
      expect(reply.headers['cache-control']).toBe('no-store')
      expect(reply.headers['referrer-policy']).toBe('same-origin')
    }
    expect((await send(server, 'PUT', '/answer', { cookie, body: 'x=1' })).status).toBe(404)
    expect(
      (await send(server, 'POST', '/answer', { cookie, body: '{}', headers: { 'content-type': 'application/json' } }))
        .status
    ).toBe(415)
  })

  it('rate-limits 1,000 rapid requests from one phone and stays up', async () => {
    const session = buildSession()
    const block = openPoll(session, 'poll-closest-action')
    const server = await start(session)
    const cookie = await join(server)
    const replies = await Promise.all(
      Array.from({ length: 1000 }, () =>
        answer(
          server,
          cookie,
          [
            ['block', block.id],
            [block.id, 'laws']
          ],
          true
        )
      )
    )
    const byStatus = new Map<number, number>()
    for (const r of replies) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1)
    expect(byStatus.get(429) ?? 0).toBeGreaterThan(900)
    expect((byStatus.get(200) ?? 0) + (byStatus.get(429) ?? 0)).toBe(1000)
    expect(replies.find((r) => r.status === 429)!.headers['retry-after']).toBe('1')
    expect(pollResults(block, session.polls[block.id]).respondents).toBe(1)

    // Tokens come back: after a pause the same phone is served again.
    await new Promise((r) => setTimeout(r, 1100))
    expect((await send(server, 'GET', '/q', { cookie })).status).toBe(200)
  })

  it('keeps the question page and its script far below 25 KB gzipped', async () => {
    const session = buildSession()
    openPoll(session, 'pre-quiz') // the largest page: five questions with their options
    const server = await start(session)
    const cookie = await join(server)
    const page = await send(server, 'GET', '/q', { cookie })
    const script = await send(server, 'GET', '/p.js', { cookie })
    expect(script.status).toBe(200)
    expect(script.headers['content-type']).toContain('javascript')
    expect(Buffer.byteLength(script.body)).toBeLessThan(2048)
    const gzipped = gzipSync(page.body).length + gzipSync(script.body).length
    console.log(
      `phone question page: ${Buffer.byteLength(page.body)} B raw, ${gzipSync(page.body).length} B gzip; ` +
        `p.js ${Buffer.byteLength(script.body)} B raw, ${gzipSync(script.body).length} B gzip; total gzip ${gzipped} B`
    )
    expect(gzipped).toBeLessThan(25 * 1024)
    expect(gzipped).toBeLessThan(6 * 1024)
  })

  it('works without JavaScript: plain form posts and redirects', async () => {
    const session = buildSession()
    const block = openPoll(session, 'poll-closest-action')
    const server = await start(session)
    const base = `http://127.0.0.1:${server.port}`

    const joined = await fetch(`${base}/join`, {
      method: 'POST',
      body: new URLSearchParams({ code: server.code }),
      redirect: 'manual'
    })
    expect(joined.status).toBe(303)
    const cookie = joined.headers.getSetCookie()[0]!.split(';')[0]!
    const question = await fetch(`${base}${joined.headers.get('location')}`, { headers: { cookie } })
    expect(question.status).toBe(200)
    const html = await question.text()
    expect(html).toContain('value="parents"')

    const posted = await fetch(`${base}/answer`, {
      method: 'POST',
      headers: { cookie },
      body: new URLSearchParams([
        ['block', block.id],
        [block.id, 'parents']
      ]),
      redirect: 'manual'
    })
    expect(posted.status).toBe(303)
    expect(posted.headers.get('location')).toBe('/q?saved=1')
    const saved = await (await fetch(`${base}/q?saved=1`, { headers: { cookie } })).text()
    expect(saved).toContain(vi['answer.saved'])
    expect(saved).toContain('value="parents" checked')
    expect(pollResults(block, session.polls[block.id]).counts.find((c) => c.key === 'parents')!.count).toBe(1)
  })

  it('listens only on the address it was given', async () => {
    const server = await start(buildSession())
    expect(server.address).toBe('127.0.0.1')
    const refused = (host: string): Promise<boolean> =>
      new Promise((resolvePromise) => {
        const socket = connect({ host, port: server.port })
        socket.once('connect', () => {
          socket.destroy()
          resolvePromise(false)
        })
        socket.once('error', () => resolvePromise(true))
      })
    expect(await refused('127.0.0.1')).toBe(false)
    // Another loopback address of this machine (Linux routes all of 127/8 locally).
    if (process.platform === 'linux') expect(await refused('127.0.0.2')).toBe(true)
    for (const other of listInterfaces().filter((i) => i.address !== '127.0.0.1')) {
      expect(await refused(other.address), other.address).toBe(true)
    }
    await expect(
      startParticipantServer({ address: '0.0.0.0', port: 0, gateway: gatewayFor(buildSession()) })
    ).rejects.toThrow()
  })
})
