import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import type { ApiHandlers } from '../../core/api/dispatch'
import { createAppCore, type AppCore } from '../../core/app-core'
import type { Session } from '../../shared/sessions/model'
import type { DurableFs } from '../../core/storage/durable-json-file'
import { bundledCoreOptions, sessionDetails } from '../../testing/bundled-core'
import { expectDurableOrdering, recordingFs, type FsEvent } from '../../testing/recording-fs'
import { Phone } from '../../testing/host-process'
import { participantNetwork } from './index'
import { vi } from './messages'

/*
 * Questions from the room over real HTTP on 127.0.0.1, against a real core on a temp folder: phones ask
 * without JavaScript (plain form posts, redirects), the trainer moderates with session commands, phones
 * upvote. Linux only: each phone has its own 127.x.y.z source address, as the per-address limit expects.
 */

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

/** A running session with phones on, and a way to make joined phones; `fs` records the core's file calls. */
async function room(fs?: DurableFs) {
  const options = await bundledCoreOptions('questions')
  dataDir = options.dataDir
  core = await createAppCore({ ...options, participants: participantNetwork, ...(fs ? { fs } : {}) })
  const handlers = core.handlers
  const call: Call = (method, args) =>
    (handlers[method] as (a: unknown) => ReturnType<ApiHandlers[typeof method]>)(args)
  const session = await call('session.start', { workshopId: 'conference-briefing', details: sessionDetails() })
  const participants = await call('participants.start', { address: '127.0.0.1', port: 0 })
  const url = new URL(participants.url!)
  const phone = async (index: number): Promise<Phone> => {
    const p = new Phone(url, index, 7)
    phones.push(p)
    await p.join(participants.code!)
    return p
  }
  const onDisk = async (): Promise<Session> =>
    JSON.parse(await readFile(join(dataDir, 'sessions', `${session.id}.json`), 'utf8')).session
  const moderate = (questionId: string, action: 'approve' | 'hide' | 'answered' | 'parking') =>
    call('session.command', { id: session.id, command: { type: 'question', questionId, action } })
  return { call, session, phone, onDisk, moderate, file: join(dataDir, 'sessions', `${session.id}.json`) }
}

/** A plain form post, as a phone without JavaScript sends it (no Accept: application/json). */
const post = (phone: Phone, path: string, fields: Record<string, string>) =>
  phone.request('POST', path, new URLSearchParams(fields).toString(), {
    'Content-Type': 'application/x-www-form-urlencoded',
    Origin: phone.server.origin
  })

it.skipIf(process.platform !== 'linux')(
  'a phone without JavaScript asks a question, on disk when the reply comes; it shows only once approved',
  async () => {
    const { phone, onDisk, moderate } = await room()
    const asker = await phone(0)
    const page = await asker.request('GET', '/qa')
    expect(page.status).toBe(200)
    expect(page.body).toContain('<form method="post" action="/qa">')
    expect(page.body).toContain(vi['qa.none'])
    expect((await asker.request('GET', '/q')).body).toContain('href="/qa"')

    const sent = await post(asker, '/qa', { text: 'Làm sao nói chuyện với con về <b>an toàn</b>?' })
    expect(sent.status).toBe(303)
    expect(sent.headers.location).toBe('/qa?done=sent')
    const saved = (await onDisk()).questions
    expect(saved).toHaveLength(1)
    expect(saved[0]).toMatchObject({ status: 'new', deviceKey: asker.deviceKey })
    const after = await asker.request('GET', '/qa?done=sent')
    expect(after.body).toContain(vi['qa.sent'])
    expect(after.body).toContain(vi['qa.waiting'].replace('{count}', '1'))
    expect(after.body).not.toContain('an toàn')

    await moderate(saved[0]!.id, 'approve')
    const approved = await (await phone(1)).request('GET', '/qa')
    expect((await asker.request('GET', '/qa')).body).not.toContain(vi['qa.waiting'].slice(0, 20))
    // Escaped, never markup; and nothing about who asked.
    expect(approved.body).toContain('Làm sao nói chuyện với con về &lt;b&gt;an toàn&lt;/b&gt;?')
    expect(approved.body).not.toContain(asker.deviceKey)
  },
  30_000
)

