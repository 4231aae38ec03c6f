import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { ApiEvent, Notice } from './api/contract'
import { ApiError, type ApiHandlers } from './api/dispatch'
import { reasonOf, userMessage } from './i18n/user-message'
import { facilitatorGuideHtml } from './guides/facilitator-guide'
import { buildSummary, summaryExportFiles, type SessionSummary } from './summaries'
import { ImportedSummaries } from './summaries/imported-summaries'
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
} from './reports'
import { exportFiles } from './reports/export-files'
import type { Language } from './storage/library-file'
import { signInSheetHtml } from './guides/sign-in-sheet'
import { answerSheetsHtml, roomSheetHtml, type AnswerSheetOptions } from './guides/answer-sheets'
import { answerCardsHtml } from './guides/answer-cards'
import { addImage, duplicateWorkshop, readDraft, readDraftImages, removeWorkshop, writeDraft } from './library/workshop-editing'
import { WorkshopLibrary } from './library/workshop-library'
import { CommandError } from './sessions/commands'
import type { ParticipantNetwork } from './sessions/participant-network'
import { PhoneIdentities } from './phones/phone-identity'
import { PhonesControl } from './phones/phones-control'
import { SessionService } from './sessions/session-service'
import { exportPackage, importPackage, PACKAGE_EXTENSION, previewPackage } from './workshops/package-file'
import { DataFile } from './storage/data-file'
import { lockDataFolder } from './storage/data-folder-lock'
import { removeLeftoverTempFiles, type DurableFs } from './storage/durable-json-file'
import type { StorageIncident } from './storage/incidents'
import { defaultLibraryFile, parseLibraryFile, type LibraryFile } from './storage/library-file'
import { folderReader, loadWorkshop } from './workshops/loader'
import type { Manifest } from './workshops/schema'

export interface AppCoreOptions {
  /** Where this user's data lives (Electron: userData; browser mode: the same folder, or --data-dir). */
  dataDir: string
  /** The bundled, read-only workshop packages. */
  workshopsDir: string
  host: 'electron' | 'browser'
  version: string
  fs?: DurableFs
  /** The participants' network (electron/server/participants); without it, polls run by show of hands only. */
  participants?: ParticipantNetwork
}

export interface AppCore {
  handlers: ApiHandlers
  /** Live events for every open window; returns the unsubscribe function. */
  subscribe(listener: (event: ApiEvent) => void): () => void
  close(): Promise<void>
}

/** Paper answer sheets or the room sheet, from a workshop's or a session's manifest. */
function paperDocument(
  workshopId: string,
  manifest: Manifest,
  document: 'answer-sheets' | 'room-sheet',
  language: Language,
  options: AnswerSheetOptions
): { fileName: string; html: string } {
  if (document === 'answer-sheets') {
    return { fileName: `${workshopId}-phieu-tra-loi-${language}.html`, html: answerSheetsHtml(manifest, language, options) }
  }
  return { fileName: `${workshopId}-bang-ghi-dap-an-${language}.html`, html: roomSheetHtml(manifest, language, options) }
}

