import { z } from 'zod'
import type { UserMessage } from '../../shared/i18n/user-message'
import { UserMessageSchema } from '../../shared/i18n/user-message-schema'
import type { AudienceView } from '../../shared/sessions/audience'
import { MAX_CARD_COUNT } from '../../shared/cards/card-count'
import {
  ProblemSchema,
  WorkshopDetailSchema,
  WorkshopDraftSchema,
  WorkshopSummarySchema
} from '../library/library-schema'
import { SessionCommandSchema } from '../../shared/sessions/commands'
import { CrossSessionReportSchema, ReportFilterSchema } from '../reports/cross-session'
import { SessionIdSchema } from '../../shared/sessions/ids'
import { SessionDetailsSchema, SessionLiveSchema, SessionSchema, type SessionLive } from '../../shared/sessions/model'
import { LanguageSchema } from '../../shared/i18n/language'
import { SessionIndexEntrySchema, SettingsSchema } from '../storage/library-file'
import { BilingualSchema } from '../../shared/i18n/language'
import { WorkshopIdSchema } from '../../shared/workshops/schema'
import { programmeMethods } from '../programme/programme-schema'

// The domain types the windows use, from the modules that define them.
export type { WorkshopDetail, WorkshopDraft, WorkshopSummary } from '../library/library-schema'
export type { SessionLive } from '../../shared/sessions/model'

/**
 * The one API between the trainer's UI and the core: a map from method name to the schemas of its
 * arguments and result. Both transports (Electron IPC and browser-mode HTTP) carry exactly this, and
 * both validate arguments at the boundary with these schemas. The renderer's client infers its types
 * from the same map, so a method cannot be called with the wrong shape.
 */

const Empty = z.strictObject({})

export const NoticeSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum([
    'quarantined',
    'restored-from-backup',
    'started-empty',
    'newer-version',
    'save-failed',
    'save-recovered',
    'index-rebuilt',
    'not-a-folder'
  ]),
  file: z.string(),
  movedTo: z.string().optional(),
  reason: UserMessageSchema.optional()
})
export type Notice = z.infer<typeof NoticeSchema>

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  dataDir: z.string(),
  /** The local log's folder (Help → Open the log folder; browser mode shows it). */
  logDir: z.string(),
  settings: SettingsSchema,
  notices: z.array(NoticeSchema)
})
export type AppInfo = z.infer<typeof AppInfoSchema>

/** A workshop package file travels as base64 (at most 20 MB of file, checked again on import). */
const PackageFileSchema = z.strictObject({
  fileName: z.string().min(1).max(255),
  base64: z
    .string()
    .max(28 * 1024 * 1024)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/)
})

export const ImportResultSchema = z.union([
  z.object({
    status: z.literal('imported'),
    id: z.string(),
    version: z.string(),
    replacedVersion: z.string().nullable()
  }),
  z.object({ status: z.literal('invalid'), problems: z.array(ProblemSchema) }),
  z.object({ status: z.literal('conflict'), id: z.string(), existingVersion: z.string(), incomingVersion: z.string() })
])
export type ImportResult = z.infer<typeof ImportResultSchema>

/** What importing a package file would add; see previewPackage in workshops/package-file.ts. */
export const ImportPreviewResultSchema = z.union([
  z.object({
    status: z.literal('ready'),
    preview: z.object({
      id: z.string(),
      title: BilingualSchema,
      version: z.string(),
      languages: z.array(z.string()),
      blocksByKind: z.record(z.string(), z.number()),
      totalMinutes: z.number(),
      sources: z.array(z.object({ id: z.string(), title: z.string() })),
      images: z.array(z.object({ name: z.string(), bytes: z.number() })),
      relation: z.enum(['new', 'newer', 'same', 'older']),
      existingVersion: z.string().nullable()
    })
  }),
  z.object({ status: z.literal('invalid'), problems: z.array(ProblemSchema) })
])
export type ImportPreviewResult = z.infer<typeof ImportPreviewResultSchema>

const AudienceViewSchema = z.custom<AudienceView>((value) => typeof value === 'object' && value !== null)

