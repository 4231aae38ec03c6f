import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import type { ApiHandlers } from '../../core/api/dispatch'
import { createAppCore, type AppCore } from '../../core/app-core'
import { expectDurableOrdering, recordingFs, type FsEvent } from '../../testing/recording-fs'
import { Phone } from '../../testing/host-process'
import { participantNetwork } from './index'

/*
 * The phone-answer path end to end, in one process so one trace sees both sides: a phone's HTTP POST
 * /answer → participant server → core → the session file written, fsynced, renamed, folder fsynced
 * (recorded by the fs layer the core runs on) → only then the HTTP reply reaches the phone (recorded
 * by the phone the moment its status line arrives). An fs layer rather than strace: it needs nothing
 * installed and tells which answers each commit carried. (Linux only: each phone has its own
 * 127.x.y.z source address, as the per-address rate limit expects.)
 */

let core: AppCore | null = null
let dataDir = ''
afterEach(async () => {
  await core?.close()
  core = null
  await rm(dataDir, { recursive: true, force: true })
})

type Call = <M extends keyof ApiHandlers>(method: M, args: Parameters<ApiHandlers[M]>[0]) => ReturnType<ApiHandlers[M]>

it.skipIf(process.platform !== 'linux')(
  'replies to a phone only after its answer is fsynced in the session file (30 phones, 3 answers each)',
  async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'roundtable-answer-fsync-'))
    const events: FsEvent[] = []
    core = await createAppCore({
      dataDir,
      workshopsDir: resolve(__dirname, '../../../workshops'),
      host: 'browser',
      version: '0.0.0-test',
      fs: recordingFs(events),
      participants: participantNetwork
    })
    const handlers = core.handlers
    const call: Call = (method, args) =>
      (handlers[method] as (a: unknown) => ReturnType<ApiHandlers[typeof method]>)(args)
    const session = await call('session.start', {
      workshopId: 'conference-briefing',
      details: { venue: 'Hội trường', date: '2026-03-01', trainer: 'Lan', language: 'vi', plannedStart: '08:30' }
    })
    const blocks = session.snapshot.manifest.blocks
    const index = blocks.findIndex((b) => b.kind === 'poll' && b.type === 'single')
    const poll = blocks[index]!
    const options = poll.kind === 'poll' ? (poll.options ?? []).map((o) => o.id) : []
    expect(options.length).toBeGreaterThan(1)
    await call('session.command', { id: session.id, command: { type: 'goto', block: index, slide: 0 } })
    await call('session.command', { id: session.id, command: { type: 'pollOpen', blockId: poll.id, mode: 'phones' } })
    const participants = await call('participants.start', { address: '127.0.0.1', port: 0 })
    const url = new URL(participants.url!)

    const acknowledged: { device: string; option: string }[] = []
    const phones = Array.from({ length: 30 }, (_, i) => new Phone(url, i))
    await Promise.all(
      phones.map(async (phone, i) => {
        await phone.join(participants.code!)
        // Three different answers in a row, so each acknowledgement can be told apart on disk.
        for (let n = 0; n < 3; n++) {
          const option = options[(i + n) % options.length]!
          phone.onReplyStarted = (status) => {
            if (status !== 200) return
            events.push({ op: 'resolved', write: acknowledged.length })
            acknowledged.push({ device: phone.deviceKey, option })
          }
          const reply = await phone.answer(poll.id, { [poll.id]: option })
          expect(reply.status, reply.body).toBe(200)
        }
        phone.close()
      })
    )
    expect(acknowledged).toHaveLength(90)

    const sessionFile = join(dataDir, 'sessions', `${session.id}.json`)
    const commits = events.filter((e) => e.op === 'rename' && e.to === sessionFile).length
    expectDurableOrdering(events, sessionFile, (content, write) => {
      const { device, option } = acknowledged[write]!
      return JSON.parse(content).session.polls[poll.id].answers[device]?.values[poll.id]?.[0] === option
    })
    // Group commit: a burst takes fewer disk commits than answers, and still each reply waits for its own.
    console.log(`90 answers acknowledged after ${commits} fsynced commits of the session file`)
  },
  30_000
)

it('the ordering check catches a reply sent before the fsync', () => {
  const file = '/data/sessions/s.json'
  const temp = '/data/sessions/.s.json.1.1.tmp'
  const trace = (replyAt: number): FsEvent[] => {
    const events: FsEvent[] = [
      { op: 'open', path: temp },
      { op: 'writeFile', path: temp },
      { op: 'sync', path: temp },
      { op: 'close', path: temp },
      { op: 'rename', from: temp, to: file, content: '{"answer":"a"}' },
      { op: 'open', path: '/data/sessions' },
      { op: 'sync', path: '/data/sessions' },
      { op: 'close', path: '/data/sessions' }
    ]
    events.splice(replyAt, 0, { op: 'resolved', write: 0 })
    return events
  }
  const carries = (content: string): boolean => content.includes('"a"')
  expect(() => expectDurableOrdering(trace(8), file, carries)).not.toThrow()
  for (const early of [0, 3, 5, 6]) expect(() => expectDurableOrdering(trace(early), file, carries)).toThrow()
})
