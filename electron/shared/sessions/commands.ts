import { z } from 'zod'
import type { MessageKey, MessageParams } from '../i18n/translate'
import { LocalizedError, userMessage } from '../i18n/user-message'
import type { Block, PollBlock } from '../workshops/schema'
import { choiceLimit } from './choice-limit'
import { SessionStatusSchema } from './ids'
import { AGE_GROUPS, SEXES, SHEET_SOURCES, type PollRun, type Session } from './model'
import { normalizeParticipantNumber } from './participants'
import { moderateQuestion, QUESTION_ACTIONS } from './questions'
import { cleanRanking } from './words-ranking'
import { slidesIn } from '../i18n/text-in'

/** Everything the trainer can do during a session. Each command is validated, applied, then saved. */
export const SessionCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('next') }),
  z.strictObject({ type: z.literal('previous') }),
  z.strictObject({
    type: z.literal('goto'),
    block: z.number().int().min(0),
    slide: z.number().int().min(0).default(0)
  }),
  z.strictObject({ type: z.literal('blank'), mode: z.enum(['black', 'white', 'pause']).nullable() }),
  z.strictObject({ type: z.literal('timer'), action: z.enum(['start', 'stop', 'reset']) }),
  z.strictObject({ type: z.literal('pollOpen'), blockId: z.string().max(100), mode: z.enum(['tally', 'phones']) }),
  z.strictObject({ type: z.literal('pollClose'), blockId: z.string().max(100) }),
  z.strictObject({ type: z.literal('pollHideResults'), blockId: z.string().max(100), hidden: z.boolean() }),
  z.strictObject({
    type: z.literal('tallySet'),
    blockId: z.string().max(100),
    key: z.string().max(210),
    count: z.number().int().min(0).max(100_000)
  }),
  z.strictObject({
    type: z.literal('tallyRespondents'),
    blockId: z.string().max(100),
    count: z.number().int().min(0).max(100_000)
  }),
  z.strictObject({
    type: z.literal('moderate'),
    blockId: z.string().max(100),
    deviceKey: z.string().max(100),
    approved: z.boolean()
  }),
  /** Every entry of one word-cloud word at once: the trainer approves (or hides) the word, not each phone. */
  z.strictObject({
    type: z.literal('moderateWord'),
    blockId: z.string().max(100),
    word: z.string().max(300),
    approved: z.boolean()
  }),
  z.strictObject({
    type: z.literal('sheetAnswer'),
    blockId: z.string().max(100),
    participantNumber: z.string().max(40),
    source: z.enum(SHEET_SOURCES),
    /** Question id → chosen options; merged into the number's row, an empty list clears that question. */
    values: z
      .record(z.string().max(100), z.array(z.string().max(100)).max(10))
      .refine((v) => Object.keys(v).length <= 100)
  }),
  z.strictObject({
    type: z.literal('sheetRemove'),
    blockId: z.string().max(100),
    participantNumber: z.string().max(40)
  }),
  z.strictObject({
    type: z.literal('attendanceSet'),
    sex: z.enum(SEXES),
    ageGroup: z.enum(AGE_GROUPS),
    count: z.number().int().min(0).max(100_000)
  }),
  z.strictObject({
    type: z.literal('noteAdd'),
    blockId: z.string().max(100),
    group: z.string().trim().max(60),
    text: z.string().trim().min(1).max(2000)
  }),
  z.strictObject({ type: z.literal('noteRemove'), noteId: z.string().max(100) }),
  z.strictObject({ type: z.literal('parkingAdd'), text: z.string().trim().min(1).max(1000) }),
  z.strictObject({ type: z.literal('parkingRemove'), itemId: z.string().max(100) }),
  z.strictObject({ type: z.literal('closingRemarks'), text: z.string().max(10_000) }),
  z.strictObject({ type: z.literal('status'), status: SessionStatusSchema }),
  z.strictObject({ type: z.literal('question'), questionId: z.string().max(100), action: z.enum(QUESTION_ACTIONS) }),
  z.strictObject({ type: z.literal('screen'), mode: z.enum(['questions']).nullable() })
])
export type SessionCommand = z.infer<typeof SessionCommandSchema>

/** A command that cannot apply to the session as it is (e.g. counting votes of a poll that is not open). */
export class CommandError extends LocalizedError {
  constructor(key: MessageKey, params: MessageParams = {}) {
    super(userMessage(key, params))
    this.name = 'CommandError'
  }
}

export function currentBlock(session: Session): Block {
  const block = session.snapshot.manifest.blocks[session.position.block]
  if (!block) throw new CommandError('error.no-current-block')
  return block
}