export const ParticipantsStatusSchema = z.object({
  running: z.boolean(),
  address: z.string().nullable(),
  url: z.string().nullable(),
  code: z.string().nullable(),
  qr: z.string().nullable(),
  /** The session the phones answer (each session keeps its own join code and phones). */
  sessionId: z.string().nullable(),
  /** Where phones of this session reached the app last time, to offer it again. */
  lastAddress: z.string().nullable(),
  /**
   * What the trainer must know: the address changed (phones on the old page must open the new one), or
   * phones were on before the app stopped and could not come back by themselves.
   */
  notice: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('moved'), from: z.string(), to: z.string() }),
      z.object({ kind: z.literal('not-restarted'), address: z.string() })
    ])
    .nullable(),
  /** The trainer said this session's phones share one address (a router): each cookie is its own phone. */
  sharedAddresses: z.boolean(),
  /**
   * While that is off: addresses re-joined as if several phones shared them (so they count as one), and
   * how many re-joins came from them in all; null when none did.
   */
  sharedAddressSuspected: z.object({ addresses: z.number(), rejoins: z.number() }).nullable()
})
export type ParticipantsStatus = z.infer<typeof ParticipantsStatusSchema>

/** The trainer's phone remote of a session: whether phones are on (pairing needs them) and how many are paired. */
export const RemoteStatusSchema = z.object({ sessionId: z.string(), phonesOn: z.boolean(), paired: z.number() })
export type RemoteStatus = z.infer<typeof RemoteStatusSchema>

/** A one-time pairing code, shown only on the presenter screen: the QR code's address and the code to type. */
export const RemotePairingSchema = z.object({
  url: z.string(),
  code: z.string(),
  /** Where to type the code instead (the participant server's `/r`). */
  address: z.string(),
  qr: z.string().nullable(),
  expiresAt: z.string()
})
export type RemotePairing = z.infer<typeof RemotePairingSchema>

/** The cross-session report's filter and language; an empty filter means every session. */
const ReportArgsObject = ReportFilterSchema.extend({ language: LanguageSchema })
const datesInOrder = <T extends { from?: string; to?: string }>(args: T): boolean =>
  args.from === undefined || args.to === undefined || args.from <= args.to
const DATES_IN_ORDER = { message: 'the "from" date is after the "to" date', path: ['to'] }
const ExportFormatSchema = z.enum(['html', 'markdown', 'csv', 'json', 'docx', 'xlsx'])
/** Exported files: text as is; CSV as a ZIP of one file per table; the ZIP, Word and Excel in base64. */
const ExportFilesSchema = z.object({
  files: z.array(
    z.object({ name: z.string(), content: z.string(), type: z.string(), base64: z.boolean().default(false) })
  )
})

/** The paper documents for rooms without phones (see guides/answer-sheets.ts). */
const PAPER_DOCUMENTS = ['answer-sheets', 'room-sheet'] as const
const PaperPrintOptions = {
  /** Sheets per quiz, or lines of the room sheet. */
  participants: z.number().int().min(1).max(500).optional(),
  /** Also the polls with options. */
  polls: z.boolean().optional()
}
const PrintableSchema = z.object({ fileName: z.string(), html: z.string() })

