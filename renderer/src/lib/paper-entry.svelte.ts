import type { UserMessage } from '../../../electron/shared/i18n/user-message'
import { userMessage } from '../../../electron/shared/i18n/user-message'
import { quizQuestions, type SessionCommand } from '../../../electron/shared/sessions/commands'
import type { SheetAnswer, Session } from '../../../electron/shared/sessions/model'
import {
  emptyDraft,
  lettersOf,
  paperBlocks,
  pressKey,
  type EntryDraft,
  type PaperBlock
} from '../../../electron/shared/sessions/paper-entry'
import { isCorrect, pollResults, quizResults } from '../../../electron/shared/sessions/results'

export interface PaperEntryDeps {
  /** The session as it is now (live state with its workshop snapshot), null while it loads. */
  session: () => Session | null
  /** Sends one session command; true once the core has applied it. */
  send: (command: SessionCommand) => Promise<boolean>
}

/** A saved row as the screen lists it. */
export interface EntryRow {
  number: string
  letters: string[]
  source: SheetAnswer['source']
  /** Questions right, for a quiz; null for a poll. */
  correct: number | null
  /** The letters a phone with the same number gave, when they differ (the paper row counts). */
  phoneLetters: string[] | null
}

/** A row saved or removed here, with what it replaced (null: it was new), for Ctrl+Z. */
interface UndoEntry {
  blockId: string
  number: string
  previous: SheetAnswer | null
}

/**
 * Typing paper answer sheets in (keys: see electron/shared/sessions/paper-entry.ts). Each row is sent as
 * a `sheetAnswer` command the moment Enter is pressed, and the next row can be typed at once, while
 * it is on its way. Ctrl+Z undoes the last saved row: its previous content comes back, or it goes.
 */
export class PaperEntryState {
  blockId = $state<string | null>(null)
  draft = $state.raw<EntryDraft>(emptyDraft([]))
  message = $state.raw<{ text: UserMessage; kind: 'error' | 'ask' | 'done' } | null>(null)
  /** The number of the row saved last (highlighted in the list). */
  lastSaved = $state<string | null>(null)
  /** Rows sent and not yet acknowledged. */
  sending = $state(0)
  private undoStack = $state.raw<UndoEntry[]>([])
  private queue: Promise<unknown> = Promise.resolve()
  /** Numbers sent but not yet in the session: a second row with one of them is a duplicate too. */
  private inFlight: string[] = []

  constructor(private readonly deps: PaperEntryDeps) {}

  readonly blocks = $derived.by((): PaperBlock[] => {
    const session = this.deps.session()
    return session ? paperBlocks(session.snapshot.manifest, true) : []
  })
  readonly paper = $derived(this.blocks.find((b) => b.block.id === this.blockId) ?? this.blocks[0] ?? null)
  readonly questions = $derived(this.paper?.questions ?? [])
  readonly canUndo = $derived(this.undoStack.some((entry) => entry.blockId === this.paper?.block.id))

  readonly rows = $derived.by((): EntryRow[] => {
    const session = this.deps.session()
    const paper = this.paper
    const run = paper && session?.polls[paper.block.id]
    if (!session || !paper || !run) return []
    const block = paper.block
    const conflicts = block.kind === 'quiz' ? quizResults(block, session).conflicts : pollResults(block, run).conflicts
    const scored = quizQuestions(block, session)
    return (
      Object.entries(run.sheets)
        // Newest first, right under the row being typed: the typist checks what they just entered.
        .sort(([a, x], [b, y]) => y.at.localeCompare(x.at) || b.localeCompare(a, undefined, { numeric: true }))
        .map(([number, sheet]) => {
          const conflict = conflicts.find((c) => c.participantNumber === number)
          return {
            number,
            letters: paper.questions.map((q) => lettersOf(q, sheet.values[q.id])),
            source: sheet.source,
            correct: block.kind === 'quiz' ? scored.filter((q) => isCorrect(q, sheet.values[q.id])).length : null,
            phoneLetters: conflict ? paper.questions.map((q) => lettersOf(q, conflict.phone[q.id])) : null
          }
        })
    )
  })

  /** Shows another quiz or poll; the row being typed is dropped. */
  choose(blockId: string): void {
    this.blockId = blockId
    this.reset()
  }

  reset(): void {
    this.draft = emptyDraft(this.questions)
    this.message = null
  }

