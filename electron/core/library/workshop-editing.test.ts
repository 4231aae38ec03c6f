import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { expectDurableOrdering, recordingFs, type FsEvent } from '../../testing/recording-fs'
import { folderReader, loadWorkshop, MANIFEST_FILE } from '../workshops/loader'
import { samplePackage, writePackage } from '../../testing/sample-package'
import { copyTitle, duplicateWorkshop, readDraft, writeDraft } from './workshop-editing'

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

describe('duplicateWorkshop: the copy has a title of its own', () => {
  it('adds "(bản sao)" and "(copy)" to the title, once, even for a copy of a copy; the copy still loads', async () => {
    const root = await mkdtemp(join(tmpdir(), 'roundtable-copy-'))
    folders.push(root)
    const userDir = join(root, 'user')
    await mkdir(userDir)
    await writePackage(join(root, 'sample-workshop'), samplePackage())
    const first = await duplicateWorkshop(join(root, 'sample-workshop'), userDir, 'sample-workshop')
    expect((await readDraft(join(userDir, first))).manifest.title).toEqual({
      vi: 'Hội thảo mẫu (bản sao)',
      en: 'Sample workshop (copy)'
    })
    const second = await duplicateWorkshop(join(userDir, first), userDir, first)
    const loaded = await loadWorkshop(folderReader(join(userDir, second)))
    if (!loaded.ok) expect.fail(JSON.stringify(loaded.problems))
    expect(loaded.workshop.manifest.title).toEqual({ vi: 'Hội thảo mẫu (bản sao)', en: 'Sample workshop (copy)' })
  })

  it('leaves an empty or missing title as it is (the editor asks for one)', () => {
    expect(copyTitle({ vi: '', en: 'Talk' })).toEqual({ vi: '', en: 'Talk (copy)' })
    expect(copyTitle(undefined)).toBeUndefined()
  })
})