export const apiContract = {
  'app.info': { args: Empty, result: AppInfoSchema },
  'settings.setLanguage': { args: z.strictObject({ language: LanguageSchema }), result: SettingsSchema },
  'notices.dismiss': { args: z.strictObject({ id: z.string().max(100) }), result: z.array(NoticeSchema) },
  'library.list': { args: Empty, result: z.array(WorkshopSummarySchema) },
  'workshop.get': {
    args: z.strictObject({ id: WorkshopIdSchema }),
    result: WorkshopDetailSchema
  },
  'workshop.export': {
    args: z.strictObject({ id: WorkshopIdSchema }),
    result: z.object({ fileName: z.string(), base64: z.string() })
  },
  'workshop.import': {
    args: PackageFileSchema.extend({ replace: z.boolean().default(false) }),
    result: ImportResultSchema
  },
  'workshop.duplicate': { args: z.strictObject({ id: WorkshopIdSchema }), result: z.object({ id: z.string() }) },
  'workshop.draft': {
    args: z.strictObject({ id: WorkshopIdSchema }),
    result: z.object({
      draft: WorkshopDraftSchema,
      problems: z.array(ProblemSchema),
      editable: z.boolean(),
      /** The workshop's images (used or not) by file name, as data URLs for the editor's preview. */
      images: z.record(z.string(), z.string())
    })
  },
  /** An image chosen in the editor (base64, at most 2 MB; type checked by its bytes in the core). */
  'workshop.addImage': {
    args: z.strictObject({
      id: WorkshopIdSchema,
      fileName: z.string().min(1).max(255),
      base64: z
        .string()
        .max(3 * 1024 * 1024)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/)
    }),
    result: z.union([
      z.object({ status: z.literal('added'), name: z.string(), dataUrl: z.string() }),
      z.object({ status: z.literal('refused'), problem: ProblemSchema })
    ])
  },
  'workshop.previewImport': { args: PackageFileSchema, result: ImportPreviewResultSchema },
  'workshop.saveDraft': {
    args: z.strictObject({ id: WorkshopIdSchema, draft: WorkshopDraftSchema }),
    result: z.object({ problems: z.array(ProblemSchema) })
  },
  'workshop.print': {
    args: z.strictObject({
      id: WorkshopIdSchema,
      document: z.enum(['guide', 'sign-in', 'cards', ...PAPER_DOCUMENTS]),
      language: LanguageSchema,
      startTime: z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
        .optional(),
      /** Answer cards: how many (numbers 1…count). */
      count: z.number().int().min(1).max(MAX_CARD_COUNT).optional(),
      ...PaperPrintOptions
    }),
    result: PrintableSchema
  },
  'workshop.remove': { args: z.strictObject({ id: WorkshopIdSchema }), result: z.object({ removed: z.boolean() }) },
  'session.start': {
    args: z.strictObject({ workshopId: WorkshopIdSchema, details: SessionDetailsSchema }),
    result: SessionSchema
  },
  'session.list': { args: Empty, result: z.array(SessionIndexEntrySchema) },
  'session.get': { args: z.strictObject({ id: SessionIdSchema }), result: SessionSchema },
  'session.command': {
    args: z.strictObject({ id: SessionIdSchema, command: SessionCommandSchema }),
    result: z.object({ live: SessionLiveSchema, saved: z.boolean() })
  },
  'session.audience': { args: z.strictObject({ id: SessionIdSchema }), result: AudienceViewSchema },
  /** Paper answer sheets or the room sheet of the workshop this session runs (its snapshot). */
  'session.print': {
    args: z.strictObject({
      id: SessionIdSchema,
      document: z.enum(PAPER_DOCUMENTS),
      language: LanguageSchema,
      ...PaperPrintOptions
    }),
    result: PrintableSchema
  },
  /** The session summary for the programme team, in one format; CSV comes as a ZIP of one file per table; the ZIP, Word and Excel in base64. */
  'session.export': {
    args: z.strictObject({ id: SessionIdSchema, language: LanguageSchema, format: ExportFormatSchema }),
    result: ExportFilesSchema
  },
  'summary.import': {
    args: z.strictObject({ fileName: z.string().max(255), text: z.string().max(20_000_000) }),
    result: z.union([
      z.object({
        ok: z.literal(true),
        entry: z.object({ id: z.string(), workshopTitle: z.string(), venue: z.string(), date: z.string() }),
        /** New, a newer export of one held, or nothing changed: the same export or a newer one is held. */
        outcome: z.enum(['imported', 'updated', 'already', 'newer-held'])
      }),
      z.object({ ok: z.literal(false), reason: UserMessageSchema })
    ])
  },
  'summary.list': {
    args: Empty,
    result: z.array(
      z.object({
        id: z.string(),
        workshopTitle: z.string(),
        venue: z.string(),
        date: z.string(),
        trainer: z.string(),
        language: LanguageSchema,
        /** One entry per session: its summary in each language imported. */
        sessionId: z.string(),
        versions: z.array(z.object({ id: z.string(), language: LanguageSchema, workshopTitle: z.string() }))
      })
    )
  },
  /** An imported summary, in the language it was made in; the same formats and files as `session.export`. */
  'summary.export': {
    args: z.strictObject({ id: z.string().regex(/^[a-z0-9-]{1,80}$/), format: ExportFormatSchema }),
    result: ExportFilesSchema
  },
  /** The report over the sessions run here and the imported summaries, each session counted once. */
  'report.build': {
    args: ReportArgsObject.refine(datesInOrder, DATES_IN_ORDER),
    result: z.object({
      report: CrossSessionReportSchema,
      /** The report as its HTML export shows it (the screen's preview). */
      html: z.string(),
      /** Every workshop the filter can choose (whatever the current filter). */
      workshops: z.array(z.object({ id: z.string(), title: z.string() }))
    })
  },
  'report.export': {
    args: ReportArgsObject.extend({ format: ExportFormatSchema }).refine(datesInOrder, DATES_IN_ORDER),
    result: ExportFilesSchema
  },
  'participants.interfaces': {
    args: Empty,
    result: z.array(z.object({ name: z.string(), address: z.string(), internal: z.boolean() }))
  },
  'participants.status': { args: Empty, result: ParticipantsStatusSchema },
  'participants.start': {
    args: z.strictObject({ address: z.ipv4(), port: z.number().int().min(0).max(65535).default(0) }),
    result: ParticipantsStatusSchema
  },
  'participants.stop': { args: Empty, result: ParticipantsStatusSchema },
  /** The presenter opened this session: phones answer it, and come back on if they were on before a restart. */
  'participants.resume': { args: z.strictObject({ sessionId: SessionIdSchema }), result: ParticipantsStatusSchema },
  /** The session's phones share addresses (a hall behind one router), or not; applied to running phones at once. */
  'participants.sharedAddresses': {
    args: z.strictObject({ sessionId: SessionIdSchema, on: z.boolean() }),
    result: ParticipantsStatusSchema
  },
  'remote.status': { args: z.strictObject({ sessionId: SessionIdSchema }), result: RemoteStatusSchema },
  /** A new one-time pairing code (2 minutes); `another` keeps the remotes already paired. */
  'remote.pair': {
    args: z.strictObject({ sessionId: SessionIdSchema, another: z.boolean().default(false) }),
    result: RemotePairingSchema
  },
  /** Revokes every paired remote of the session at once. */
  'remote.unpair': { args: z.strictObject({ sessionId: SessionIdSchema }), result: RemoteStatusSchema },
  /** Settings → Programme server, the trainer's sync and the coordinator's pull (programme/programme-schema.ts). */
  ...programmeMethods
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>

