import type { WorkshopDraft, WorkshopSummary } from '../../../../electron/core/api/contract'
import { userMessage } from '../../../../electron/shared/i18n/user-message'
import { findImageReferences, imageNameOf } from '../../../../electron/shared/workshops/images'
import type { Api } from '../../lib/api/api.svelte'
import { fileToBase64 } from '../../lib/files'
import { withoutBlankSides } from './editor-languages'

type Problems = WorkshopSummary['problems']

/** A bilingual text as the editor sees it: possibly half-written. */
export interface DraftText {
  vi?: string
  en?: string
}
export interface DraftOption {
  id: string
  text: DraftText
  correct?: boolean
}
export interface DraftQuestion {
  id: string
  objective?: string
  text?: DraftText
  multiple?: boolean
  options: DraftOption[]
  explanation?: DraftText
}
/**
 * A block as the editor sees it: the fields of every kind (electron/shared/workshops/schema.ts), each
 * optional because a draft may be half-written; anything else is kept as it came.
 */
export interface DraftBlock {
  id: string
  kind: string
  title?: DraftText
  minutes?: number
  notes?: DraftText
  materials?: DraftText
  prompt?: DraftText
  debrief?: DraftText[]
  groupSize?: number
  instructions?: DraftText
  question?: DraftText
  type?: string
  purpose?: string
  scale?: { min?: number; max?: number; minLabel?: DraftText; maxLabel?: DraftText }
  options?: DraftOption[]
  role?: string
  passMarkPercent?: number
  questionsFrom?: string
  questions?: DraftQuestion[]
  [field: string]: unknown
}
export interface DraftManifest {
  title?: DraftText
  durationMinutes?: number
  /** When the workshop usually starts ("13:30"): the editor's end time, the printed guide, a new session's start. */
  plannedStart?: string
  blocks?: DraftBlock[]
  sources?: { id: string; title: string; paragraphs: number }[]
  objectives?: { id: string; text?: DraftText }[]
  pause?: { script?: DraftText[]; contacts?: DraftText[] }
  [field: string]: unknown
}
/** The workshop draft with its manifest typed as the editor reads it. */
export interface EditorDraft extends WorkshopDraft {
  manifest: DraftManifest
}

/**
 * The workshop being edited: every change is kept in an undo history and saved shortly after
 * (autosave, no Save button). The core checks each saved draft with the same loader as everywhere.
 */