  /** One key of the typist; false when the key is not for the entry (the browser handles it). */
  press(key: string, modifiers: { shift: boolean; ctrl: boolean }): boolean {
    const paper = this.paper
    if (!paper) return false
    if (modifiers.ctrl) {
      if (key.toLowerCase() !== 'z') return false
      void this.undo()
      return true
    }
    if (this.draft.answers.length !== paper.questions.length) this.draft = emptyDraft(paper.questions)
    const existing = [...Object.keys(this.deps.session()?.polls[paper.block.id]?.sheets ?? {}), ...this.inFlight]
    const result = pressKey(this.draft, { key, shift: modifiers.shift }, { questions: paper.questions, existing })
    if (result.ignored) return false
    this.draft = result.draft
    this.message = result.message
      ? { text: result.message, kind: result.message.key === 'paper.ask.replace' ? 'ask' : 'error' }
      : null
    if (result.save) this.save(paper, result.save.participantNumber, result.save.values)
    return true
  }

  /** Undoes the last row saved or removed here; waits for the commands before it, so it never overtakes them. */
  undo(): Promise<void> {
    const blockId = this.paper?.block.id
    const index = this.undoStack.findLastIndex((entry) => entry.blockId === blockId)
    const entry = this.undoStack[index]
    const questions = this.questions
    if (!entry) return Promise.resolve()
    this.undoStack = this.undoStack.filter((_, i) => i !== index)
    return this.enqueue((): SessionCommand => {
      const previous = entry.previous
      if (!previous) return { type: 'sheetRemove', blockId: entry.blockId, participantNumber: entry.number }
      // Every question, so answers of the undone row that the old one did not have are cleared.
      const values = Object.fromEntries(questions.map((q) => [q.id, previous.values[q.id] ?? []]))
      return {
        type: 'sheetAnswer',
        blockId: entry.blockId,
        participantNumber: entry.number,
        source: previous.source,
        values
      }
    }).then((done) => {
      if (!done) return
      const key = entry.previous ? 'paper.undone.restored' : 'paper.undone.removed'
      this.message = { text: userMessage(key, { number: entry.number }), kind: 'done' }
      this.lastSaved = null
    })
  }

  /** Removes a saved row (a number typed wrong); Ctrl+Z brings it back. */
  remove(number: string): Promise<void> {
    const blockId = this.paper?.block.id
    if (!blockId) return Promise.resolve()
    const entry = this.remember(blockId, number)
    return this.enqueue(() => {
      entry.previous = this.currentRow(blockId, number)
      return { type: 'sheetRemove', blockId, participantNumber: number }
    }).then((done) => {
      if (!done) return this.forget(entry)
      this.message = { text: userMessage('paper.removed', { number }), kind: 'done' }
      if (this.lastSaved === number) this.lastSaved = null
    })
  }

  /**
   * Sends a typed row. The undo entry exists at once, so Ctrl+Z right after Enter undoes this row; what
   * the row replaces is read just before sending, when the rows sent before it have been applied.
   */
  private save(paper: PaperBlock, number: string, values: Record<string, string[]>): void {
    const blockId = paper.block.id
    const entry = this.remember(blockId, number)
    this.inFlight.push(number)
    this.sending++
    void this.enqueue(() => {
      entry.previous = this.currentRow(blockId, number)
      return { type: 'sheetAnswer', blockId, participantNumber: number, source: 'paper', values }
    }).then((saved) => {
      this.sending--
      this.inFlight.splice(this.inFlight.indexOf(number), 1)
      if (saved) {
        this.lastSaved = number
      } else {
        this.forget(entry)
        this.message = { text: userMessage('paper.error.notSaved', { number }), kind: 'error' }
      }
    })
  }

  /** One command after another, in the order they were typed: a save, then its undo. */
  private enqueue(command: () => SessionCommand): Promise<boolean> {
    const sent = this.queue.then(() => this.deps.send(command()))
    this.queue = sent.catch(() => false)
    return sent
  }

  private currentRow(blockId: string, number: string): SheetAnswer | null {
    const row = this.deps.session()?.polls[blockId]?.sheets[number]
    return row ? structuredClone(row) : null
  }

  private remember(blockId: string, number: string): UndoEntry {
    const entry: UndoEntry = { blockId, number, previous: null }
    this.undoStack = [...this.undoStack.slice(-199), entry]
    return entry
  }

  private forget(entry: UndoEntry): void {
    this.undoStack = this.undoStack.filter((e) => e !== entry)
  }
}