/** Pages of a block the slide keys move through: slides, or a quiz's questions (see quizPageCount). */
export function slideCount(session: Session, blockIndex: number): number {
  const block = session.snapshot.manifest.blocks[blockIndex]
  if (block?.kind === 'quiz') return quizPageCount(block, session)
  if (block?.kind !== 'slides') return 1
  const slides = session.snapshot.slides[block.id]
  return slides ? slidesIn(slides, session.details.language, session.snapshot.manifest.languages).length : 1
}

/**
 * A quiz on the projector: one page per question, and after a closed post-test, when the workshop has a
 * pre-test, one more page comparing the two.
 */
export function quizPageCount(block: Block, session: Session): number {
  const questions = Math.max(1, quizQuestions(block, session).length)
  const comparison =
    block.kind === 'quiz' &&
    block.role === 'post' &&
    session.polls[block.id]?.status === 'closed' &&
    session.snapshot.manifest.blocks.some((b) => b.kind === 'quiz' && b.role === 'pre')
  return questions + (comparison ? 1 : 0)
}

export function findBlock(session: Session, blockId: string): Block {
  const block = session.snapshot.manifest.blocks.find((b) => b.id === blockId)
  if (!block) throw new CommandError('error.no-block', { block: blockId })
  return block
}

type CommandType = SessionCommand['type']
type CommandOf<T extends CommandType> = Extract<SessionCommand, { type: T }>
/** How each command changes the session, by its type; the table makes a forgotten command a type error. */
type Appliers = { [T in CommandType]: (session: Session, command: CommandOf<T>, now: Date) => void }

/** Applies one command to the session in place. Pure apart from `now` and new ids. */
export function applyCommand(session: Session, command: SessionCommand, now: Date): void {
  const apply = APPLIERS[command.type] as (session: Session, command: SessionCommand, now: Date) => void
  apply(session, command, now)
  session.updatedAt = now.toISOString()
}

const navigation: Pick<Appliers, 'next' | 'previous' | 'goto' | 'blank'> = {
  next(session, _command, now) {
    const { block, slide } = session.position
    if (slide + 1 < slideCount(session, block)) moveTo(session, block, slide + 1, now)
    else if (block + 1 < session.snapshot.manifest.blocks.length) moveTo(session, block + 1, 0, now)
  },
  previous(session, _command, now) {
    const { block, slide } = session.position
    if (slide > 0) moveTo(session, block, slide - 1, now)
    else if (block > 0) moveTo(session, block - 1, slideCount(session, block - 1) - 1, now)
  },
  goto(session, command, now) {
    if (command.block >= session.snapshot.manifest.blocks.length)
      throw new CommandError('error.no-block', { block: command.block + 1 })
    moveTo(session, command.block, Math.min(command.slide, slideCount(session, command.block) - 1), now)
  },
  blank(session, command) {
    session.blank = command.mode
  }
}

const polls: Pick<
  Appliers,
  'pollOpen' | 'pollClose' | 'pollHideResults' | 'tallySet' | 'tallyRespondents' | 'moderate' | 'moderateWord'
> = {
  pollOpen(session, command, now) {
    const block = findBlock(session, command.blockId)
    if (block.kind !== 'poll' && block.kind !== 'quiz') throw new CommandError('error.not-a-poll')
    const existing = session.polls[block.id]
    if (existing) {
      existing.status = 'open'
      existing.mode = command.mode
      existing.closedAt = null
    } else {
      session.polls[block.id] = newRun(block, command.mode, 'open', now.toISOString())
    }
  },
  pollClose(session, command, now) {
    const run = pollRun(session, command.blockId)
    run.status = 'closed'
    run.closedAt = now.toISOString()
  },
  pollHideResults(session, command) {
    pollRun(session, command.blockId).hideResults = command.hidden
  },
  tallySet(session, command) {
    const block = findBlock(session, command.blockId)
    if (!tallyKeys(block, session).includes(command.key))
      throw new CommandError('error.no-option', { option: command.key })
    pollRun(session, command.blockId).tally[command.key] = command.count
  },
  tallyRespondents(session, command) {
    pollRun(session, command.blockId).tallyRespondents = command.count
  },
  moderate(session, command) {
    const run = pollRun(session, command.blockId)
    if (!run.answers[command.deviceKey]) throw new CommandError('error.no-answer')
    run.approved = run.approved.filter((key) => key !== command.deviceKey)
    if (command.approved) run.approved.push(command.deviceKey)
  },
  moderateWord(session, command) {
    const run = pollRun(session, command.blockId)
    const devices = Object.keys(run.answers).filter(
      (key) => run.answers[key]!.values[command.blockId]?.[0] === command.word
    )
    if (devices.length === 0) throw new CommandError('error.no-answer')
    run.approved = run.approved.filter((key) => !devices.includes(key))
    if (command.approved) run.approved.push(...devices)
  }
}

