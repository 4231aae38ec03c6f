import type { AppContext, FeatureHandlers } from '../app-context'
import type { Language } from '../../shared/i18n/language'
import { buildSummary, type SessionSummary } from '../summaries'
import {
  buildCrossSessionReport,
  gatherSummaries,
  matchesFilter,
  reportToCsv,
  reportToDocx,
  reportToHtml,
  reportToJson,
  reportToMarkdown,
  reportToXlsx,
  workshopChoices,
  type ReportFilter,
  type SourcedSummary
} from './index'
import { documentFonts } from '../documents/fonts'
import { exportFiles } from './export-files'

/** The cross-session report: shown on screen, or exported in one format. */
export function reportHandlers({
  sessions,
  importedSummaries,
  options
}: AppContext): FeatureHandlers<'report.build' | 'report.export'> {
  /**
   * The summaries the report counts: the sessions run here inside the filter (read from the index
   * first, so sessions outside it are not loaded) and the imported ones not run here.
   */
  const reportSummaries = async (
    filter: ReportFilter,
    language: Language,
    imported: SessionSummary[]
  ): Promise<SourcedSummary[]> => {
    const index = sessions.list()
    const runHere = new Set(index.map((entry) => entry.id))
    const local = await Promise.all(
      index
        .filter((entry) => matchesFilter(entry, filter))
        .map(async (entry) => buildSummary(await sessions.read(entry.id), language))
    )
    const notRunHere = imported.filter((summary) => !runHere.has(summary.sessionId))
    return gatherSummaries(local, notRunHere, language)
  }
  // Looked up per export (cached per folder): handler maps are also built from a bare context.
  const fonts = () => documentFonts(options.fontsDir)
  const buildReport = async (filter: ReportFilter, language: Language, imported: SessionSummary[]) =>
    buildCrossSessionReport(await reportSummaries(filter, language, imported), filter, language)

  return {
    'report.build': async ({ language, ...filter }) => {
      const imported = await importedSummaries.summaries()
      const report = await buildReport(filter, language, imported)
      return {
        report,
        html: reportToHtml(report, report.language, fonts()),
        workshops: workshopChoices(sessions.list(), imported, language)
      }
    },
    'report.export': async ({ language, format, ...filter }) => {
      const report = await buildReport(filter, language, await importedSummaries.summaries())
      const base = ['bao-cao-tong-hop', filter.workshopId, filter.from, filter.to, language].filter(Boolean).join('-')
      return {
        files: await exportFiles(base, format, {
          html: () => reportToHtml(report, report.language, fonts()),
          markdown: () => reportToMarkdown(report),
          json: () => reportToJson(report),
          csv: () => reportToCsv(report),
          docx: () => reportToDocx(report),
          xlsx: () => reportToXlsx(report)
        })
      }
    }
  }
}
