import { describe, expect, it } from 'vitest'
import { bundledCoreOptions, sessionDetails } from '../../testing/bundled-core'
import { createAppCore } from '../app-core'

describe('printing paper answer sheets through the API', () => {
  it('prints a workshop as it is now, and a session from the snapshot it runs', async () => {
    const core = await createAppCore(await bundledCoreOptions('paper-print'))
    try {
      const { id } = await core.handlers['workshop.duplicate']({ id: 'parents-teachers-online-safety' })
      const session = await core.handlers['session.start']({ workshopId: id, details: sessionDetails() })
      // The copy is edited after the session started: its pre-test gets another title.
      const { draft } = await core.handlers['workshop.draft']({ id })
      const blocks = draft.manifest.blocks as { kind: string; role?: string; title: { vi: string; en: string } }[]
      blocks.find((b) => b.kind === 'quiz' && b.role === 'pre')!.title.vi = 'Bài kiểm tra mới'
      expect((await core.handlers['workshop.saveDraft']({ id, draft })).problems).toEqual([])

      const workshop = await core.handlers['workshop.print']({
        id,
        document: 'answer-sheets',
        language: 'vi',
        participants: 6
      })
      expect(workshop.fileName).toBe(`${id}-phieu-tra-loi-vi.html`)
      expect(workshop.html).toContain('Bài kiểm tra mới')
      const sheets = await core.handlers['session.print']({
        id: session.id,
        document: 'answer-sheets',
        language: 'vi',
        participants: 6
      })
      expect(sheets.html).not.toContain('Bài kiểm tra mới')
      expect(sheets.html).toContain('Kiểm tra đầu buổi')
      const room = await core.handlers['session.print']({
        id: session.id,
        document: 'room-sheet',
        language: 'en',
        polls: true
      })
      expect(room.fileName).toBe(`${id}-bang-ghi-dap-an-en.html`)
      expect(room.html.match(/<section class="room">/g)).toHaveLength(3)
    } finally {
      await core.close()
    }
  })
})
