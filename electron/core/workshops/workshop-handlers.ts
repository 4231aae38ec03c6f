import type { AppContext, FeatureHandlers } from '../app-context'
import { ApiError } from '../api/dispatch'
import { answerCardsHtml } from '../guides/answer-cards'
import { facilitatorGuideHtml } from '../guides/facilitator-guide'
import { signInSheetHtml } from '../guides/sign-in-sheet'
import { userMessage } from '../../shared/i18n/user-message'
import { removeWorkshop } from '../library/workshop-editing'
import { folderReader, loadWorkshop } from './loader'
import { exportPackage, importPackage, PACKAGE_EXTENSION, previewPackage } from './package-file'
import { paperDocument } from './paper-document'

type WorkshopMethods =
  | 'library.list'
  | 'workshop.get'
  | 'workshop.export'
  | 'workshop.import'
  | 'workshop.previewImport'
  | 'workshop.print'
  | 'workshop.remove'

/** The workshop library: listing, reading, package files in and out, printing, removing. */
export function workshopHandlers({ workshops }: AppContext): FeatureHandlers<WorkshopMethods> {
  return {
    'library.list': () => workshops.list(),
    'workshop.get': async ({ id }) => {
      const detail = await workshops.get(id)
      if (!detail) throw new ApiError('not-found', userMessage('error.workshop-not-found', { id }))
      return detail
    },
    'workshop.export': async ({ id }) => {
      const detail = await workshops.get(id)
      const dir = await workshops.folderOf(id)
      if (!detail || !dir || !detail.summary.version)
        throw new ApiError('not-found', userMessage('error.workshop-invalid', { id }))
      const bytes = await exportPackage(dir, id)
      return { fileName: `${id}-${detail.summary.version}${PACKAGE_EXTENSION}`, base64: bytes.toString('base64') }
    },
    'workshop.import': async ({ fileName, base64, replace }) => {
      const result = await importPackage(Buffer.from(base64, 'base64'), workshops.userFolder, {
        replace,
        fileName,
        bundledIds: await workshops.bundledIds()
      })
      if (result.ok) {
        workshops.invalidate()
        return { status: 'imported', ...result }
      }
      if ('conflict' in result) return { status: 'conflict', ...result.conflict }
      return { status: 'invalid', problems: result.problems }
    },
    'workshop.previewImport': async ({ fileName, base64 }) => {
      const result = await previewPackage(Buffer.from(base64, 'base64'), workshops.userFolder, {
        fileName,
        bundledIds: await workshops.bundledIds()
      })
      return result.ok ? { status: 'ready', preview: result.preview } : { status: 'invalid', problems: result.problems }
    },
    'workshop.print': async ({ id, document, language, startTime, count, participants, polls }) => {
      const dir = await workshops.folderOf(id)
      const loaded = dir ? await loadWorkshop(folderReader(dir)) : null
      if (!loaded?.ok) throw new ApiError('not-found', userMessage('error.workshop-invalid', { id }))
      if (document === 'answer-sheets' || document === 'room-sheet') {
        return paperDocument(id, loaded.workshop.manifest, document, language, { participants, polls })
      }
      const printed = {
        guide: () => ({ name: 'huong-dan', html: facilitatorGuideHtml(loaded.workshop, language, { startTime }) }),
        'sign-in': () => ({ name: 'diem-danh', html: signInSheetHtml(loaded.workshop, language) }),
        cards: () => ({ name: 'the-tra-loi', html: answerCardsHtml(loaded.workshop, language, count) })
      }[document]()
      return { fileName: `${id}-${printed.name}-${language}.html`, html: printed.html }
    },
    'workshop.remove': async ({ id }) => {
      const dir = await workshops.folderOf(id)
      if (!dir || (await workshops.origin(id)) !== 'user')
        throw new ApiError('failed', userMessage('error.bundled-not-removable'))
      await removeWorkshop(dir, workshops.userFolder, id)
      workshops.invalidate()
      return { removed: true }
    }
  }
}
