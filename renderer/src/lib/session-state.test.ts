import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore } from '../../test/core-client'
import { Api } from './api/api.svelte'
import { PaperEntryState } from './paper-entry.svelte'
import { SessionState } from './session-state.svelte'

// BroadcastChannel is global in Node too: the state posts to audience windows as in a browser.
const details = {
  venue: 'Hội trường',
  date: '2026-12-03',
  trainer: 'Lan',
  language: 'vi' as const,
  plannedStart: '08:00'
}

let test: TestCore
let api: Api
let state: SessionState
beforeEach(async () => {
  test = await startTestCore()
  api = new Api(test.client)
  state = new SessionState(api)
})
afterEach(async () => {
  state.dispose()
  await test.close()
})

async function startSession(): Promise<string> {
  const session = await api.call('session.start', { workshopId: 'parents-teachers-online-safety', details })
  return session!.id
}

describe('the presenter session state', () => {
  it('loads the session with its workshop and follows the commands it sends', async () => {
    await state.load(await startSession())
    expect(state.blocks.length).toBeGreaterThan(1)
    expect(state.live?.position).toEqual({ block: 0, slide: 0 })
    expect(await state.apply({ type: 'goto', block: 1, slide: 0 })).toBe(true)
    expect(state.live?.position.block).toBe(1)
    expect(state.block?.id).toBe(state.blocks[1]!.id)
    expect(state.unsaved).toBe(false)
  })

  it('follows a command another window sent, through the core event', async () => {
    const id = await startSession()
    await state.load(id)
    await test.client.call('session.command', { id, command: { type: 'goto', block: 2, slide: 0 } })
    expect(state.live?.position.block).toBe(2)
  })

  it('keeps the core state and a message when the core refuses a command', async () => {
    await state.load(await startSession())
    const before = state.live
    expect(await state.apply({ type: 'pollClose', blockId: 'no-such-block' })).toBe(false)
    expect(api.error?.key).toBe('app.error.api')
    expect(state.live?.position).toEqual(before?.position)
  })

  it('says it failed when the session cannot be opened', async () => {
    await state.load('2026-12-03-missing')
    expect(state.failed).toBe(true)
    expect(state.session()).toBeNull()
  })
})

describe('typing paper sheets in, against a real session', () => {
  function type(entry: PaperEntryState, keys: string[]): void {
    for (const key of keys) entry.press(key, { shift: false, ctrl: false })
  }

  it('saves a typed row as a paper sheet, lists it scored, and Ctrl+Z takes it back', async () => {
    await state.load(await startSession())
    const entry = new PaperEntryState({ session: () => state.session(), send: (command) => state.apply(command) })
    const quiz = entry.paper!
    expect(quiz.block.kind).toBe('quiz')
    // Number 7, Enter, then the first option of every question (Space closes a multiple-answer one).
    type(entry, ['7', 'Enter', ...quiz.questions.flatMap((q) => (q.multiple ? ['a', ' '] : ['a'])), 'Enter'])
    await expect.poll(() => entry.lastSaved).toBe('7')
    expect(entry.sending).toBe(0)
    const row = entry.rows[0]!
    expect(row).toMatchObject({ number: '7', source: 'paper', phoneLetters: null })
    expect(row.letters).toEqual(quiz.questions.map(() => 'A'))
    expect(row.correct).toBeGreaterThanOrEqual(0)
    expect(state.session()!.polls[quiz.block.id]!.sheets['7']!.source).toBe('paper')

    expect(entry.canUndo).toBe(true)
    await entry.undo()
    expect(entry.rows).toEqual([])
    expect(entry.message?.text.key).toBe('paper.undone.removed')
  })

  it('asks before replacing a number already typed', async () => {
    await state.load(await startSession())
    const entry = new PaperEntryState({ session: () => state.session(), send: (command) => state.apply(command) })
    const row = ['3', 'Enter', ...entry.questions.flatMap((q) => (q.multiple ? ['b', ' '] : ['b'])), 'Enter']
    type(entry, row)
    await expect.poll(() => entry.lastSaved).toBe('3')
    type(entry, ['3', 'Enter'])
    expect(entry.message?.kind).toBe('ask')
    expect(entry.message?.text.key).toBe('paper.ask.replace')
  })
})
