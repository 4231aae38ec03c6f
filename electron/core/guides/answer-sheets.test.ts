import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { folderReader, loadWorkshop } from '../workshops/loader'
import type { Manifest } from '../../shared/workshops/schema'
import { paperBlocks } from '../../shared/sessions/paper-entry'
import { answerSheetsHtml, roomSheetHtml, sheetsPerPage } from './answer-sheets'
import { GUIDE_LABELS, type GuideLanguage } from './labels'
import { DOCUMENT_CSP, escapeHtml } from './printable-html'

const workshopsDir = resolve(__dirname, '../../../workshops')
const LANGUAGES: GuideLanguage[] = ['vi', 'en']
let manifest: Manifest
let outDir: string

beforeAll(async () => {
  const loaded = await loadWorkshop(folderReader(join(workshopsDir, 'community-response-online-exploitation')))
  if (!loaded.ok) throw new Error('the bundled workshop does not load')
  manifest = loaded.workshop.manifest
  // ANSWER_SHEETS_OUT keeps the files to print and look at by hand.
  outDir = process.env.ANSWER_SHEETS_OUT ?? (await mkdtemp(join(tmpdir(), 'roundtable-answer-sheets-')))
})

const count = (html: string, pattern: RegExp): number => html.match(pattern)?.length ?? 0

describe('paper blocks', () => {
  it('are the quizzes, with the post-test reusing the pre-test questions, and polls only when asked', () => {
    const quizzesOnly = paperBlocks(manifest, false)
    expect(quizzesOnly.map((p) => p.block.kind)).toEqual(['quiz', 'quiz'])
    const [pre, post] = quizzesOnly
    expect(post!.questions).toEqual(pre!.questions)
    expect(pre!.questions.map((q) => q.multiple)).toEqual([false, true, false, false, false, false])
    const withPolls = paperBlocks(manifest, true)
    const polls = withPolls.filter((p) => p.block.kind === 'poll')
    expect(polls.length).toBeGreaterThan(0)
    for (const poll of polls) {
      expect(poll.questions).toEqual([expect.objectContaining({ id: poll.block.id })])
      expect(poll.block.kind === 'poll' && poll.block.purpose).not.toBe('feedback')
    }
  })

  it('fit several to an A4 page: six sheets of a six-question quiz, four of a poll with seven options', () => {
    const [pre] = paperBlocks(manifest, false)
    expect(sheetsPerPage(pre!)).toBe(6)
    const poll = paperBlocks(manifest, true).find((p) => p.block.kind === 'poll')!
    expect(poll.questions[0]!.options).toHaveLength(7)
    expect(sheetsPerPage(poll)).toBe(4)
  })
})

describe.each(LANGUAGES)('answer sheets in %s', (language) => {
  const L = GUIDE_LABELS[language]

  it('give every participant a sheet per quiz, on whole pages, with one letter box per option', async () => {
    const html = answerSheetsHtml(manifest, language, { participants: 20 })
    await writeFile(join(outDir, `answer-sheets.${language}.html`), html)
    expect(html).toContain(DOCUMENT_CSP)
    // Two quizzes, six sheets per page: 20 participants take 4 pages each, filled up to 24 sheets.
    expect(count(html, /<section class="page"/g)).toBe(8)
    expect(count(html, /<div class="sheet">/g)).toBe(48)
    expect(count(html, new RegExp(escapeHtml(L.participantNumber), 'g'))).toBe(48)
    const firstSheet = html.slice(html.indexOf('<div class="sheet">'), html.indexOf('</ol></div>'))
    const options = paperBlocks(manifest, false)[0]!.block
    if (options.kind !== 'quiz') throw new Error('expected a quiz')
    const letters = options.questions!.map((q) => q.options.length).reduce((a, b) => a + b, 0)
    expect(count(firstSheet, /<span class="letter">/g)).toBe(letters)
    expect(count(firstSheet, new RegExp(L.chooseAll, 'g'))).toBe(1)
    expect(firstSheet).toContain(`>${escapeHtml(L.question(6))}<`)
    expect(firstSheet).not.toContain(`>${escapeHtml(L.question(7))}<`)
    expect(firstSheet).toContain(escapeHtml(L.quizRoles.pre))
  })

  it('add the polls with options, each with its question and its options beside their letters, when asked', async () => {
    const html = answerSheetsHtml(manifest, language, { participants: 1, polls: true })
    await writeFile(join(outDir, `answer-sheets-polls.${language}.html`), html)
    const polls = paperBlocks(manifest, true).filter((p) => p.block.kind === 'poll')
    expect(count(html, /<section class="page"/g)).toBe(2 + polls.length)
    for (const { block } of polls) {
      if (block.kind !== 'poll') continue
      expect(html).toContain(escapeHtml(block.question[language]!))
      block.options!.forEach((option, i) =>
        expect(html).toContain(
          `<span class="letter">${String.fromCharCode(65 + i)}</span><span class="option-text">${escapeHtml(option.text[language]!)}</span>`
        )
      )
    }
  })

  it('give a room sheet with a line per sign-in number and a column per question', async () => {
    const html = roomSheetHtml(manifest, language, { participants: 25 })
    await writeFile(join(outDir, `room-sheet.${language}.html`), html)
    expect(count(html, /<section class="room">/g)).toBe(2)
    const first = html.slice(0, html.indexOf('</section>'))
    expect([...first.matchAll(/<td class="no">(\d+)<\/td>/g)].map((m) => Number(m[1]))).toEqual(
      Array.from({ length: 25 }, (_, i) => i + 1)
    )
    expect(count(first, /<th>/g)).toBe(1 + 6)
    expect(first).toContain(`${escapeHtml(L.questionShort(6))}<span class="options">A–`)
    expect(first).toContain(escapeHtml(L.chooseAllThatApply))
  })
})

describe('answer sheets', () => {
  it('escape workshop texts', () => {
    const hostile = structuredClone(manifest)
    hostile.title.vi = 'Tiêu đề <script>alert(1)</script>'
    hostile.blocks.find((b) => b.kind === 'quiz')!.title.vi = '<img src=x onerror=alert(2)>'
    for (const html of [
      answerSheetsHtml(hostile, 'vi', { participants: 1 }),
      roomSheetHtml(hostile, 'vi', { participants: 1 })
    ]) {
      expect(html).not.toContain('<script>alert')
      expect(html).not.toContain('<img src=x')
      expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;')
    }
  })

  it('refuse a participant count that is not a whole number from 1 to 500', () => {
    for (const participants of [0, 2.5, 501]) {
      expect(() => answerSheetsHtml(manifest, 'vi', { participants })).toThrow(RangeError)
      expect(() => roomSheetHtml(manifest, 'en', { participants })).toThrow(RangeError)
    }
  })

  it('say so when a workshop has nothing to answer on paper', () => {
    const none = { ...manifest, blocks: manifest.blocks.filter((b) => b.kind !== 'quiz' && b.kind !== 'poll') }
    expect(answerSheetsHtml(none, 'en', { polls: true })).toContain(GUIDE_LABELS.en.noPaperBlocks)
    expect(roomSheetHtml(none, 'vi')).toContain(escapeHtml(GUIDE_LABELS.vi.noPaperBlocks))
  })
})
