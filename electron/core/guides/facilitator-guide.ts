import type { LoadedWorkshop } from '../workshops/loader'
import type { Bilingual } from '../../shared/i18n/language'
import type { Block, PollBlock, QuizQuestion } from '../../shared/workshops/schema'
import { stripCitations } from '../../shared/workshops/citations'
import { CitedTexts, type VerifyItem } from './cited-text'
import { GUIDE_LABELS, type GuideLabels, type GuideLanguage } from './labels'
import { escapeHtml, formatClock, parseClock, printableDocument } from './printable-html'
import { slidesIn, textIn } from '../../shared/i18n/text-in'

/**
 * The facilitator guide: everything a trainer needs on paper to run the workshop in a room with no
 * power: cover and content note, agenda with clock times, each block on its own pages (notes, slides
 * beside their speaker notes, prompts, polls, quizzes with the answer key), then the safeguarding
 * notes, the sources and the checklist of claims to verify locally.
 *
 * Every workshop text goes through `escapeHtml` (via CitedTexts); slide Markdown goes through the
 * app's `renderMarkdown`, which escapes raw HTML; slide images are embedded as the data URLs the
 * loader made (the document's CSP allows `data:` images and nothing else), sized for paper, with
 * their alt text as the caption.
 */

export const DEFAULT_START_TIME = '08:00'

export interface FacilitatorGuideOptions {
  /** Clock time the session starts, `HH:MM` (default: the workshop's `plannedStart`, else 08:00); the agenda's times count from it. */
  startTime?: string
}

export interface AgendaEntry {
  block: Block
  /** 1-based position in the agenda. */
  number: number
  /** Minutes since midnight (may pass 24:00 for a late session; shown wrapped). */
  start: number
  end: number
}

/** Planned clock times of each block: each starts when the one before ends. */
export function agendaTimes(workshop: LoadedWorkshop, startTime: string = startOf(workshop)): AgendaEntry[] {
  let clock = parseClock(startTime)
  return workshop.manifest.blocks.map((block, index) => {
    const entry = { block, number: index + 1, start: clock, end: clock + block.minutes }
    clock = entry.end
    return entry
  })
}

/** The `[@verify-locally]` checklist exactly as the guide prints it, for the given language. */
export function verifyLocallyItems(workshop: LoadedWorkshop, language: GuideLanguage): VerifyItem[] {
  return new GuideWriter(workshop, language, DEFAULT_START_TIME).write().texts.verifyItems
}

export function facilitatorGuideHtml(
  workshop: LoadedWorkshop,
  language: GuideLanguage,
  options: FacilitatorGuideOptions = {}
): string {
  return new GuideWriter(workshop, language, options.startTime ?? startOf(workshop)).write().html
}

/** The time a workshop's agenda counts from when none is given: its planned start, else 08:00. */
function startOf(workshop: LoadedWorkshop): string {
  return workshop.manifest.plannedStart ?? DEFAULT_START_TIME
}

const letter = (index: number): string => String.fromCharCode(65 + index)