/** Everything the app does, independent of Electron, HTTP and the DOM. Both hosts wrap this. */
export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  const listeners = new Set<(event: ApiEvent) => void>()
  const emit = (event: ApiEvent): void => listeners.forEach((listener) => listener(event))
  let notices: Notice[] = []

  const onIncident = (incident: StorageIncident): void => {
    if (incident.kind === 'save-recovered') {
      notices = notices.filter((n) => !(n.kind === 'save-failed' && n.file === incident.file))
    }
    notices = [...notices, { id: randomUUID(), at: new Date().toISOString(), ...incident }]
    emit({ type: 'notices', notices })
  }

  const lock = await lockDataFolder(options.dataDir)
  if (lock.held) {
    // Half-written temp files of a crashed run; no other process can be writing them now.
    for (const folder of [options.dataDir, join(options.dataDir, 'sessions')]) await removeLeftoverTempFiles(folder)
  }

  const library = new DataFile<LibraryFile>({
    path: join(options.dataDir, 'library.json'),
    parse: parseLibraryFile,
    defaults: defaultLibraryFile,
    onIncident,
    fs: options.fs
  })
  await library.open()

  const workshops = new WorkshopLibrary({
    bundled: options.workshopsDir,
    user: join(options.dataDir, 'workshops')
  })
  // Start checking the workshop packages now, while the window loads, rather than on its first request.
  void workshops.list()

  const sessions = new SessionService({
    dataDir: options.dataDir,
    library,
    onIncident,
    fs: options.fs,
    events: {
      changed(live, view) {
        emit({ type: 'session', live })
        emit({ type: 'audience', sessionId: live.id, view })
      }
    }
  })
  await sessions.checkUnfinished()
  /** Session errors a trainer can cause (wrong state, unknown id) are reported, not crashes. */
  const sessionCall = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call()
    } catch (error) {
      if (error instanceof CommandError) throw new ApiError('failed', error.reason)
      throw error
    }
  }

  const importedSummaries = new ImportedSummaries(join(options.dataDir, 'summaries'))

  /**
   * The summaries the cross-session report counts: the sessions run here inside the filter (read from
   * the index first, so sessions outside it are not loaded) and the imported ones not run here.
   */
  const reportSummaries = async (
    filter: ReportFilter,
    language: Language,
    imported: SessionSummary[]
  ): Promise<SourcedSummary[]> => {
    const index = sessions.list()
    const runHere = new Set(index.map((entry) => entry.id))
    const local = await Promise.all(
      index.filter((entry) => matchesFilter(entry, filter)).map(async (entry) => buildSummary(await sessions.read(entry.id), language))
    )
    const notRunHere = imported.filter((summary) => !runHere.has(summary.sessionId))
    return gatherSummaries(local, notRunHere, language)
  }

  const phones = new PhonesControl({
    network: options.participants,
    sessions,
    identities: new PhoneIdentities({ dataDir: options.dataDir, onIncident, fs: options.fs }),
    emit
  })

  const handlers: ApiHandlers = {
    'app.info': async () => ({
      name: 'Roundtable',
      version: options.version,
      host: options.host,
      dataDir: options.dataDir,
      settings: library.data.settings,
      notices
    }),
    'settings.setLanguage': async ({ language }) => {
      await library.update((data) => {
        data.settings.language = language
      })
      emit({ type: 'settings', settings: library.data.settings })
      return library.data.settings
    },
    'notices.dismiss': async ({ id }) => {
      notices = notices.filter((n) => n.id !== id)
      emit({ type: 'notices', notices })
      return notices
    },
    'library.list': () => workshops.list(),
    'workshop.get': async ({ id }) => {
      const detail = await workshops.get(id)
      if (!detail) throw new ApiError('not-found', userMessage('error.workshop-not-found', { id }))
      return detail
    },
    'workshop.export': async ({ id }) => {
      const detail = await workshops.get(id)
      const dir = await workshops.folderOf(id)
      if (!detail || !dir || !detail.summary.version) throw new ApiError('not-found', userMessage('error.workshop-invalid', { id }))
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
      const dir = await workshops.folderOf(id)
      if (!dir || (await workshops.origin(id)) !== 'user') throw new ApiError('failed', userMessage('error.own-workshop-images'))
      const added = await addImage(dir, fileName, Buffer.from(base64, 'base64'))
      return added.ok ? { status: 'added', name: added.name, dataUrl: added.dataUrl } : { status: 'refused', problem: added.problem }
    },
    'workshop.previewImport': async ({ fileName, base64 }) => {
      const result = await previewPackage(Buffer.from(base64, 'base64'), workshops.userFolder, {
        fileName,
        bundledIds: await workshops.bundledIds()
      })
      return result.ok ? { status: 'ready', preview: result.preview } : { status: 'invalid', problems: result.problems }
    },
    'workshop.saveDraft': async ({ id, draft }) => {
      const dir = await workshops.folderOf(id)
      if (!dir || (await workshops.origin(id)) !== 'user') {
        throw new ApiError('failed', userMessage('error.own-workshop-edit'))
      }
      // The id is the folder name; an edited id would orphan the folder, so it is kept.
      const problems = await writeDraft(dir, { ...draft, manifest: { ...draft.manifest, id } })
      workshops.invalidate()
      return { problems }
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
      if (!dir || (await workshops.origin(id)) !== 'user') throw new ApiError('failed', userMessage('error.bundled-not-removable'))
      await removeWorkshop(dir, workshops.userFolder, id)
      workshops.invalidate()
      return { removed: true }
    },
    'session.start': async ({ workshopId, details }) => {
      const detail = await workshops.get(workshopId)
      if (!detail?.manifest || !detail.summary.version || !detail.summary.title) {
        throw new ApiError('not-found', userMessage('error.workshop-invalid', { id: workshopId }))
      }
      const manifest = detail.manifest as Manifest
      const session = await sessions.start(
        { id: workshopId, title: detail.summary.title },
        { manifest, slides: detail.slides },
        details
      )
      await phones.followActiveSession()
      return session
    },
    'session.list': async () => sessions.list(),
    'session.get': ({ id }) => sessionCall(() => sessions.getWithImages(id)),
    'session.command': ({ id, command }) =>
      sessionCall(async () => {
        const { session, saved } = await sessions.command(id, command)
        await phones.followActiveSession()
        const { snapshot: _snapshot, ...live } = session
        return { live, saved }
      }),
    'session.audience': ({ id }) => sessionCall(async () => sessions.audience(await sessions.get(id))),
    'session.print': ({ id, document, language, participants, polls }) =>
      sessionCall(async () => {
        const session = await sessions.get(id)
        return paperDocument(session.workshop.id, session.snapshot.manifest, document, language, { participants, polls })
      }),
    'session.export': ({ id, language, format }) =>
      sessionCall(async () => {
        const session = await sessions.get(id)
        const summary = buildSummary(session, language)
        const base = `${session.details.date}-${session.workshop.id}-${language}`
        return { files: await summaryExportFiles(summary, base, format) }
      }),
    'summary.import': async ({ text }) => {
      try {
        return { ok: true as const, entry: await importedSummaries.import(text) }
      } catch (error) {
        return { ok: false as const, reason: reasonOf(error) }
      }
    },
    'summary.list': () => importedSummaries.list(),
    'summary.export': async ({ id, format }) => {
      const summary = await importedSummaries.get(id).catch(() => {
        throw new ApiError('not-found', userMessage('error.summary-not-found', { id }))
      })
      return { files: await summaryExportFiles(summary, `${summary.date}-${summary.workshop.id}-${summary.language}`, format) }
    },
    'report.build': async ({ language, ...filter }) => {
      const imported = await importedSummaries.summaries()
      const report = buildCrossSessionReport(await reportSummaries(filter, language, imported), filter, language)
      return { report, html: reportToHtml(report), workshops: workshopChoices(sessions.list(), imported, language) }
    },
    'report.export': async ({ language, format, ...filter }) => {
      const imported = await importedSummaries.summaries()
      const report = buildCrossSessionReport(await reportSummaries(filter, language, imported), filter, language)
      const base = ['bao-cao-tong-hop', filter.workshopId, filter.from, filter.to, language].filter(Boolean).join('-')
      return {
        files: await exportFiles(base, format, {
          html: () => reportToHtml(report),
          markdown: () => reportToMarkdown(report),
          json: () => reportToJson(report),
          csv: () => reportToCsv(report),
          docx: () => reportToDocx(report),
          xlsx: () => reportToXlsx(report)
        })
      }
    },
    'participants.interfaces': async () => options.participants?.interfaces() ?? [],
    'participants.status': async () => phones.status(),
    'participants.start': ({ address, port }) => phones.start(address, port),
    'participants.stop': () => phones.stop(),
    'participants.resume': ({ sessionId }) => sessionCall(() => phones.resume(sessionId))
  }

  return {
    handlers,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async close() {
      await phones.close()
      sessions.close()
      library.close()
      await lock.release()
      listeners.clear()
    }
  }
}
