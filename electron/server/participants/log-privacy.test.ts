import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import type { ApiHandlers } from '../../core/api/dispatch'
import { createAppCore, type AppCore } from '../../core/app-core'
import { captureConsole, LogFile } from '../../core/logging/log-file'
import { bundledCoreOptions, sessionDetails } from '../../testing/bundled-core'
import { Phone } from '../../testing/host-process'
import { participantNetwork } from './index'

/*
 * The local log never holds participant data: a whole session with phones (join code, device keys,
 * answers, questions from the room typed by people) runs through a real core and a real participant
 * server on 127.0.0.1, with console.error/warn copied into the log as the hosts do, and the log is then
 * searched for every one of those values. (Linux only: each phone has its own 127.x.y.z address.)
 */

let core: AppCore | null = null
let dataDir = ''
const phones: Phone[] = []
let restoreConsole = (): void => undefined
afterEach(async () => {
  restoreConsole()
  for (const phone of phones.splice(0)) phone.close()
  await core?.close()
  core = null
  await rm(dataDir, { recursive: true, force: true })
})

type Call = <M extends keyof ApiHandlers>(method: M, args: Parameters<ApiHandlers[M]>[0]) => ReturnType<ApiHandlers[M]>

it.skipIf(process.platform !== 'linux')(
  'a session with phone answers and questions leaves its events in the log but none of the answers, keys or codes',
  async () => {
    const options = await bundledCoreOptions('log-privacy')
    dataDir = options.dataDir
    const log = new LogFile({ dataDir })
    restoreConsole = captureConsole(log)
    core = await createAppCore({ ...options, participants: participantNetwork, log })
    const handlers = core.handlers
    const call: Call = (method, args) =>
      (handlers[method] as (a: unknown) => ReturnType<ApiHandlers[typeof method]>)(args)
    const trainer = 'Nguyễn Thị Hoa Mai'
    const session = await call('session.start', {
      workshopId: 'conference-briefing',
      details: sessionDetails({ trainer, venue: 'Nhà văn hoá thôn Đông' })
    })
    const blocks = session.snapshot.manifest.blocks
    const index = blocks.findIndex((b) => b.kind === 'poll' && b.type === 'single')
    const poll = blocks[index]!
    const optionIds = poll.kind === 'poll' ? (poll.options ?? []).map((o) => o.id) : []
    await call('session.command', { id: session.id, command: { type: 'goto', block: index, slide: 0 } })
    await call('session.command', { id: session.id, command: { type: 'pollOpen', blockId: poll.id, mode: 'phones' } })
    const participants = await call('participants.start', { address: '127.0.0.1', port: 0 })
    const url = new URL(participants.url!)

    const questions = ['Con tôi bị bắt nạt ở trường thì làm gì?', 'Who can I call about my neighbour Hùng?']
    for (let i = 0; i < 4; i++) {
      const phone = new Phone(url, i, 9)
      phones.push(phone)
      await phone.join(participants.code!)
      expect((await phone.answer(poll.id, { [poll.id]: optionIds[i % optionIds.length]! })).status).toBe(200)
      const question = questions[i % 2]!
      const asked = await phone.request('POST', '/qa', new URLSearchParams({ text: question }).toString(), {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: phone.server.origin
      })
      expect(asked.status).toBe(303)
    }
    // A refused command is the trainer's slip, not an error of the app: not logged.
    await expect(
      call('session.command', { id: session.id, command: { type: 'goto', block: 999, slide: 0 } })
    ).rejects.toThrow()
    await call('participants.stop', {})
    await call('session.command', { id: session.id, command: { type: 'status', status: 'finished' } })
    await core.close()
    core = null

    const files = await readdir(join(dataDir, 'logs'))
    const text = (await Promise.all(files.map((f) => readFile(join(dataDir, 'logs', f), 'utf8')))).join('')
    // What support needs is there…
    expect(text).toMatch(/ INFO start host=browser version=0\.0\.0-test/)
    expect(text).toContain(`INFO session id=${session.id} status=running`)
    expect(text).toContain('INFO phones-on address=127.0.0.1')
    expect(text).toContain('INFO phones-off')
    expect(text).toContain(`INFO session id=${session.id} status=finished`)
    expect(text).toMatch(/ INFO stop/)
    expect(text).not.toContain(' ERROR ')
    // …and nothing a person typed or that identifies a phone or lets one in.
    const secrets = [
      participants.code!,
      ...phones.map((p) => p.deviceKey),
      ...phones.map((p) => decodeURIComponent(p.cookie!)),
      ...questions,
      'bắt nạt',
      'Hùng',
      trainer,
      'Nhà văn hoá'
    ]
    for (const secret of secrets) expect(text, secret).not.toContain(secret)
    expect(phones.every((p) => p.deviceKey.length >= 8)).toBe(true)
  }
)