/** An image as renderMarkdown writes it (src and alt already escaped there). */
const RENDERED_IMAGE = /<img class="slide-image" src="([^"]*)" alt="([^"]*)">/g

/**
 * Each slide image with its alt text printed below it as the caption. Spans styled as blocks, since
 * the image sits inside a paragraph where a <figure> is not allowed.
 */
function withCaptions(html: string): string {
  return html.replace(
    RENDERED_IMAGE,
    (image, _src: string, alt: string) =>
      `<span class="guide-figure">${image}${alt ? `<span class="guide-caption">${alt}</span>` : ''}</span>`
  )
}

const GUIDE_STYLE = `
.doc-kind { font-size: 9pt; font-weight: 700; letter-spacing: 0.08em; text-transform: uppercase; margin: 0 0 2mm; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 4mm; margin: 0 0 3mm; }
.facts dt { font-weight: 700; }
.facts dd { margin: 0; }
.summary { font-size: 10pt; }
.content-note { border: 2.5pt solid #000; border-radius: 2mm; padding: 3mm 4mm 2mm; margin: 4mm 0; font-size: 12pt;
  break-inside: avoid; }
.content-note h2 { margin: 0 0 1mm; }
.content-note .hint { font-size: 9.5pt; font-style: italic; }
.before { font-weight: 700; border-left: 2.5pt solid #000; padding-left: 3mm; }
.agenda td.num, .agenda td.start, .agenda td.end, .agenda td.minutes { white-space: nowrap;
  font-variant-numeric: tabular-nums; }
.agenda tfoot th, .agenda tfoot td { font-weight: 700; }
section.block, section.appendix { break-before: page; page-break-before: always; }
.block-head { display: flex; justify-content: space-between; gap: 4mm; border-bottom: 1.5pt solid #000;
  padding-bottom: 1mm; font-size: 9.5pt; font-weight: 700; }
.block h2 { margin-top: 2mm; }
.facilitator-notes { border-left: 2.5pt solid #000; padding: 0.5mm 0 0.5mm 3mm; margin: 0 0 4mm; }
.facilitator-notes h3 { margin-top: 0; }
.slide { break-inside: avoid; border-top: 0.6pt solid #777; padding: 2.5mm 0 3mm; }
.slide-label { font-size: 8.5pt; font-weight: 700; margin-bottom: 1.5mm; }
.slide-row { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
.slide-face { border: 1pt solid #000; border-radius: 1.5mm; padding: 3mm; font-size: 10pt; }
.slide-face h1 { font-size: 13pt; margin: 0 0 2mm; }
.slide-face h2, .slide-face h3 { font-size: 11pt; margin: 0 0 1.5mm; }
.slide-notes { font-size: 9.5pt; }
.guide-figure { display: block; margin: 1.5mm 0; break-inside: avoid; }
.guide-figure img { display: block; max-width: 100%; max-height: 60mm; width: auto; height: auto; object-fit: contain; }
.guide-caption { display: block; margin-top: 1mm; font-size: 8.5pt; font-style: italic; color: #333; }
.notes-label { font-size: 8.5pt; font-weight: 700; text-transform: uppercase; letter-spacing: 0.05em; margin-bottom: 1mm; }
.prompt { border: 1pt solid #000; border-radius: 1.5mm; padding: 2.5mm 3mm 1mm; margin: 0 0 3mm; font-size: 11pt; }
.meta { font-size: 9.5pt; font-weight: 700; }
.tally td.count { width: 25mm; }
.questions { list-style: none; padding-left: 0; }
.question { break-inside: avoid; margin: 0 0 4mm; }
.q-head { font-size: 9.5pt; }
.q-text { font-weight: 600; margin: 0.5mm 0 1mm; }
.options { list-style: none; padding-left: 1mm; margin-bottom: 1mm; }
.option { display: flex; gap: 1.5mm; margin: 0 0 0.8mm; }
.option .mark { flex: 0 0 4mm; font-weight: 700; }
.option .letter { flex: 0 0 5mm; }
.option .count-blank { flex: 0 0 18mm; margin-left: auto; border-bottom: 0.6pt solid #000; }
.option.correct { font-weight: 700; }
.explanation { font-size: 9.5pt; }
.reuse { font-style: italic; }
.sources td.id { white-space: nowrap; font-family: ui-monospace, "DejaVu Sans Mono", Consolas, monospace; font-size: 9pt; }
.sources td.cited { white-space: nowrap; }
.verify-list { list-style: none; padding-left: 0; }
.verify-list li { display: grid; grid-template-columns: 6mm 8mm 1fr; break-inside: avoid; margin: 0 0 2mm; }
.verify-list .num { font-weight: 700; }
.verify-list .where { display: block; font-size: 8.5pt; color: #333; }
`

class GuideWriter {
  private readonly labels: GuideLabels
  readonly texts: CitedTexts
  private readonly agenda: AgendaEntry[]
  private readonly start: number

  constructor(
    private readonly workshop: LoadedWorkshop,
    private readonly language: GuideLanguage,
    startTime: string
  ) {
    this.labels = GUIDE_LABELS[language]
    this.texts = new CitedTexts(this.labels, language)
    this.start = parseClock(startTime)
    this.agenda = agendaTimes(workshop, startTime)
  }

  write(): { html: string; texts: CitedTexts } {
    const { manifest } = this.workshop
    const L = this.labels
    // Rendered in reading order, so the checklist numbers follow the document.
    const cover = this.cover()
    const agenda = this.agendaTable()
    const blocks = this.agenda.map((entry) => this.blockSection(entry)).join('\n')
    const safeguarding = this.safeguarding()
    const sources = this.sources()
    const verify = this.verifyList()
    const before = `<p class="before">${escapeHtml(L.beforeSession(this.texts.verifyItems.length))}</p>`
    const title = `${stripCitations(this.pick(manifest.title))} · ${L.guideTitle}`
    const body = [cover.replace('<!--before-->', before), agenda, blocks, safeguarding, sources, verify].join('\n')
    // Escaped text holds no "<": an <img in the body is a slide image, and only then are data: images allowed.
    const dataImages = body.includes('<img ')
    return {
      html: printableDocument({ language: this.language, title, style: GUIDE_STYLE, body, dataImages }),
      texts: this.texts
    }
  }

  private pick(text: Bilingual): string {
    return textIn(text, this.language, this.workshop.manifest.languages)
  }

  private cover(): string {
    const { manifest } = this.workshop
    const L = this.labels
    const t = this.texts
    const end = this.start + manifest.durationMinutes
    const groups = manifest.audience.groups.map((group) => L.audienceGroups[group]).join(', ')
    const objectives = manifest.objectives
      .map(
        (objective, i) => `<li>${t.inline(`objective:${i}`, this.pick(objective.text), L.whereObjective(i + 1))}</li>`
      )
      .join('')
    return [
      '<header class="cover">',
      `<p class="doc-kind">${escapeHtml(L.guideTitle)}</p>`,
      `<h1>${t.inline('title', this.pick(manifest.title), L.whereTitle)}</h1>`,
      '<dl class="facts">',
      `<dt>${escapeHtml(L.version)}</dt><dd>${escapeHtml(manifest.version)}</dd>`,
      `<dt>${escapeHtml(L.audience)}</dt><dd><strong>${escapeHtml(groups)}</strong><br>` +
        `${t.inline('audience', this.pick(manifest.audience.description), L.whereAudience)}</dd>`,
      `<dt>${escapeHtml(L.totalDuration)}</dt><dd class="total-duration">${escapeHtml(L.minutes(manifest.durationMinutes))} ` +
        `(${formatClock(this.start)}–${formatClock(end)})</dd>`,
      '</dl>',
      `<div class="summary">${t.paragraphs('summary', this.pick(manifest.summary), L.whereSummary)}</div>`,
      '<section class="content-note">',
      `<h2>${escapeHtml(L.contentNote)}</h2>`,
      `<p class="hint">${escapeHtml(L.contentNoteHint)}</p>`,
      t.paragraphs('content-note', this.pick(manifest.contentNote), L.contentNote),
      '</section>',
      '<!--before-->',
      `<h2>${escapeHtml(L.objectives)}</h2>`,
      `<ol class="objectives">${objectives}</ol>`,
      '</header>'
    ].join('\n')
  }

  private blockTitle(block: Block, number: number): string {
    return this.texts.inline(`block:${block.id}:title`, this.pick(block.title), this.where(number, block))
  }

  private where(number: number, block: Block, detail?: string): string {
    const base = this.labels.whereBlock(number, stripCitations(this.pick(block.title)))
    return detail ? `${base} · ${detail}` : base
  }

  private agendaTable(): string {
    const L = this.labels
    const rows = this.agenda
      .map(
        ({ block, number, start, end }) =>
          `<tr data-block="${escapeHtml(block.id)}"><td class="num">${number}</td>` +
          `<td class="start">${formatClock(start)}</td><td class="end">${formatClock(end)}</td>` +
          `<td class="minutes">${block.minutes}</td><td>${escapeHtml(L.blockKinds[block.kind])}</td>` +
          `<td>${this.blockTitle(block, number)}</td></tr>`
      )
      .join('\n')
    // The agenda's own total: the blocks' minutes (the cover gives the stated duration, which may differ).
    const total = this.agenda.reduce((sum, entry) => sum + entry.block.minutes, 0)
    return [
      '<section class="agenda">',
      `<h2>${escapeHtml(L.agenda)}</h2>`,
      '<table class="agenda">',
      `<thead><tr><th>${escapeHtml(L.agendaNumber)}</th><th>${escapeHtml(L.agendaStart)}</th>` +
        `<th>${escapeHtml(L.agendaEnd)}</th><th>${escapeHtml(L.agendaMinutes)}</th>` +
        `<th>${escapeHtml(L.agendaKind)}</th><th>${escapeHtml(L.agendaPart)}</th></tr></thead>`,
      `<tbody>\n${rows}\n</tbody>`,
      `<tfoot><tr><th colspan="3">${escapeHtml(L.agendaTotal)}</th><td>${total}</td>` +
        `<td colspan="2">${formatClock(this.start)}–${formatClock(this.start + total)}</td></tr></tfoot>`,
      '</table>',
      '</section>'
    ].join('\n')
  }

  private blockSection(entry: AgendaEntry): string {
    const { block, number, start, end } = entry
    const L = this.labels
    const t = this.texts
    const notes = block.notes
      ? `<div class="facilitator-notes"><h3>${escapeHtml(L.facilitatorNotes)}</h3>` +
        `${t.paragraphs(`block:${block.id}:notes`, this.pick(block.notes), this.where(number, block))}</div>`
      : ''
    return [
      `<section class="block block-${block.kind}" id="block-${escapeHtml(block.id)}">`,
      `<div class="block-head"><span>${escapeHtml(`${L.part(number)} · ${L.blockKinds[block.kind]}`)}</span>` +
        `<span>${formatClock(start)}–${formatClock(end)} · ${escapeHtml(L.minutes(block.minutes))}</span></div>`,
      `<h2>${this.blockTitle(block, number)}</h2>`,
      notes,
      this.blockBody(block, number),
      '</section>'
    ].join('\n')
  }

  private blockBody(block: Block, number: number): string {
    switch (block.kind) {
      case 'slides':
        return this.slides(block, number)
      case 'discussion':
        return this.discussion(block, number)
      case 'poll':
        return this.poll(block, number)
      case 'quiz':
        return this.quiz(block, number)
      case 'activity':
        return this.activity(block, number)
      case 'break':
        return ''
    }
  }

  private slides(block: Extract<Block, { kind: 'slides' }>, number: number): string {
    const L = this.labels
    const slides = slidesIn(this.workshop.slides[block.id], this.language, this.workshop.manifest.languages)
    return slides
      .map((slide, i) => {
        const key = `block:${block.id}:slide:${i}`
        const images = this.workshop.images
        const face = withCaptions(
          this.texts.markdown(`${key}:body`, slide.body, this.where(number, block, L.whereSlide(i + 1)), images)
        )
        const notes = slide.notes
          ? withCaptions(
              this.texts.markdown(
                `${key}:notes`,
                slide.notes,
                this.where(number, block, L.whereSlideNotes(i + 1)),
                images
              )
            )
          : `<p class="muted">${escapeHtml(L.noSpeakerNotes)}</p>`
        return (
          `<article class="slide"><div class="slide-label">${escapeHtml(L.slide(i + 1, slides.length))}</div>` +
          `<div class="slide-row"><div class="slide-face">${face}</div>` +
          `<div class="slide-notes"><div class="notes-label">${escapeHtml(L.speakerNotes)}</div>${notes}</div></div></article>`
        )
      })
      .join('\n')
  }

  private discussion(block: Extract<Block, { kind: 'discussion' }>, number: number): string {
    const L = this.labels
    const t = this.texts
    const where = this.where(number, block)
    const debrief = block.debrief
      .map((question, i) => `<li>${t.inline(`block:${block.id}:debrief:${i}`, this.pick(question), where)}</li>`)
      .join('')
    return [
      `<h3>${escapeHtml(L.discussionPrompt)}</h3>`,
      `<div class="prompt">${t.paragraphs(`block:${block.id}:prompt`, this.pick(block.prompt), where)}</div>`,
      block.groupSize === undefined ? '' : `<p class="meta">${escapeHtml(L.groupSize(block.groupSize))}</p>`,
      `<h3>${escapeHtml(L.debrief)}</h3>`,
      `<ol class="debrief">${debrief}</ol>`
    ].join('\n')
  }

  private poll(block: Extract<Block, { kind: 'poll' }>, number: number): string {
    const L = this.labels
    const t = this.texts
    const where = this.where(number, block)
    const meta = [L.pollTypes[block.type], ...(block.purpose === 'feedback' ? [L.pollFeedback] : [])].join(' · ')
    const parts = [
      `<p class="meta">${escapeHtml(meta)}</p>`,
      `<h3>${escapeHtml(L.pollQuestion)}</h3>`,
      `<div class="prompt">${t.paragraphs(`block:${block.id}:question`, this.pick(block.question), where)}</div>`
    ]
    const tally = (rows: string[]): string =>
      `<table class="tally"><thead><tr><th>${escapeHtml(L.pollOption)}</th><th>${escapeHtml(L.tallyCount)}</th></tr></thead>` +
      `<tbody>${rows.map((row) => `<tr><td>${row}</td><td class="count"></td></tr>`).join('')}</tbody></table>`
    if (block.options && (block.type === 'single' || block.type === 'multiple')) {
      parts.push(
        tally(
          block.options.map(
            (option, i) =>
              `<span class="letter">${letter(i)}.</span> ` +
              t.inline(
                `block:${block.id}:option:${i}`,
                this.pick(option.text),
                this.where(number, block, L.whereOption(letter(i)))
              )
          )
        )
      )
    }
    if (block.scale && block.type === 'rating') {
      const { min, max, minLabel, maxLabel } = block.scale
      const scaleWhere = this.where(number, block, L.whereScale)
      const rows: string[] = []
      for (let value = min; value <= max; value++) {
        const label =
          value === min
            ? ` — ${t.inline(`block:${block.id}:scale:min`, this.pick(minLabel), scaleWhere)}`
            : value === max
              ? ` — ${t.inline(`block:${block.id}:scale:max`, this.pick(maxLabel), scaleWhere)}`
              : ''
        rows.push(`<strong>${value}</strong>${label}`)
      }
      parts.push(`<p>${escapeHtml(L.pollScale(min, max))}</p>`, tally(rows))
    }
    if (block.type === 'open') parts.push(`<p>${escapeHtml(L.pollOpenHint)}</p>`)
    if (block.type === 'words') parts.push(`<p>${escapeHtml(L.pollWordsHint)}</p>`)
    if (block.type === 'ranking' && block.options && block.ranking) parts.push(this.rankingTally(block, number))
    return parts.join('\n')
  }

  /** A ranking poll's hand count: people per option and place (order), or dots per option (points). */
  private rankingTally(block: PollBlock, number: number): string {
    const L = this.labels
    const options = block.options ?? []
    const order = block.ranking?.mode === 'order'
    const hint = order
      ? L.pollRankingOrder
      : L.pollRankingPoints(block.ranking?.mode === 'points' ? block.ranking.points : 0)
    const columns = order ? options.map((_, k) => L.pollPlace(k + 1)) : [L.pollDots]
    const head = [L.pollOption, ...columns].map((c) => `<th>${escapeHtml(c)}</th>`).join('')
    const rows = options.map((option, i) => {
      const label =
        `<span class="letter">${letter(i)}.</span> ` +
        this.texts.inline(
          `block:${block.id}:option:${i}`,
          this.pick(option.text),
          this.where(number, block, L.whereOption(letter(i)))
        )
      return `<tr><td>${label}</td>${columns.map(() => '<td class="count"></td>').join('')}</tr>`
    })
    return `<p>${escapeHtml(hint)}</p><table class="tally"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`
  }

  private quiz(block: Extract<Block, { kind: 'quiz' }>, number: number): string {
    const L = this.labels
    const meta = [L.quizRoles[block.role], L.passMark(block.passMarkPercent), L.answerKeyLegend].join(' · ')
    const parts = [`<p class="meta">${escapeHtml(meta)}</p>`, `<p class="small">${escapeHtml(L.quizTallyHint)}</p>`]
    // A post-test lists the questions of the quiz it reuses, under that quiz's keys (same checklist numbers).
    let owner: { block: Block; number: number; questions: QuizQuestion[] } = {
      block,
      number,
      questions: block.questions ?? []
    }
    if (!block.questions && block.questionsFrom) {
      const from = this.agenda.find((entry) => entry.block.id === block.questionsFrom)
      if (from && from.block.kind === 'quiz') {
        owner = { block: from.block, number: from.number, questions: from.block.questions ?? [] }
        const fromTitle = stripCitations(this.pick(from.block.title))
        parts.push(`<p class="reuse">${escapeHtml(L.reusesQuestions(`${L.part(from.number)}: ${fromTitle}`))}</p>`)
      }
    }
    const questions = owner.questions.map((question, q) => this.quizQuestion(owner.block, owner.number, question, q))
    parts.push(`<ol class="questions">\n${questions.join('\n')}\n</ol>`)
    return parts.join('\n')
  }

  private quizQuestion(block: Block, number: number, question: QuizQuestion, q: number): string {
    const L = this.labels
    const t = this.texts
    const key = `block:${block.id}:question:${q}`
    const where = this.where(number, block, L.question(q + 1))
    const objectiveIndex = this.workshop.manifest.objectives.findIndex((o) => o.id === question.objective)
    const head = [
      `<strong>${escapeHtml(L.question(q + 1))}</strong>`,
      ...(objectiveIndex >= 0 ? [escapeHtml(L.objective(objectiveIndex + 1))] : []),
      ...(question.multiple ? [escapeHtml(L.chooseAll)] : [])
    ].join(' · ')
    const options = question.options
      .map((option, i) => {
        const text = t.inline(`${key}:option:${i}`, this.pick(option.text), `${where} · ${L.whereOption(letter(i))}`)
        return (
          `<li class="option${option.correct ? ' correct' : ''}"><span class="mark">${option.correct ? '✓' : ''}</span>` +
          `<span class="letter">${letter(i)}.</span><span class="text">${text}</span><span class="count-blank"></span></li>`
        )
      })
      .join('')
    const explanation = question.explanation
      ? `<div class="explanation"><strong>${escapeHtml(L.explanation)}:</strong> ` +
        `${t.inline(`${key}:explanation`, this.pick(question.explanation), where)}</div>`
      : ''
    return (
      `<li class="question"><div class="q-head">${head}</div>` +
      `<p class="q-text">${t.inline(`${key}:text`, this.pick(question.text), where)}</p>` +
      `<ul class="options">${options}</ul>${explanation}</li>`
    )
  }

  private activity(block: Extract<Block, { kind: 'activity' }>, number: number): string {
    const L = this.labels
    const t = this.texts
    const where = this.where(number, block)
    return [
      `<h3>${escapeHtml(L.instructions)}</h3>`,
      `<div class="prompt">${t.paragraphs(`block:${block.id}:instructions`, this.pick(block.instructions), where)}</div>`,
      block.materials
        ? `<h3>${escapeHtml(L.materials)}</h3>${t.paragraphs(`block:${block.id}:materials`, this.pick(block.materials), where)}`
        : ''
    ].join('\n')
  }

  private safeguarding(): string {
    const L = this.labels
    const items = this.workshop.manifest.safeguarding
      .map(
        (note, i) =>
          `<li>${this.texts.paragraphs(`safeguarding:${i}`, this.pick(note), L.whereSafeguarding(i + 1))}</li>`
      )
      .join('\n')
    return `<section class="appendix safeguarding">\n<h2>${escapeHtml(L.safeguarding)}</h2>\n<ol>\n${items}\n</ol>\n${this.pause()}</section>`
  }

  /** The same script and numbers the presenter shows when the trainer presses P. */
  private pause(): string {
    const pause = this.workshop.manifest.pause
    if (!pause) return ''
    const L = this.labels
    const steps = pause.script.map(
      (step, i) => `<li>${this.texts.paragraphs(`pause:${i}`, this.pick(step), L.wherePause(i + 1))}</li>`
    )
    const contacts = pause.contacts.map(
      (contact, i) =>
        `<li>${this.texts.paragraphs(`pause-contact:${i}`, this.pick(contact), L.whereContact(i + 1))}</li>`
    )
    return [
      `<h3>${escapeHtml(L.pause)}</h3>`,
      `<ol>\n${steps.join('\n')}\n</ol>`,
      contacts.length ? `<h3>${escapeHtml(L.pauseContacts)}</h3>\n<ul>\n${contacts.join('\n')}\n</ul>\n` : ''
    ].join('\n')
  }

  private sources(): string {
    const L = this.labels
    const sources = this.workshop.manifest.sources
    // Descriptions first: their own citations count too.
    const descriptions = sources.map((source) =>
      this.texts.inline(`source:${source.id}:description`, this.pick(source.description), L.whereSource(source.id))
    )
    const titles = sources.map((source) =>
      this.texts.inline(`source:${source.id}:title`, source.title, L.whereSource(source.id))
    )
    const rows = sources
      .map(
        (source, i) =>
          `<tr data-source="${escapeHtml(source.id)}"><td class="id">${escapeHtml(source.id)}</td>` +
          `<td><span lang="vi">${titles[i]}</span><br><span class="small muted">${escapeHtml(L.sourceParagraphs(source.paragraphs))}</span></td>` +
          `<td>${descriptions[i]}</td><td class="cited">${escapeHtml(L.cited(this.texts.count(source.id)))}</td></tr>`
      )
      .join('\n')
    return [
      '<section class="appendix sources">',
      `<h2>${escapeHtml(L.sources)}</h2>`,
      `<p class="small">${escapeHtml(L.sourcesHint)}</p>`,
      '<table class="sources">',
      `<thead><tr><th>${escapeHtml(L.sourceId)}</th><th>${escapeHtml(L.sourceTitle)}</th>` +
        `<th>${escapeHtml(L.sourceDescription)}</th><th>${escapeHtml(L.sourceCited)}</th></tr></thead>`,
      `<tbody>\n${rows}\n</tbody>`,
      '</table>',
      '</section>'
    ].join('\n')
  }

  private verifyList(): string {
    const L = this.labels
    const items = this.texts.verifyItems
    const list =
      items.length === 0
        ? `<p>${escapeHtml(L.verifyNone)}</p>`
        : `<ol class="verify-list">\n${items
            .map(
              (item) =>
                `<li><span class="box"></span><span class="num">${item.number}.</span>` +
                `<span>${escapeHtml(item.sentence)}<span class="where">${escapeHtml(item.where)}</span></span></li>`
            )
            .join('\n')}\n</ol>`
    return [
      '<section class="appendix verify-locally" id="verify-locally">',
      `<h2>⚠ ${escapeHtml(L.verifyLocally)}</h2>`,
      `<p>${escapeHtml(L.verifyExplain)}</p>`,
      list,
      '</section>'
    ].join('\n')
  }
}