const sheets: Pick<Appliers, 'sheetAnswer' | 'sheetRemove'> = {
  sheetAnswer: recordSheetAnswer,
  sheetRemove(session, command, now) {
    delete ensureRun(session, command.blockId, now).sheets[sheetNumber(command.participantNumber)]
  }
}

/** What the trainer writes down during the session: attendance, notes, the parking lot, closing remarks. */
const records: Pick<
  Appliers,
  'attendanceSet' | 'noteAdd' | 'noteRemove' | 'parkingAdd' | 'parkingRemove' | 'closingRemarks'
> = {
  attendanceSet(session, command) {
    session.attendance[command.sex][command.ageGroup] = command.count
  },
  noteAdd(session, command, now) {
    findBlock(session, command.blockId)
    const note = {
      id: crypto.randomUUID(),
      blockId: command.blockId,
      group: command.group,
      text: command.text,
      at: now.toISOString()
    }
    session.notes.push(note)
  },
  noteRemove(session, command) {
    session.notes = session.notes.filter((n) => n.id !== command.noteId)
  },
  parkingAdd(session, command, now) {
    session.parkingLot.push({ id: crypto.randomUUID(), text: command.text, at: now.toISOString() })
  },
  parkingRemove(session, command) {
    session.parkingLot = session.parkingLot.filter((item) => item.id !== command.itemId)
  },
  closingRemarks(session, command) {
    session.closingRemarks = command.text
  }
}

const APPLIERS: Appliers = {
  ...navigation,
  ...polls,
  ...sheets,
  ...records,
  timer: (session, command, now) => applyTimer(session, command.action, now),
  status: (session, command, now) => setStatus(session, command.status, now),
  // Questions from the room (see questions.ts): the trainer's decision, and the projector's questions screen.
  question(session, command, now) {
    const refusal = moderateQuestion(session, command.questionId, command.action, now)
    if (refusal) throw new CommandError(refusal)
  },
  screen(session, command) {
    session.screen = command.mode
  }
}

/** The keys a show-of-hands tally can count: `<question>/<option>` (polls use the block id as question). */
export function tallyKeys(block: Block, session: Session): string[] {
  if (block.kind === 'poll') {
    if (block.ranking?.mode === 'order' && block.options) {
      const places = block.options.map((_, k) => k + 1)
      return block.options.flatMap((o) => places.map((k) => `${block.id}/${o.id}/${k}`))
    }
    if (block.options) return block.options.map((o) => `${block.id}/${o.id}`)
    if (block.scale) {
      const keys: string[] = []
      for (let n = block.scale.min; n <= block.scale.max; n++) keys.push(`${block.id}/${n}`)
      return keys
    }
    return []
  }
  if (block.kind === 'quiz')
    return quizQuestions(block, session).flatMap((q) => q.options.map((o) => `${q.id}/${o.id}`))
  return []
}

export function quizQuestions(block: Block, session: Session) {
  if (block.kind !== 'quiz') return []
  if (block.questions) return block.questions
  const from = session.snapshot.manifest.blocks.find((b) => b.id === block.questionsFrom)
  return from?.kind === 'quiz' ? (from.questions ?? []) : []
}

function newRun(block: Block, mode: PollRun['mode'], status: PollRun['status'], at: string): PollRun {
  return {
    mode,
    status,
    hideResults: block.kind === 'quiz',
    openedAt: at,
    closedAt: status === 'closed' ? at : null,
    tally: {},
    tallyRespondents: 0,
    answers: {},
    approved: [],
    sheets: {}
  }
}

/** The block's run; paper sheets may be typed in for a quiz never opened on screen, so one is made (closed). */
function ensureRun(session: Session, blockId: string, now: Date): PollRun {
  const block = findBlock(session, blockId)
  if (block.kind !== 'poll' && block.kind !== 'quiz') throw new CommandError('error.not-a-poll')
  session.polls[block.id] ??= newRun(block, 'tally', 'closed', now.toISOString())
  return session.polls[block.id]!
}

function sheetNumber(text: string): string {
  const number = normalizeParticipantNumber(text)
  if (number === null) throw new CommandError('error.bad-participant-number', { number: text.slice(0, 40) })
  return number
}

