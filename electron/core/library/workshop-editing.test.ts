import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { expectDurableOrdering, recordingFs, type FsEvent } from '../../testing/recording-fs'
import { MANIFEST_FILE } from '../workshops/loader'
import { writeDraft } from './workshop-editing'

const folders: string[] = []
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

describe('writeDraft: durability', () => {
  it('saves the manifest and every slide file durably, the folder fsynced after each rename', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roundtable-editing-'))
    folders.push(dir)
    const events: FsEvent[] = []
    const draft = {
      manifest: {
        id: 'my-workshop',
        title: { vi: 'Buổi một', en: 'Session one' },
        blocks: [{ id: 'intro', kind: 'slides' }]
      },
      slides: { intro: { vi: '# Xin chào', en: '# Hello' } }
    }
    await writeDraft(dir, draft, recordingFs(events))
    events.push({ op: 'resolved', write: 1 })
    expectDurableOrdering(events, join(dir, MANIFEST_FILE), (content) => content.includes('Buổi một'))
    for (const language of ['vi', 'en']) {
      expectDurableOrdering(events, join(dir, 'slides', `intro.${language}.md`), (content) => content.startsWith('# '))
    }
    expect(await readFile(join(dir, 'slides', 'intro.en.md'), 'utf8')).toBe('# Hello')
  })
})
