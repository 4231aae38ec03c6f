import { request as httpRequest } from 'node:http'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createSession } from '../../core/sessions/create-session'
import { bundledSnapshot } from '../../testing/bundled-snapshot'
import { recordAnswer } from '../../shared/sessions/answers'
import { applyCommand } from '../../shared/sessions/commands'
import type { Session, WorkshopSnapshot } from '../../shared/sessions/model'
import { PROGRESSIVE_SCRIPT } from './client-script'
import { startParticipantServer, type ParticipantServer } from './participant-server'

/*
 * "Choose up to three" on the phones, real HTTP on 127.0.0.1: the page says the limit and carries it for
 * the script; without JavaScript the server refuses a fourth choice with a sentence and keeps the form as sent.
 */
const POLL = 'poll-priorities'
let snapshot: WorkshopSnapshot
const servers: ParticipantServer[] = []

beforeAll(async () => {
  snapshot = await bundledSnapshot('community-response-online-exploitation')
})
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function serveOpenPoll(): Promise<{ session: Session; server: ParticipantServer }> {
  const session = createSession({
    id: '2026-12-03-phones01',
    now: new Date(),
    snapshot,
    details: { venue: 'Huế', date: '2026-12-03', trainer: 'T', language: 'vi', plannedStart: '09:00' }
  })
  applyCommand(
    session,
    { type: 'goto', block: snapshot.manifest.blocks.findIndex((b) => b.id === POLL), slide: 0 },
    new Date()
  )
  applyCommand(session, { type: 'pollOpen', blockId: POLL, mode: 'phones' }, new Date())
  const server = await startParticipantServer({
    address: '127.0.0.1',
    port: 0,
    gateway: {
      current: async () => ({ sessionId: session.id, session }),
      answer: async (_id, input) => recordAnswer(session, input, new Date()),
      question: async () => null
    }
  })
  servers.push(server)
  return { session, server }
}

function send(
  server: ParticipantServer,
  method: string,
  path: string,
  options: { cookie?: string; body?: string; json?: boolean } = {}
): Promise<{ status: number; body: string; cookie: string | null }> {
  const headers: Record<string, string> = {}
  if (options.cookie) headers.cookie = options.cookie
  if (options.json) headers.accept = 'application/json'
  if (options.body !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded'
    headers['content-length'] = String(Buffer.byteLength(options.body))
  }
  return new Promise((done, fail) => {
    const req = httpRequest({ host: server.address, port: server.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const set = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('rt_device='))
        done({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          cookie: set?.split(';')[0] ?? null
        })
      })
    })
    req.on('error', fail)
    req.end(options.body)
  })
}

const form = (choices: string[]): string =>
  new URLSearchParams([['block', POLL], ...choices.map((c): [string, string] => [POLL, c])]).toString()

describe('a poll with a choice limit on the phones', () => {
  it('the question page says "up to 3" and marks the question for the script that greys out further boxes', async () => {
    const { server } = await serveOpenPoll()
    const cookie = (await send(server, 'POST', '/join', { body: `code=${server.code}` })).cookie!
    const page = await send(server, 'GET', '/q', { cookie })
    expect(page.body).toContain('Chọn tối đa 3 đáp án.')
    expect(page.body).toMatch(/<form id="f" [^>]*data-max="3">/)
    expect(PROGRESSIVE_SCRIPT).toContain("getAttribute('data-max')")
  })

  it('without JavaScript a fourth choice is refused with a clear sentence and the form comes back as sent', async () => {
    const { session, server } = await serveOpenPoll()
    const cookie = (await send(server, 'POST', '/join', { body: `code=${server.code}` })).cookie!
    const four = ['laws', 'parents', 'services', 'training']
    const refused = await send(server, 'POST', '/answer', { cookie, body: form(four) })
    expect(refused.status).toBe(400)
    expect(refused.body).toContain('câu này nhận tối đa 3 lựa chọn')
    for (const id of four) expect(refused.body).toMatch(new RegExp(`value="${id}" checked`))
    expect(refused.body).not.toMatch(/value="cooperation" checked/)
    expect(session.polls[POLL]!.answers).toEqual({})

    const taken = await send(server, 'POST', '/answer', { cookie, body: form(four.slice(0, 3)) })
    expect(taken.status).toBe(303)
    expect(Object.values(session.polls[POLL]!.answers)[0]!.values[POLL]).toEqual(four.slice(0, 3))
  })

  it('the script gets the refusal as JSON with the sentence naming the limit', async () => {
    const { server } = await serveOpenPoll()
    const cookie = (await send(server, 'POST', '/join', { body: `code=${server.code}` })).cookie!
    const reply = await send(server, 'POST', '/answer', {
      cookie,
      json: true,
      body: form(['laws', 'parents', 'services', 'training'])
    })
    expect(reply.status).toBe(400)
    expect(JSON.parse(reply.body)).toMatchObject({
      ok: false,
      reason: 'too-many',
      message: expect.stringContaining('tối đa 3')
    })
  })
})