/** The options each question of a poll or quiz offers, and whether it takes several. */
function sheetQuestions(block: Block, session: Session): Map<string, { options: string[]; multiple: boolean }> {
  if (block.kind === 'quiz') {
    return new Map(
      quizQuestions(block, session).map((q) => [q.id, { options: q.options.map((o) => o.id), multiple: q.multiple }])
    )
  }
  if (block.kind !== 'poll' || block.type === 'open' || block.type === 'words')
    throw new CommandError('error.not-on-sheets')
  const options = block.scale
    ? tallyKeys(block, session).map((key) => key.slice(block.id.length + 1))
    : (block.options ?? []).map((o) => o.id)
  return new Map([[block.id, { options, multiple: block.type === 'multiple' }]])
}

/** Merges one person's paper or card answers into their row, checking each against its question first. */
function recordSheetAnswer(
  session: Session,
  command: Extract<SessionCommand, { type: 'sheetAnswer' }>,
  now: Date
): void {
  const number = sheetNumber(command.participantNumber)
  const block = findBlock(session, command.blockId)
  const questions = sheetQuestions(block, session)
  const cleaned: Record<string, string[]> = {}
  for (const [questionId, chosen] of Object.entries(command.values)) {
    const question = questions.get(questionId)
    if (!question) throw new CommandError('error.no-question', { question: questionId })
    if (block.kind === 'poll' && block.type === 'ranking') {
      cleaned[questionId] = sheetRanking(block, chosen)
      continue
    }
    const unique = [...new Set(chosen)]
    const unknown = unique.find((option) => !question.options.includes(option))
    if (unknown !== undefined) throw new CommandError('error.no-option', { option: unknown })
    if (!question.multiple && unique.length > 1)
      throw new CommandError('error.one-answer-only', { question: questionId })
    const limit = choiceLimit(block)
    if (limit !== null && unique.length > limit) throw new CommandError('error.too-many-choices', { max: limit })
    cleaned[questionId] = unique
  }
  const run = ensureRun(session, block.id, now)
  const previous = Object.hasOwn(run.sheets, number) ? run.sheets[number]!.values : {}
  const values = { ...previous, ...cleaned }
  for (const [questionId, chosen] of Object.entries(values)) if (chosen.length === 0) delete values[questionId]
  if (Object.keys(values).length === 0) delete run.sheets[number]
  else run.sheets[number] = { values, source: command.source, at: now.toISOString() }
}

/** A person's ranks or points from the paper entry screen, in the stored form; an empty list clears them. */
function sheetRanking(block: PollBlock, chosen: string[]): string[] {
  if (chosen.length === 0) return []
  const ranking = cleanRanking(block, chosen)
  if (!ranking) throw new CommandError('error.ranking-invalid', { question: block.id })
  return ranking
}

function pollRun(session: Session, blockId: string): PollRun {
  const run = session.polls[blockId]
  if (!run) throw new CommandError('error.poll-not-opened')
  return run
}

function moveTo(session: Session, block: number, slide: number, now: Date): void {
  const changedBlock = block !== session.position.block
  session.position = { block, slide }
  if (changedBlock || session.timeline.length === 0) startBlockClock(session, now)
}

/** Closes the running timeline entry and starts one for the current block; sets up its countdown. */
export function startBlockClock(session: Session, now: Date): void {
  const at = now.toISOString()
  const open = session.timeline.at(-1)
  if (open && open.endedAt === null) open.endedAt = at
  const block = currentBlock(session)
  if (session.status === 'running') session.timeline.push({ blockId: block.id, startedAt: at, endedAt: null })
  const timed = block.kind === 'discussion' || block.kind === 'activity' || block.kind === 'break'
  session.timer = timed
    ? { blockId: block.id, durationMs: block.minutes * 60_000, startedAt: null, elapsedMs: 0 }
    : null
}

function applyTimer(session: Session, action: 'start' | 'stop' | 'reset', now: Date): void {
  const timer = session.timer
  if (!timer) throw new CommandError('error.no-timer')
  if (action === 'start' && timer.startedAt === null) timer.startedAt = now.toISOString()
  if (action === 'stop' && timer.startedAt !== null) {
    timer.elapsedMs += now.getTime() - Date.parse(timer.startedAt)
    timer.startedAt = null
  }
  if (action === 'reset') {
    timer.startedAt = null
    timer.elapsedMs = 0
  }
}

function setStatus(session: Session, status: Session['status'], now: Date): void {
  if (status === session.status) return
  const at = now.toISOString()
  const open = session.timeline.at(-1)
  if (status !== 'running') {
    if (open && open.endedAt === null) open.endedAt = at
    if (session.timer?.startedAt) applyTimer(session, 'stop', now)
  } else {
    session.timeline.push({ blockId: currentBlock(session).id, startedAt: at, endedAt: null })
  }
  session.status = status
}
