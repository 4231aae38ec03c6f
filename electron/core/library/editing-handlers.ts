import type { AppContext, FeatureHandlers } from '../app-context'
import { ApiError } from '../api/dispatch'
import { userMessage } from '../../shared/i18n/user-message'
import { addImage, duplicateWorkshop, readDraft, readDraftImages, writeDraft } from './workshop-editing'

type EditingMethods = 'workshop.duplicate' | 'workshop.draft' | 'workshop.saveDraft' | 'workshop.addImage'

/** The editor: a bundled workshop is duplicated first; only the user's own workshops are written. */
export function editingHandlers({ workshops }: AppContext): FeatureHandlers<EditingMethods> {
  /** The folder of one of the user's own workshops, or the refusal `reason`. */
  const ownFolder = async (
    id: string,
    reason: 'error.own-workshop-edit' | 'error.own-workshop-images'
  ): Promise<string> => {
    const dir = await workshops.folderOf(id)
    if (!dir || (await workshops.origin(id)) !== 'user') throw new ApiError('failed', userMessage(reason))
    return dir
  }
  return {
    'workshop.duplicate': async ({ id }) => {
      const dir = await workshops.folderOf(id)
      if (!dir) throw new ApiError('not-found', userMessage('error.workshop-not-found', { id }))
      const copy = await duplicateWorkshop(dir, workshops.userFolder, id)
      workshops.invalidate()
      return { id: copy }
    },
    'workshop.draft': async ({ id }) => {
      const dir = await workshops.folderOf(id)
      if (!dir) throw new ApiError('not-found', userMessage('error.workshop-not-found', { id }))
      const detail = await workshops.get(id)
      return {
        draft: await readDraft(dir),
        problems: detail?.summary.problems ?? [],
        editable: (await workshops.origin(id)) === 'user',
        images: await readDraftImages(dir)
      }
    },
    'workshop.addImage': async ({ id, fileName, base64 }) => {
      const dir = await ownFolder(id, 'error.own-workshop-images')
      const added = await addImage(dir, fileName, Buffer.from(base64, 'base64'))
      return added.ok
        ? { status: 'added', name: added.name, dataUrl: added.dataUrl }
        : { status: 'refused', problem: added.problem }
    },
    'workshop.saveDraft': async ({ id, draft }) => {
      const dir = await ownFolder(id, 'error.own-workshop-edit')
      // The id is the folder name; an edited id would orphan the folder, so it is kept.
      const problems = await writeDraft(dir, { ...draft, manifest: { ...draft.manifest, id } })
      workshops.invalidate()
      return { problems }
    }
  }
}
