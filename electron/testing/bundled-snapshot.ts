import { resolve } from 'node:path'
import { folderReader, loadWorkshop } from '../core/workshops/loader'
import { workshopSnapshot } from '../core/sessions/create-session'
import type { WorkshopSnapshot } from '../shared/sessions/model'

/** For tests: the snapshot a session of a bundled workshop keeps (the conference briefing unless named). */
export async function bundledSnapshot(workshopId = 'conference-briefing'): Promise<WorkshopSnapshot> {
  const result = await loadWorkshop(folderReader(resolve(__dirname, '../../workshops', workshopId)))
  if (!result.ok) throw new Error(`bundled workshop ${workshopId} does not load`)
  return workshopSnapshot(result.workshop)
}
