import { resolve } from 'node:path'
import { folderReader, loadWorkshop } from '../core/workshops/loader'
import { workshopSnapshot } from '../core/sessions/create-session'
import type { WorkshopSnapshot } from '../shared/sessions/model'
import type { Block, PollBlock } from '../shared/workshops/schema'

/** For tests: the snapshot a session of a bundled workshop keeps (the conference briefing unless named). */
export async function bundledSnapshot(workshopId = 'conference-briefing'): Promise<WorkshopSnapshot> {
  const result = await loadWorkshop(folderReader(resolve(__dirname, '../../workshops', workshopId)))
  if (!result.ok) throw new Error(`bundled workshop ${workshopId} does not load`)
  return workshopSnapshot(result.workshop)
}

/** For tests: a bundled snapshot with `blocks` put in front of its own (polls a bundled workshop lacks). */
export async function bundledSnapshotWith(blocks: Block[]): Promise<WorkshopSnapshot> {
  const bundled = await bundledSnapshot()
  return { ...bundled, manifest: { ...bundled.manifest, blocks: [...blocks, ...bundled.manifest.blocks] } }
}

/** A word-cloud poll for tests. */
export const WORD_CLOUD_POLL: PollBlock = {
  id: 'one-word',
  kind: 'poll',
  title: { vi: 'Một từ', en: 'One word' },
  minutes: 3,
  question: { vi: 'Một từ về an toàn?', en: 'One word about safety?' },
  type: 'words',
  purpose: 'opinion'
}
