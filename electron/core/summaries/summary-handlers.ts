import { withCommandErrors, type AppContext, type FeatureHandlers } from '../app-context'
import { ApiError } from '../api/dispatch'
import { reasonOf, userMessage } from '../../shared/i18n/user-message'
import { documentFonts } from '../documents/fonts'
import { buildSummary, summaryExportFiles } from './index'

type SummaryMethods = 'session.export' | 'summary.import' | 'summary.list' | 'summary.export'

/** Session summaries: exported from a session run here, or imported from another trainer's file. */
export function summaryHandlers({ options, sessions, importedSummaries }: AppContext): FeatureHandlers<SummaryMethods> {
  // Looked up per export (cached per folder): handler maps are also built from a bare context.
  const fonts = () => documentFonts(options.fontsDir)
  return {
    'session.export': ({ id, language, format }) =>
      withCommandErrors(async () => {
        const session = await sessions.get(id)
        const summary = buildSummary(session, language)
        const base = `${session.details.date}-${session.workshop.id}-${language}`
        return { files: await summaryExportFiles(summary, base, format, fonts()) }
      }),
    'summary.import': async ({ text }) => {
      try {
        return { ok: true as const, ...(await importedSummaries.import(text)) }
      } catch (error) {
        return { ok: false as const, reason: reasonOf(error) }
      }
    },
    'summary.list': () => importedSummaries.list(),
    'summary.export': async ({ id, format }) => {
      const summary = await importedSummaries.get(id).catch(() => {
        throw new ApiError('not-found', userMessage('error.summary-not-found', { id }))
      })
      return {
        files: await summaryExportFiles(
          summary,
          `${summary.date}-${summary.workshop.id}-${summary.language}`,
          format,
          fonts()
        )
      }
    }
  }
}
