import { beforeAll, describe, expect, it } from 'vitest'
import { createSession } from '../../core/sessions/create-session'
import { bundledSnapshot } from '../../testing/bundled-snapshot'
import { recordAnswer } from './answers'
import { handsOverLimit } from './choice-limit'
import { applyCommand, CommandError } from './commands'
import type { Session, WorkshopSnapshot } from './model'
import { emptyDraft, paperBlocks, pressKey, type EntryDraft } from './paper-entry'
import { pollResults } from './results'

/* "Choose up to three" on the bundled community workshop's priorities poll, everywhere answers come in. */
const POLL = 'poll-priorities'
let snapshot: WorkshopSnapshot

beforeAll(async () => {
  snapshot = await bundledSnapshot('community-response-online-exploitation')
})

function sessionOnPoll(mode: 'phones' | 'tally'): Session {
  const session = createSession({
    id: '2026-12-03-limit001',
    now: new Date(),
    snapshot,
    details: { venue: 'Huế', date: '2026-12-03', trainer: 'T', language: 'vi', plannedStart: '09:00' }
  })
  const index = snapshot.manifest.blocks.findIndex((b) => b.id === POLL)
  applyCommand(session, { type: 'goto', block: index, slide: 0 }, new Date())
  applyCommand(session, { type: 'pollOpen', blockId: POLL, mode }, new Date())
  return session
}

const block = (): Session['snapshot']['manifest']['blocks'][number] =>
  snapshot.manifest.blocks.find((b) => b.id === POLL)!

describe('choice limits (maxChoices)', () => {
  it('the bundled priorities poll allows up to three choices', () => {
    expect(block()).toMatchObject({ type: 'multiple', maxChoices: 3 })
  })

  it('a phone answer with three choices is taken and one with four is refused as too many', () => {
    const session = sessionOnPoll('phones')
    const answer = (device: string, values: string[]): ReturnType<typeof recordAnswer> =>
      recordAnswer(session, { blockId: POLL, deviceKey: device, values: { [POLL]: values } }, new Date())
    expect(answer('a', ['laws', 'parents', 'services'])).toBeNull()
    expect(answer('b', ['laws', 'parents', 'services', 'training'])).toBe('too-many')
    // The same choice twice is one choice.
    expect(answer('c', ['laws', 'laws', 'parents', 'services'])).toBeNull()
    expect(Object.keys(session.polls[POLL]!.answers).sort()).toEqual(['a', 'c'])
  })

  it('a paper or card sheet with four choices is refused with a sentence naming the limit', () => {
    const session = sessionOnPoll('tally')
    const sheet = (values: string[]): void =>
      applyCommand(
        session,
        { type: 'sheetAnswer', blockId: POLL, participantNumber: '7', source: 'paper', values: { [POLL]: values } },
        new Date()
      )
    expect(() => sheet(['laws', 'parents', 'services', 'training'])).toThrow(CommandError)
    expect(() => sheet(['laws', 'parents', 'services', 'training'])).toThrow(/3/)
    sheet(['laws', 'parents', 'services'])
    expect(session.polls[POLL]!.sheets['7']!.values[POLL]).toEqual(['laws', 'parents', 'services'])
  })

  it('paper entry refuses a fourth letter and says so, and taking a letter back makes room again', () => {
    const paper = paperBlocks(snapshot.manifest, true).find((p) => p.block.id === POLL)!
    expect(paper.questions[0]).toMatchObject({ maxChoices: 3 })
    const context = { questions: paper.questions, existing: [] }
    let draft: EntryDraft = { ...emptyDraft(paper.questions), number: '4', cursor: 0 }
    for (const key of ['A', 'B', 'C']) draft = pressKey(draft, { key }, context).draft
    const fourth = pressKey(draft, { key: 'D' }, context)
    expect(fourth.draft.answers[0]).toEqual(['A', 'B', 'C'])
    expect(fourth.message?.key).toBe('paper.error.tooMany')
    draft = pressKey(draft, { key: 'B' }, context).draft
    expect(pressKey(draft, { key: 'D' }, context).draft.answers[0]).toEqual(['A', 'C', 'D'])
  })

  it('results leave out, whole, an answer over the limit (one written into the session file by hand)', () => {
    const session = sessionOnPoll('phones')
    const run = session.polls[POLL]!
    const at = new Date().toISOString()
    run.answers.ok = { values: { [POLL]: ['laws', 'parents'] }, at }
    run.answers.over = { values: { [POLL]: ['laws', 'parents', 'services', 'training'] }, at }
    const results = pollResults(block(), run)
    expect(results.respondents).toBe(1)
    expect(results.counts.find((c) => c.key === 'laws')!.count).toBe(1)
    expect(results.counts.find((c) => c.key === 'training')!.count).toBe(0)
  })

  it('hands over limit × head count are flagged; without a head count or a limit they cannot be', () => {
    expect(handsOverLimit(block(), 30, 10)).toBeNull()
    expect(handsOverLimit(block(), 31, 10)).toBe(30)
    expect(handsOverLimit(block(), 31, 0)).toBeNull()
    const single = snapshot.manifest.blocks.find((b) => b.kind === 'poll' && b.type === 'single')
    if (single) expect(handsOverLimit(single, 99, 1)).toBeNull()
  })
})
