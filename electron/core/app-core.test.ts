import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { API_METHODS, type ApiEvent } from './api/contract'
import type { AppContext } from './app-context'
import { createAppCore } from './app-core'
import { appHandlers } from './app-handlers'
import { editingHandlers } from './library/editing-handlers'
import { NoticeBoard } from './notice-board'
import { participantHandlers } from './phones/participant-handlers'
import { programmeHandlers } from './programme/programme-handlers'
import { remoteHandlers } from './phones/remote-handlers'
import { reportHandlers } from './reports/report-handlers'
import { sessionHandlers } from './sessions/session-handlers'
import { summaryHandlers } from './summaries/summary-handlers'
import { workshopHandlers } from './workshops/workshop-handlers'

const features = {
  appHandlers,
  workshopHandlers,
  editingHandlers,
  sessionHandlers,
  participantHandlers,
  remoteHandlers,
  summaryHandlers,
  reportHandlers,
  programmeHandlers
}

describe('the app core joins one handler map per feature', () => {
  it('answers each API method from exactly one feature module (a spread never silently replaces another)', () => {
    // Building a feature's map only reads the context, so an empty one is enough to list its methods.
    const context = {} as AppContext
    const owners = new Map<string, string[]>()
    for (const [name, feature] of Object.entries(features)) {
      for (const method of Object.keys(feature(context))) owners.set(method, [...(owners.get(method) ?? []), name])
    }
    const shared = [...owners].filter(([, names]) => names.length > 1)
    expect(shared, 'methods defined by two features').toEqual([])
    expect([...owners.keys()].sort()).toEqual([...API_METHODS].sort())
  })

  it('a real core has a handler for every method of the contract, and nothing else', async () => {
    const core = await createAppCore({
      dataDir: await mkdtemp(join(tmpdir(), 'roundtable-app-core-')),
      workshopsDir: resolve(__dirname, '../../workshops'),
      host: 'browser',
      version: '0.0.0-test'
    })
    try {
      expect(Object.keys(core.handlers).sort()).toEqual([...API_METHODS].sort())
      expect((await core.handlers['app.info']({})).version).toBe('0.0.0-test')
    } finally {
      await core.close()
    }
  })
})

describe('storage notices', () => {
  it('a save that works again clears that file’s failed saves, and every change reaches the windows', () => {
    const events: ApiEvent[] = []
    const board = new NoticeBoard((event) => events.push(event))
    board.record({ kind: 'save-failed', file: 'library.json' })
    board.record({ kind: 'save-failed', file: 'sessions/a.json' })
    board.record({ kind: 'save-recovered', file: 'library.json' })
    expect(board.list().map((n) => [n.kind, n.file])).toEqual([
      ['save-failed', 'sessions/a.json'],
      ['save-recovered', 'library.json']
    ])
    expect(events).toHaveLength(3)
    expect(board.dismiss(board.list()[0]!.id).map((n) => n.kind)).toEqual(['save-recovered'])
    expect(events.at(-1)).toEqual({ type: 'notices', notices: board.list() })
  })
})
