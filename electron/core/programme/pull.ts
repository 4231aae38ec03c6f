import { LocalizedError, reasonOf, userMessage, type UserMessage } from '../../shared/i18n/user-message'
import type { ImportOutcome, ImportedSummaries } from '../summaries/imported-summaries'
import { basicAuth, databaseUrl, settingsProblem, type ProgrammeSettings } from './settings'
import { SUMMARY_DOC_PREFIX } from './summary-docs'
import { syncErrorMessage } from './sync'

export interface PullResult {
  /** Summary documents read from the server. */
  read: number
  outcomes: Record<ImportOutcome, number>
  /** Documents refused (wrong shape, not a summary), each with its id and why. */
  refused: { id: string; reason: UserMessage }[]
}

export const PULL_PAGE = 500
const MAX_REFUSED_LISTED = 100
const TIMEOUT_MS = 60_000

interface AllDocsPage {
  rows: { id: string; doc?: Record<string, unknown> | null }[]
}

/**
 * The coordinator's side: reads every `summary:*` document of the programme's database, a page at a time
 * (`_all_docs` with the documents), and adds each page to the imported summaries as one batch, through
 * the same check and the same store as a summary file brought by hand (written durably once per page), so
 * each session is counted once and a newer export (a corrected summary) replaces the older one. Documents
 * that are not well-formed summaries are refused.
 */
export async function pullSummaries(
  settings: ProgrammeSettings,
  password: string,
  summaries: ImportedSummaries,
  fetchImpl: typeof fetch = fetch
): Promise<PullResult> {
  const problem = settingsProblem(settings)
  if (problem) throw new LocalizedError(problem)
  const result: PullResult = {
    read: 0,
    outcomes: { imported: 0, updated: 0, already: 0, 'newer-held': 0 },
    refused: []
  }
  let startKey = SUMMARY_DOC_PREFIX
  let skip = 0
  for (;;) {
    const page = await fetchPage(settings, password, startKey, skip, fetchImpl)
    await pullPage(page.rows, summaries, result)
    if (page.rows.length < PULL_PAGE) return result
    startKey = page.rows.at(-1)!.id
    skip = 1
  }
}

/** One page into the imported summaries as one batch: each checked, all written durably together. */
async function pullPage(rows: AllDocsPage['rows'], summaries: ImportedSummaries, result: PullResult) {
  // Only what a summary file holds is read; `author`, `_id` and `_rev` are the server's business.
  const texts = rows.map(({ doc }) =>
    JSON.stringify({ format: doc?.format, version: doc?.version, summary: doc?.summary })
  )
  const items = await summaries.importBatch(texts)
  result.read += rows.length
  items.forEach((item, i) => {
    if ('outcome' in item) result.outcomes[item.outcome]++
    else if (result.refused.length < MAX_REFUSED_LISTED) {
      result.refused.push({ id: rows[i]!.id.slice(0, 200), reason: reasonOf(item.error) })
    }
  })
}

async function fetchPage(
  settings: ProgrammeSettings,
  password: string,
  startKey: string,
  skip: number,
  fetchImpl: typeof fetch
): Promise<AllDocsPage> {
  const query = new URLSearchParams({
    include_docs: 'true',
    startkey: JSON.stringify(startKey),
    endkey: JSON.stringify(`${SUMMARY_DOC_PREFIX}\ufff0`),
    limit: String(PULL_PAGE),
    skip: String(skip)
  })
  const response = await fetchImpl(`${databaseUrl(settings)}/_all_docs?${query}`, {
    headers: { Accept: 'application/json', Authorization: basicAuth(settings.user, password) },
    signal: AbortSignal.timeout(TIMEOUT_MS)
  }).catch(() => {
    throw new LocalizedError(userMessage('programme.sync.unreachable'))
  })
  if (!response.ok) throw new LocalizedError(syncErrorMessage({ status: response.status }))
  return (await response.json()) as AllDocsPage
}
