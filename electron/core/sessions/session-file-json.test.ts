import { describe, expect, it } from 'vitest'
import { bundledSnapshot } from '../../testing/bundled-snapshot'
import { SESSION_SCHEMA_VERSION, type SessionFile } from '../../shared/sessions/model'
import { createSession } from './create-session'
import { parseSessionFile } from './session-service'
import { stringifySessionFile } from './session-file-json'

async function sessionFile(): Promise<SessionFile> {
  const session = createSession({
    id: 's-json',
    now: new Date('2026-12-03T09:00:00Z'),
    snapshot: await bundledSnapshot(),
    details: { venue: 'Huế', date: '2026-12-03', trainer: 'T', language: 'vi', plannedStart: '09:00' }
  })
  return { schemaVersion: SESSION_SCHEMA_VERSION, session }
}

describe('the session file as JSON', () => {
  it('reads back as exactly what JSON.stringify gives, with "$&" and quotes in user text kept as written', async () => {
    const file = await sessionFile()
    file.session.parkingLot.push({ id: 'p1', text: 'giá $& và $1 "trích" \\ </script>', at: '2026-12-03T09:01:00Z' })
    const text = stringifySessionFile(file)
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(file)))
    expect(parseSessionFile(JSON.parse(text))).toEqual(file)
  })

  it('carries every later change of the session beside the same snapshot text', async () => {
    const file = await sessionFile()
    const first = stringifySessionFile(file)
    file.session.closingRemarks = 'Cảm ơn'
    const second = stringifySessionFile(file)
    expect(JSON.parse(second).session.closingRemarks).toBe('Cảm ơn')
    const snapshotText = JSON.stringify(file.session.snapshot)
    expect(first.includes(snapshotText) && second.includes(snapshotText)).toBe(true)
  })

  it('writes a file without a session (a brand-new store) as plain JSON', () => {
    const empty = { schemaVersion: SESSION_SCHEMA_VERSION } as SessionFile
    expect(stringifySessionFile(empty)).toBe(JSON.stringify(empty))
  })
})