export class EditorState {
  draft = $state<EditorDraft | null>(null)
  problems = $state.raw<Problems>([])
  editable = $state(false)
  status = $state<'idle' | 'saving' | 'saved'>('idle')
  selected = $state<string | null>(null)
  /** The workshop's images by file name, as data URLs: what the slide previews show. */
  images = $state.raw<Record<string, string>>({})
  private past: string[] = []
  private future: string[] = []
  canUndo = $state(false)
  canRedo = $state(false)
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    readonly id: string,
    private readonly api: Api
  ) {}

  readonly blocks = $derived(this.draft?.manifest.blocks ?? [])
  readonly totalMinutes = $derived(this.blocks.reduce((sum, b) => sum + (Number(b.minutes) || 0), 0))
  readonly targetMinutes = $derived(Number(this.draft?.manifest.durationMinutes) || 0)
  /** The saved start time, or 08:00 (the guide's default) when the workshop has none. */
  readonly plannedStart = $derived.by(() => {
    const saved = this.draft?.manifest.plannedStart
    return typeof saved === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(saved) ? saved : '08:00'
  })
  /** Images no slide shows any more: flagged, and left out when the workshop is exported. */
  readonly unusedImages = $derived.by(() => {
    // Most workshops have no images: no need to parse every slide on every key press.
    if (Object.keys(this.images).length === 0) return []
    const used = Object.values(this.draft?.slides ?? {})
      .flatMap((s) => [...findImageReferences(s.vi), ...findImageReferences(s.en)])
      .map((r) => imageNameOf(r.src))
    return Object.keys(this.images).filter((name) => !used.includes(name))
  })

  async load(): Promise<void> {
    const reply = await this.api.call('workshop.draft', { id: this.id })
    if (!reply) return
    // The core sends the draft as plain data (it may be incomplete): the editor reads it through DraftManifest.
    this.draft = reply.draft as EditorDraft
    this.problems = reply.problems
    this.editable = reply.editable
    this.images = reply.images
    this.selected = this.blocks[0]?.id ?? null
  }

  /** Copies an image file into the workshop (checked by the core); the slide text is changed by the caller. */
  async addImage(file: File): Promise<{ name: string } | { problem: Problems[number] }> {
    const base64 = await fileToBase64(file).catch((error: unknown) => void this.api.fail(error))
    const reply = base64 && (await this.api.call('workshop.addImage', { id: this.id, fileName: file.name, base64 }))
    if (!reply)
      return {
        problem: {
          file: file.name,
          code: 'file-unreadable',
          params: { file: file.name, reason: userMessage('reason.not-sent') }
        }
      }
    if (reply.status === 'refused') return { problem: reply.problem }
    this.images = { ...this.images, [reply.name]: reply.dataUrl }
    return { name: reply.name }
  }

  /** Saves the start time with the draft (an empty time field removes it). */
  setPlannedStart(time: string): void {
    this.change((draft) => {
      if (time) draft.manifest.plannedStart = time
      else delete draft.manifest.plannedStart
    })
  }

  /** Makes the stated duration the sum of the blocks (the editor offers it when they differ). */
  setDurationToSum(): void {
    const total = this.totalMinutes
    this.change((draft) => (draft.manifest.durationMinutes = total))
  }

  /** Applies one edit: recorded for undo, then saved after a short pause in typing. */
  change(edit: (draft: EditorDraft) => void): void {
    if (!this.draft || !this.editable) return
    this.past.push(JSON.stringify($state.snapshot(this.draft)))
    if (this.past.length > 200) this.past.shift()
    this.future = []
    edit(this.draft)
    this.afterChange()
  }

  undo(): void {
    const previous = this.past.pop()
    if (!previous || !this.draft) return
    this.future.push(JSON.stringify($state.snapshot(this.draft)))
    this.draft = JSON.parse(previous) as EditorDraft
    this.afterChange()
  }

  redo(): void {
    const next = this.future.pop()
    if (!next || !this.draft) return
    this.past.push(JSON.stringify($state.snapshot(this.draft)))
    this.draft = JSON.parse(next) as EditorDraft
    this.afterChange()
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
      await this.save()
    }
  }

  private afterChange(): void {
    this.canUndo = this.past.length > 0
    this.canRedo = this.future.length > 0
    this.status = 'saving'
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      void this.save()
    }, 600)
  }

  private async save(): Promise<void> {
    if (!this.draft) return
    const draft = withoutBlankSides(withoutEmptyOptionalTexts($state.snapshot(this.draft)))
    const reply = await this.api.call('workshop.saveDraft', { id: this.id, draft })
    if (reply) {
      this.problems = reply.problems
      this.status = 'saved'
    }
  }
}

/** Optional texts left blank in both languages are simply absent in the saved workshop. */
function withoutEmptyOptionalTexts(draft: EditorDraft): EditorDraft {
  const blank = (value: unknown): boolean => {
    const text = value as DraftText | undefined
    return !!text && typeof text === 'object' && !text.vi?.trim() && !text.en?.trim()
  }
  const blocks = (draft.manifest.blocks ?? []).map((block) => {
    const copy = { ...block }
    for (const field of ['notes', 'materials']) if (blank(copy[field])) delete copy[field]
    return copy
  })
  return { ...draft, manifest: { ...draft.manifest, blocks } }
}

/** Bilingual fields with one language left empty: flagged so nothing goes out half-translated. */
export function untranslated(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => untranslated(item, `${path}[${i + 1}]`))
  if (typeof value !== 'object' || value === null) return []
  const record = value as Record<string, unknown>
  if ('vi' in record || 'en' in record) {
    const vi = typeof record.vi === 'string' ? record.vi.trim() : ''
    const en = typeof record.en === 'string' ? record.en.trim() : ''
    return (vi === '') !== (en === '') ? [path || '(root)'] : []
  }
  return Object.entries(record).flatMap(([key, child]) => untranslated(child, path ? `${path}.${key}` : key))
}

export function newBlock(kind: string, existing: string[]): DraftBlock {
  let n = 1
  while (existing.includes(`${kind}-${n}`)) n++
  const id = `${kind}-${n}`
  const text = (vi: string, en: string): DraftText => ({ vi, en })
  const base = { id, kind, title: text('', ''), minutes: 10 }
  switch (kind) {
    case 'discussion':
      return { ...base, prompt: text('', ''), debrief: [text('', '')] }
    case 'poll':
      return {
        ...base,
        minutes: 5,
        question: text('', ''),
        type: 'single',
        options: [
          { id: 'a', text: text('', '') },
          { id: 'b', text: text('', '') }
        ]
      }
    case 'activity':
      return { ...base, instructions: text('', '') }
    case 'quiz':
      return { ...base, role: 'practice', passMarkPercent: 70, questions: [] }
    case 'break':
      return { id, kind, title: text('Giải lao', 'Break'), minutes: 15 }
    default:
      return base
  }
}
