import { answerSheetsHtml, roomSheetHtml, type AnswerSheetOptions } from '../guides/answer-sheets'
import type { Language } from '../../shared/i18n/language'
import type { Manifest } from '../../shared/workshops/schema'

/** Paper answer sheets or the room sheet, from a workshop's manifest or a session's snapshot of it. */
export function paperDocument(
  workshopId: string,
  manifest: Manifest,
  document: 'answer-sheets' | 'room-sheet',
  language: Language,
  options: AnswerSheetOptions
): { fileName: string; html: string } {
  if (document === 'answer-sheets') {
    return {
      fileName: `${workshopId}-phieu-tra-loi-${language}.html`,
      html: answerSheetsHtml(manifest, language, options)
    }
  }
  return {
    fileName: `${workshopId}-bang-ghi-dap-an-${language}.html`,
    html: roomSheetHtml(manifest, language, options)
  }
}
