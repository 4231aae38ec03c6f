import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  dataFiles,
  dataFolder,
  hostBuilt,
  hostScript,
  killAndWait,
  pause,
  Phone,
  root,
  sessionWithPhonePoll,
  startHost,
  startParticipants,
  stopHostsAndCleanUp,
  until,
  type Json,
  type RunningHost
} from './host-process-testing'

/**
 * Participants' phones against the real host process (out/main/browser-host.js): power cuts in the
 * middle of a room answering at once, and a flood of hostile requests while real phones answer.
 */
afterEach(stopHostsAndCleanUp)

/** What one phone knows about its own answer: the last one the server acknowledged, and one in flight. */
interface PhoneAnswer {
  phone: Phone
  acknowledged: string | null
  inFlight: string | null
}

/** The session as it is on disk right now (every file must parse; a crash may not leave a torn one). */
async function sessionOnDisk(dataDir: string, sessionId: string): Promise<Json> {
  return JSON.parse(await readFile(join(dataDir, 'sessions', `${sessionId}.json`), 'utf8')).session
}

/** After a restart: the session resumes as it was on disk, with the poll still open for phones. */
async function expectResumed(host: RunningHost, sessionId: string, pollId: string, onDisk: Json): Promise<void> {
  const info = await host.call('app.info')
  expect(info.result.notices, 'a clean crash needs no repair').toEqual([])
  const session = await host.call('session.get', { id: sessionId })
  expect(session.ok, JSON.stringify(session.error)).toBe(true)
  expect(session.result.status).toBe('running')
  expect(session.result.position).toEqual(onDisk.position)
  expect(session.result.polls[pollId]).toMatchObject({ status: 'open', mode: 'phones' })
  expect(session.result.polls[pollId].answers).toEqual(onDisk.polls[pollId].answers)
}

describe.skipIf(!hostBuilt)(`phones and the host process (${relative(root, hostScript)})`, () => {
  it('kill -9 at a random moment of a 300-phone answer burst, 20 rounds: every acknowledged answer is on disk and the session resumes', async () => {
    const dataDir = await dataFolder('phones-kill')
    const PHONES = 300
    let sessionId = ''
    let poll: Json = null
    let onDisk: Json = null
    const rounds: string[] = []

    for (let round = 0; round < 20; round++) {
      const host = await startHost(dataDir)
      if (round === 0) ({ sessionId, poll } = await sessionWithPhonePoll(host))
      else await expectResumed(host, sessionId, poll.id, onDisk)
      const answersBefore: Record<string, Json> = onDisk?.polls[poll.id].answers ?? {}
      // Device keys are signed with a per-run secret: after a restart, phones join again.
      const { url, code } = await startParticipants(host)
      const options = (poll.options as { id: string }[]).map((o) => o.id)

      const phones: PhoneAnswer[] = Array.from({ length: PHONES }, (_, i) => ({
        phone: new Phone(url, i),
        acknowledged: null,
        inFlight: null
      }))
      let running = true
      let acknowledgedThisRound = 0
      const burst = phones.map(async (state) => {
        try {
          await state.phone.join(code)
        } catch (error) {
          if (running) throw error
          return
        }
        // Each phone changes its mind as fast as a person could tap, inside its rate limit.
        while (running) {
          const option = options[Math.floor(Math.random() * options.length)]!
          state.inFlight = option
          try {
            const reply = await state.phone.answer(poll.id, { [poll.id]: option })
            expect(reply.status, reply.body).toBe(200)
            state.acknowledged = option
            state.inFlight = null
            acknowledgedThisRound++
          } catch (error) {
            if (running) throw error // a failure before the kill is a real one
            return // the host died with this answer in flight
          }
          await pause(60 + Math.random() * 60)
        }
      })

      expect(await until(() => acknowledgedThisRound > 0, 15_000), host.output()).toBe(true)
      await pause(Math.random() * 400)
      running = false
      await killAndWait(host.child)
      await Promise.all(burst)
      phones.forEach((p) => p.phone.close())

      for (const file of await dataFiles(dataDir)) {
        const text = await readFile(file, 'utf8')
        expect(() => JSON.parse(text), `${file} after round ${round}`).not.toThrow()
      }
      expect((await readdir(join(dataDir, 'sessions'))).filter((n) => n.includes('.corrupt-'))).toEqual([])
      onDisk = await sessionOnDisk(dataDir, sessionId)
      const answers: Record<string, Json> = onDisk.polls[poll.id].answers
      // Earlier rounds' phones are gone: their answers stay exactly as they were.
      for (const [device, answer] of Object.entries(answersBefore)) expect(answers[device]).toEqual(answer)
      let acknowledgedPhones = 0
      for (const { phone, acknowledged, inFlight } of phones) {
        if (!phone.cookie) continue
        const stored = answers[phone.deviceKey]?.values[poll.id]?.[0] ?? null
        if (acknowledged) acknowledgedPhones++
        // The last acknowledged answer, or the one sent after it that may have been saved just before the kill.
        expect([acknowledged, inFlight], `round ${round}, device ${phone.deviceKey}`).toContain(stored)
        if (inFlight === null) expect(stored, `round ${round}, device ${phone.deviceKey}`).toBe(acknowledged)
      }
      const count = Object.keys(answers).length
      expect(count).toBeGreaterThanOrEqual(Object.keys(answersBefore).length + acknowledgedPhones)
      rounds.push(
        `round ${round}: ${acknowledgedThisRound} answers acknowledged from ${acknowledgedPhones} phones, ${count} on disk`
      )
    }

    // The last restart: everything acknowledged in 20 crashes is there and the poll still runs.
    const host = await startHost(dataDir)
    await expectResumed(host, sessionId, poll.id, onDisk)
    // The kills landed inside the bursts, not before them: most rounds had many phones acknowledged.
    const busy = rounds.filter((r) => Number(/from (\d+) phones/.exec(r)![1]) >= 50)
    expect(busy.length, rounds.join('\n')).toBeGreaterThan(5)
    console.log(rounds.join('\n'))
  }, 180_000)
})
