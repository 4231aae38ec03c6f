import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestCore, type TestCore } from '../../../test/core-client'
import { Api } from '../../lib/api/api.svelte'
import { EditorState, newBlock, untranslated } from './editor-state.svelte'

let test: TestCore
let api: Api
beforeEach(async () => {
  test = await startTestCore()
  api = new Api(test.client)
})
afterEach(() => test.close())

async function editorOfACopy(): Promise<EditorState> {
  const copy = await api.call('workshop.duplicate', { id: 'conference-briefing' })
  const editor = new EditorState(copy!.id, api)
  await editor.load()
  return editor
}

describe('the workshop editor state', () => {
  it('loads a copy as editable with its first block selected', async () => {
    const editor = await editorOfACopy()
    expect(editor.editable).toBe(true)
    expect(editor.selected).toBe(editor.blocks[0]!.id)
    expect(editor.totalMinutes).toBeGreaterThan(0)
  })

  it('saves an edit to the core, and undo and redo move through the history', async () => {
    const editor = await editorOfACopy()
    const title = editor.blocks[0]!.title!.vi
    editor.change((draft) => ((draft.manifest.blocks as { title: { vi: string } }[])[0]!.title.vi = 'Mở đầu mới'))
    expect(editor.status).toBe('saving')
    await editor.flush()
    expect(editor.status).toBe('saved')
    const saved = await api.call('workshop.draft', { id: editor.id })
    expect((saved!.draft.manifest.blocks as { title: { vi: string } }[])[0]!.title.vi).toBe('Mở đầu mới')

    editor.undo()
    expect(editor.blocks[0]!.title!.vi).toBe(title)
    expect(editor.canRedo).toBe(true)
    editor.redo()
    expect(editor.blocks[0]!.title!.vi).toBe('Mở đầu mới')
    await editor.flush()
  })

  it('a shorter agenda is saved without problems, and the duration can be set to the sum', async () => {
    const editor = await editorOfACopy()
    const target = editor.targetMinutes
    editor.change((draft) => (draft.manifest.blocks![0]!.minutes = Number(draft.manifest.blocks![0]!.minutes) - 2))
    await editor.flush()
    expect(editor.problems).toEqual([])
    expect(editor.totalMinutes).toBe(target - 2)
    editor.setDurationToSum()
    await editor.flush()
    expect((await api.call('workshop.draft', { id: editor.id }))!.draft.manifest.durationMinutes).toBe(target - 2)
  })

  it("saves a multiple-choice poll's maxChoices, and reports one above its number of options", async () => {
    const editor = await editorOfACopy()
    type Poll = { kind: string; type?: string; options?: unknown[]; maxChoices?: number }
    const blocks = (): Poll[] => editor.blocks as Poll[]
    const index = blocks().findIndex((b) => b.kind === 'poll' && b.type === 'multiple')
    const options = blocks()[index]!.options!.length
    const setMax = (max: number): void =>
      editor.change((draft) => ((draft.manifest.blocks as Poll[])[index]!.maxChoices = max))
    setMax(3)
    await editor.flush()
    expect(editor.problems).toEqual([])
    const saved = await api.call('workshop.draft', { id: editor.id })
    expect((saved!.draft.manifest.blocks as Poll[])[index]!.maxChoices).toBe(3)
    setMax(options + 1)
    await editor.flush()
    expect(editor.problems.map((p) => p.code)).toContain('poll-max-choices')
  })

  it('saves the planned start with the draft and shows it again on reopening', async () => {
    const editor = await editorOfACopy()
    expect(editor.plannedStart).toBe('08:00')
    editor.setPlannedStart('13:30')
    await editor.flush()
    const reopened = new EditorState(editor.id, api)
    await reopened.load()
    expect(reopened.plannedStart).toBe('13:30')
    expect(reopened.problems).toEqual([])
    expect((await api.call('workshop.get', { id: editor.id }))?.manifest?.plannedStart).toBe('13:30')
  })

  it('does not change a bundled workshop, which is read-only', async () => {
    const editor = new EditorState('conference-briefing', api)
    await editor.load()
    expect(editor.editable).toBe(false)
    editor.change((draft) => (draft.manifest.durationMinutes = 1))
    expect(editor.canUndo).toBe(false)
    expect(editor.status).toBe('idle')
  })

  it('flags a text written in one language only, and names new blocks after their kind', () => {
    expect(untranslated({ title: { vi: 'Xin chào', en: '' }, blocks: [{ prompt: { vi: '', en: '' } }] })).toEqual([
      'title'
    ])
    expect(newBlock('poll', ['poll-1']).id).toBe('poll-2')
  })
})