it.skipIf(process.platform !== 'linux')(
  'phones upvote an approved question once each, a second press takes the vote back; hidden ones never show',
  async () => {
    const { phone, onDisk, moderate } = await room()
    const asker = await phone(0)
    await post(asker, '/qa', { text: 'Câu hỏi được duyệt' })
    await post(asker, '/qa', { text: 'Câu hỏi có tên một em nhỏ' })
    const [kept, hidden] = (await onDisk()).questions
    await moderate(kept!.id, 'approve')
    await moderate(hidden!.id, 'hide')

    const voters = await Promise.all([phone(1), phone(2)])
    for (const voter of voters) {
      const reply = await post(voter, '/qa/vote', { id: kept!.id })
      expect(reply.status).toBe(303)
      expect(reply.headers.location).toBe('/qa?done=voted')
    }
    expect((await onDisk()).questions[0]!.votes).toHaveLength(2)
    const page = await voters[0]!.request('GET', '/qa')
    expect(page.body).toContain(vi['qa.votes'].replace('{count}', '2'))
    expect(page.body).toContain('aria-pressed="true"')
    expect(page.body).not.toContain('một em nhỏ')

    await post(voters[0]!, '/qa/vote', { id: kept!.id })
    expect((await onDisk()).questions[0]!.votes).toEqual([voters[1]!.deviceKey])
    // A hidden question takes no votes, and the refusal says so.
    const refused = await post(voters[0]!, '/qa/vote', { id: hidden!.id })
    expect(refused.status).toBe(409)
    expect(refused.body).toContain(vi['qa.noQuestion'])
    expect(refused.body).not.toContain('một em nhỏ')
  },
  30_000
)

it.skipIf(process.platform !== 'linux')(
  'refuses garbage, strangers, other content types, and a sixth question within 10 minutes',
  async () => {
    const { phone, onDisk, call, session } = await room()
    const asker = await phone(0)
    const json = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' }
    const empty = await asker.request('POST', '/qa', 'text=%20%20', json)
    expect(empty.status).toBe(400)
    expect(JSON.parse(empty.body)).toMatchObject({ ok: false, reason: 'invalid', message: vi['qa.invalid'] })
    expect((await asker.request('POST', '/qa', `text=${'x'.repeat(281)}`, json)).status).toBe(400)
    expect((await asker.request('POST', '/qa/vote', 'id=__proto__', json)).status).toBe(409)
    expect((await asker.request('POST', '/qa', '{"text":"hi"}', { 'Content-Type': 'application/json' })).status).toBe(
      415
    )
    expect((await asker.request('POST', '/qa', `text=${'y'.repeat(9000)}`, json)).status).toBe(413)
    const stranger = new Phone(asker.server, 9, 7)
    phones.push(stranger)
    expect((await post(stranger, '/qa', { text: 'Xin chào' })).status).toBe(401)
    expect((await stranger.request('GET', '/qa')).headers.location).toBe('/')

    for (let i = 0; i < 5; i++) expect((await post(asker, '/qa', { text: `Câu ${i}` })).status).toBe(303)
    const sixth = await post(asker, '/qa', { text: 'Câu thứ sáu' })
    expect(sixth.status).toBe(429)
    expect(sixth.body).toContain(vi['qa.tooMany'])
    expect((await post(await phone(1), '/qa', { text: 'Máy khác vẫn gửi được' })).status).toBe(303)
    expect((await onDisk()).questions.map((q) => q.text)).not.toContain('Câu thứ sáu')

    // Paused: questions wait for the session to run again.
    await call('session.command', { id: session.id, command: { type: 'status', status: 'paused' } })
    const paused = await post(await phone(2), '/qa', { text: 'Câu hỏi lúc tạm dừng' })
    expect(paused.status).toBe(409)
    expect(paused.body).toContain(vi['qa.closed'])
    expect((await onDisk()).questions).toHaveLength(6)
  },
  30_000
)

it.skipIf(process.platform !== 'linux')(
  'the per-device request limit answers a flood of questions with 429 before any reaches the session',
  async () => {
    const { phone, onDisk } = await room()
    const flooder = await phone(0)
    const replies = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        flooder.request('POST', '/qa/vote', `id=q${i}`, {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json'
        })
      )
    )
    const statuses = replies.map((r) => r.status)
    expect(statuses).toContain(429)
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20)
    expect((await onDisk()).questions).toEqual([])
  },
  30_000
)

it.skipIf(process.platform !== 'linux')(
  'replies to a phone only after its question is fsynced in the session file (10 phones at once)',
  async () => {
    const events: FsEvent[] = []
    const { phone, file } = await room(recordingFs(events))
    const phones = await Promise.all(Array.from({ length: 10 }, (_, i) => phone(i)))
    const acknowledged: string[] = []
    await Promise.all(
      phones.map(async (p, i) => {
        const text = `Câu hỏi số ${i}`
        p.onReplyStarted = (status) => {
          if (status !== 303) return
          events.push({ op: 'resolved', write: acknowledged.length })
          acknowledged.push(text)
        }
        expect((await post(p, '/qa', { text })).status).toBe(303)
      })
    )
    expect(acknowledged).toHaveLength(10)
    expectDurableOrdering(events, file, (content, write) =>
      JSON.parse(content).session.questions.some((q: { text: string }) => q.text === acknowledged[write])
    )
  },
  30_000
)