export type ApiContract = typeof apiContract
export type ApiMethod = keyof ApiContract
export type ApiArgs<M extends ApiMethod> = z.input<ApiContract[M]['args']>
/** Arguments as handlers receive them: validated, with defaults filled in. */
export type ApiParsedArgs<M extends ApiMethod> = z.output<ApiContract[M]['args']>
export type ApiResult<M extends ApiMethod> = z.output<ApiContract[M]['result']>
export const API_METHODS = Object.keys(apiContract) as ApiMethod[]

/** Live state pushed from the core to every open window. */
export type ApiEvent =
  | { type: 'notices'; notices: Notice[] }
  | { type: 'settings'; settings: z.infer<typeof SettingsSchema> }
  | { type: 'session'; live: SessionLive }
  | { type: 'audience'; sessionId: string; view: AudienceView }
  | { type: 'participants'; status: ParticipantsStatus }
  | { type: 'remote'; status: RemoteStatus }

/** The one envelope every transport uses for replies. */
/**
 * `message` is English, for logs; `reason` is what the trainer reads, in the window's language. The
 * core always sends one; only a transport's own guards (untrusted sender, bad method name) may not.
 */
export type ApiReply<T = unknown> =
  { ok: true; result: T } | { ok: false; error: { code: ApiErrorCode; message: string; reason?: UserMessage } }
export type ApiErrorCode = 'unknown-method' | 'invalid-arguments' | 'not-found' | 'failed'

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(apiContract, name)
}
