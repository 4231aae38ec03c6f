import { existsSync, readdirSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { en as enMessages } from '../../shared/i18n/en'
import { vi as viMessages } from '../../shared/i18n/vi'
import { AGE_GROUPS, SEXES } from '../../shared/sessions/model'
import { folderReader, loadWorkshop, MANIFEST_FILE, type LoadedWorkshop } from '../workshops/loader'
import { renderMarkdown } from '../../shared/workshops/markdown'
import type { QuizQuestion } from '../../shared/workshops/schema'
import { samplePackage, samplePng, writePackage, type PackageFiles } from '../../testing/sample-package'
import { agendaTimes, facilitatorGuideHtml, verifyLocallyItems } from './facilitator-guide'
import { GUIDE_LABELS, type GuideLanguage } from './labels'
import { escapeHtml, formatClock, parseClock } from './printable-html'
import { signInSheetHtml } from './sign-in-sheet'

const workshopsDir = resolve(__dirname, '../../../workshops')
const bundled = readdirSync(workshopsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(workshopsDir, entry.name, MANIFEST_FILE)))
  .map((entry) => entry.name)
const LANGUAGES: GuideLanguage[] = ['vi', 'en']
const CITATION = /\[@[A-Za-z0-9_-]+(?:#\d+)?\]/g

let outDir: string
beforeAll(async () => {
  // GUIDES_OUT keeps the files somewhere to open and print by hand.
  outDir = process.env.GUIDES_OUT ?? (await mkdtemp(join(tmpdir(), 'roundtable-guides-')))
})

async function load(dir: string): Promise<LoadedWorkshop> {
  const result = await loadWorkshop(folderReader(dir))
  if (!result.ok) expect.fail(`${dir} does not load: ${JSON.stringify(result.problems)}`)
  return result.workshop
}

async function loadFiles(id: string, files: PackageFiles): Promise<LoadedWorkshop> {
  const dir = join(await mkdtemp(join(tmpdir(), 'roundtable-guide-package-')), id)
  await writePackage(dir, files)
  return load(dir)
}

/** Every text of one language once (bilingual fields, source titles, slides), as the guide shows it. */
function languageTexts(workshop: LoadedWorkshop, language: GuideLanguage): string[] {
  const texts: string[] = []
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk)
    else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>
      const keys = Object.keys(record)
      if (keys.length === 2 && typeof record.vi === 'string' && typeof record.en === 'string') {
        texts.push(record[language] as string)
      } else Object.values(record).forEach(walk)
    }
  }
  walk(workshop.manifest)
  texts.push(...workshop.manifest.sources.map((source) => source.title))
  for (const perLanguage of Object.values(workshop.slides)) {
    for (const slide of perLanguage[language]!) texts.push(slide.body, slide.notes)
  }
  return texts
}

function occurrences(texts: string[], needle: RegExp): number {
  return texts.reduce((sum, text) => sum + (text.match(needle)?.length ?? 0), 0)
}

/** The HTML of one block's section. */
function blockSection(html: string, id: string): string {
  const start = html.indexOf(`" id="block-${id}">`)
  expect(start, `block ${id}`).toBeGreaterThan(0)
  return html.slice(html.lastIndexOf('<section', start), html.indexOf('</section>', start))
}

/** The HTML of one `<section class="…name…">`. */
function section(html: string, name: string): string {
  const start = html.search(new RegExp(`<section class="[^"]*\\b${name}\\b`))
  expect(start, `section ${name}`).toBeGreaterThanOrEqual(0)
  return html.slice(start, html.indexOf('</section>', start))
}

/** A plain text is in the HTML: each stretch between citations, escaped. */
function expectText(html: string, text: string): void {
  for (const piece of text.split(CITATION).flatMap((part) => part.split(/\r?\n/))) {
    if (piece.trim() !== '') expect(html).toContain(escapeHtml(piece.trim()))
  }
}

function quizQuestionsOf(workshop: LoadedWorkshop, blockId: string): QuizQuestion[] {
  const block = workshop.manifest.blocks.find((b) => b.id === blockId)
  if (block?.kind !== 'quiz') return []
  return block.questions ?? quizQuestionsOf(workshop, block.questionsFrom ?? '')
}

function expectSelfContained(html: string, language: GuideLanguage): void {
  expect(html.startsWith('<!doctype html>')).toBe(true)
  expect(html).toContain(`<html lang="${language}">`)
  expect(html).toContain(
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`
  )
  expect(html).toContain('@page')
  expect(html).toContain('size: A4')
  expect(html.match(/<style>/g)).toHaveLength(1)
  for (const forbidden of ['<script', 'http://', 'https://', '<link', '<iframe', '<object', '<embed', '<img']) {
    expect(html.toLowerCase(), forbidden).not.toContain(forbidden)
  }
  // Escaped text holds no "<", so any "<" opens a real tag: none loads anything or handles events.
  expect(html).not.toMatch(/<[^>]*\s(src|href|on[a-z]+)=/i)
  const style = html.slice(html.indexOf('<style>'), html.indexOf('</style>'))
  expect(style).not.toMatch(/url\(|@import/i)
}

/** Agenda rows as [start, end, minutes]. */
function agendaRows(html: string): [string, string, number][] {
  const table = html.slice(
    html.indexOf('<table class="agenda">'),
    html.indexOf('</table>', html.indexOf('<table class="agenda">'))
  )
  return [
    ...table.matchAll(
      /<td class="start">(\d\d:\d\d)<\/td><td class="end">(\d\d:\d\d)<\/td><td class="minutes">(\d+)<\/td>/g
    )
  ].map((m) => [m[1]!, m[2]!, Number(m[3])])
}

describe('clock times', () => {
  it('parses and formats HH:MM, wrapping past midnight', () => {
    expect(parseClock('08:00')).toBe(480)
    expect(parseClock('7:05')).toBe(425)
    expect(formatClock(480 + 150)).toBe('10:30')
    expect(formatClock(23 * 60 + 90)).toBe('00:30')
    for (const bad of ['24:00', '8', '08:60', 'eight', '']) expect(() => parseClock(bad)).toThrow(RangeError)
  })
})

describe.each(bundled)('bundled workshop %s', (name) => {
  let workshop: LoadedWorkshop
  beforeAll(async () => {
    workshop = await load(join(workshopsDir, name))
  })

  describe.each(LANGUAGES)('facilitator guide in %s', (language) => {
    let html: string
    const L = GUIDE_LABELS[language]
    beforeAll(async () => {
      html = facilitatorGuideHtml(workshop, language)
      await writeFile(join(outDir, `${name}.guide.${language}.html`), html)
    })

    it('is one self-contained printable document', async () => {
      expectSelfContained(html, language)
      expect(html).toContain('break-before: page')
      expect(await readFile(join(outDir, `${name}.guide.${language}.html`), 'utf8')).toBe(html)
    })

    it('has the cover: title, version, audience, duration, content note and objectives', () => {
      const { manifest } = workshop
      expect(html).toContain(`<h1>${escapeHtml(manifest.title[language]!)}</h1>`)
      expect(html).toContain(`<dd>${manifest.version}</dd>`)
      expectText(html, manifest.audience.description[language]!)
      for (const group of manifest.audience.groups) expect(html).toContain(escapeHtml(L.audienceGroups[group]))
      expect(html).toContain(`<dd class="total-duration">${escapeHtml(L.minutes(manifest.durationMinutes))}`)
      expectText(section(html, 'content-note'), manifest.contentNote[language]!)
      for (const objective of manifest.objectives) expectText(html, objective.text[language]!)
    })

    it('has every block, in order, each on its own pages', () => {
      const blocks = workshop.manifest.blocks
      expect(html.match(/<section class="block /g)).toHaveLength(blocks.length)
      let from = 0
      for (const block of blocks) {
        const at = html.indexOf(`id="block-${block.id}"`, from)
        expect(at, block.id).toBeGreaterThan(from)
        from = at
        expect(blockSection(html, block.id)).toContain(`<h2>${escapeHtml(block.title[language]!)}</h2>`)
        if (block.notes) expectText(html, block.notes[language]!)
      }
    })

    it('times the agenda from the start time, each block ending when the next begins', () => {
      const { manifest } = workshop
      for (const startTime of [undefined, '13:45']) {
        const rows = agendaRows(startTime ? facilitatorGuideHtml(workshop, language, { startTime }) : html)
        const start = startTime ?? '08:00'
        expect(rows).toHaveLength(manifest.blocks.length)
        expect(rows[0]![0]).toBe(start)
        rows.forEach(([from, to, minutes], i) => {
          expect(minutes).toBe(manifest.blocks[i]!.minutes)
          expect(parseClock(to) - parseClock(from)).toBe(minutes)
          if (i > 0) expect(from).toBe(rows[i - 1]![1])
        })
        expect(rows.at(-1)![1]).toBe(formatClock(parseClock(start) + manifest.durationMinutes))
      }
      const times = agendaTimes(workshop, '09:10')
      expect(times.at(-1)!.end - times[0]!.start).toBe(manifest.durationMinutes)
    })

    it("times the agenda from the workshop's saved planned start when no start time is given", () => {
      const planned: LoadedWorkshop = { ...workshop, manifest: { ...workshop.manifest, plannedStart: '13:30' } }
      const rows = agendaRows(facilitatorGuideHtml(planned, language))
      expect(rows[0]![0]).toBe('13:30')
      expect(agendaRows(facilitatorGuideHtml(planned, language, { startTime: '09:00' }))[0]![0]).toBe('09:00')
      expect(agendaTimes(planned)[0]!.start).toBe(parseClock('13:30'))
    })

    it('totals the agenda from its blocks when they add up to less than the stated duration', () => {
      const longer = workshop.manifest.durationMinutes + 10
      const shorter: LoadedWorkshop = { ...workshop, manifest: { ...workshop.manifest, durationMinutes: longer } }
      const printed = facilitatorGuideHtml(shorter, language, { startTime: '08:00' })
      const footer = /<tfoot>(.*?)<\/tfoot>/s.exec(printed)![1]!
      expect(footer).toContain(`<td>${workshop.manifest.durationMinutes}</td>`)
      expect(footer).toContain(`08:00–${formatClock(parseClock('08:00') + workshop.manifest.durationMinutes)}`)
    })

    it('shows every slide (its first heading rendered) beside its speaker notes', () => {
      let total = 0
      for (const [blockId, perLanguage] of Object.entries(workshop.slides)) {
        const blockHtml = blockSection(html, blockId)
        for (const slide of perLanguage[language]!) {
          total++
          const heading = slide.body.split('\n').find((line) => /^#{1,6}\s/.test(line))
          expect(heading, `${blockId}: slide without a heading`).toBeDefined()
          expect(blockHtml).toContain(renderMarkdown(heading!).trim())
          if (slide.notes)
            expect(blockHtml).toContain(renderMarkdown(slide.notes).split('<span class="cite')[0]!.trim())
        }
      }
      expect(html.match(/<article class="slide">/g)?.length ?? 0).toBe(total)
      expect(html.match(/<div class="slide-notes">/g)?.length ?? 0).toBe(total)
    })

    it('marks the answer key of every quiz, including a post-test that reuses the pre-test', () => {
      let correct = 0
      let wrong = 0
      const correctItems = [...html.matchAll(/<li class="option correct">(.*?)<\/li>/g)].map((m) => m[1]!)
      for (const block of workshop.manifest.blocks) {
        if (block.kind !== 'quiz') continue
        const blockHtml = blockSection(html, block.id)
        if (block.questionsFrom) expect(blockHtml).toContain('class="reuse"')
        for (const question of quizQuestionsOf(workshop, block.id)) {
          expectText(blockHtml, question.text[language]!)
          if (question.explanation) expectText(blockHtml, question.explanation[language]!)
          for (const option of question.options) {
            const text = escapeHtml(option.text[language]!)
            if (option.correct) {
              correct++
              expect(
                correctItems.some((item) => item.includes('✓') && item.includes(text)),
                option.text.en
              ).toBe(true)
            } else {
              wrong++
              expect(blockHtml).toContain(text)
            }
          }
        }
      }
      expect(correctItems).toHaveLength(correct)
      expect(html.match(/<li class="option">/g)?.length ?? 0).toBe(wrong)
      expect(correct).toBeGreaterThan(0)
    })

    it('has the prompts, debriefs, polls and activities', () => {
      for (const block of workshop.manifest.blocks) {
        if (block.kind === 'discussion') {
          expectText(html, block.prompt[language]!)
          for (const question of block.debrief) expectText(html, question[language]!)
          if (block.groupSize) expect(html).toContain(escapeHtml(L.groupSize(block.groupSize)))
        }
        if (block.kind === 'poll') {
          expectText(html, block.question[language]!)
          for (const option of block.options ?? []) expectText(html, option.text[language]!)
          if (block.scale) {
            expectText(html, block.scale.minLabel[language]!)
            expectText(html, block.scale.maxLabel[language]!)
          }
        }
        if (block.kind === 'activity') {
          expectText(html, block.instructions[language]!)
          if (block.materials) expectText(html, block.materials[language]!)
        }
      }
    })

    it('has the safeguarding notes after the blocks', () => {
      const safeguarding = section(html, 'safeguarding')
      expect(html.indexOf(safeguarding)).toBeGreaterThan(html.lastIndexOf('<section class="block '))
      expect(safeguarding).toContain(escapeHtml(L.safeguarding))
      for (const note of workshop.manifest.safeguarding) expectText(safeguarding, note[language]!)
    })

    it('prints the safeguarding pause the presenter shows on P: every step and every number to call', () => {
      const safeguarding = section(html, 'safeguarding')
      const pause = workshop.manifest.pause!
      expect(safeguarding).toContain(escapeHtml(L.pause))
      for (const step of pause.script) expectText(safeguarding, step[language]!)
      for (const contact of pause.contacts) expectText(safeguarding, contact[language]!)
    })

    it('lists each source with how often it is cited', () => {
      const sources = section(html, 'sources')
      const texts = languageTexts(workshop, language)
      for (const source of workshop.manifest.sources) {
        const cited = occurrences(texts, new RegExp(`\\[@${source.id}(?:#\\d+)?\\]`, 'g'))
        expect(sources).toContain(`<td class="id">${source.id}</td>`)
        expect(sources).toContain(escapeHtml(source.title))
        expectText(sources, source.description[language]!)
        const row = sources.slice(sources.indexOf(`data-source="${source.id}"`))
        expect(row.slice(0, row.indexOf('</tr>'))).toContain(`<td class="cited">${escapeHtml(L.cited(cited))}</td>`)
        expect(cited, source.id).toBeGreaterThan(0)
      }
    })

    it('lists every verify-locally claim, once, under its own heading', () => {
      const verify = section(html, 'verify-locally')
      const heading = language === 'vi' ? 'Cần kiểm tra tại địa phương' : 'Verify locally'
      expect(verify).toContain(`<h2>⚠ ${heading}</h2>`)
      const items = verifyLocallyItems(workshop, language)
      const markers = occurrences(languageTexts(workshop, language), /\[@verify-locally\]/g)
      expect(markers).toBeGreaterThan(0)
      // One item per sentence; together they hold every marker of the texts.
      expect(items.reduce((sum, item) => sum + item.markers, 0)).toBe(markers)
      expect(verify.match(/<li>/g)).toHaveLength(items.length)
      items.forEach((item, i) => {
        expect(item.number).toBe(i + 1)
        expect(item.sentence).not.toMatch(/\[@|<|\*\*/)
        expect(item.sentence.length).toBeGreaterThan(3)
        expect(verify).toContain(`<span class="num">${item.number}.</span><span>${escapeHtml(item.sentence)}`)
        // The marker in the text points at the same number.
        expect(html.indexOf(escapeHtml(L.verifyMarker(item.number)))).toBeLessThan(html.indexOf(verify))
      })
      expect(html).not.toContain('>⚠</span>') // every inline marker found its number
    })

    it('shows citations as small escaped markers, never as raw [@…] text', () => {
      const body = html.slice(0, html.indexOf('<section class="appendix verify-locally"'))
      expect(body).not.toMatch(/\[@[A-Za-z0-9_-]+/)
      expect(body).toMatch(/<span class="cite" data-cite="[a-z0-9-]+#\d+">[a-z0-9-]+#\d+<\/span>/)
    })
  })

  describe.each(LANGUAGES)('sign-in sheet in %s', (language) => {
    const L = GUIDE_LABELS[language]
    const messages = language === 'vi' ? viMessages : enMessages

    it('has exactly the numbered lines asked for, with sex and age tick boxes', async () => {
      for (const rows of [undefined, 12]) {
        const html = signInSheetHtml(workshop, language, rows ? { rows } : {})
        if (!rows) await writeFile(join(outDir, `${name}.sign-in.${language}.html`), html)
        expectSelfContained(html, language)
        const numbers = [...html.matchAll(/<td class="no">(\d+)<\/td>/g)].map((m) => Number(m[1]))
        const expected = rows ?? 30
        expect(numbers).toEqual(Array.from({ length: expected }, (_, i) => i + 1))
        expect(html.match(/<span class="box"><\/span>/g)).toHaveLength(expected * (SEXES.length + AGE_GROUPS.length))
        expect(html).toContain(`<h1>${escapeHtml(workshop.manifest.title[language]!)}</h1>`)
      }
    })

    it('explains the anonymous number and labels the columns like the attendance screen', () => {
      const html = signInSheetHtml(workshop, language)
      expect(html).toContain(escapeHtml(L.participantNumberExplain))
      expect(html).toContain(escapeHtml(L.namesNotRequired))
      expect(html).toContain(escapeHtml(L.columnSignature))
      for (const sex of SEXES) {
        expect(L.sexes[sex]).toBe(messages[`attendance.${sex}`])
        expect(html).toContain(`>${escapeHtml(L.sexes[sex])}</th>`)
      }
      for (const age of AGE_GROUPS) {
        expect(L.ageGroups[age]).toBe(messages[`attendance.${age}`])
        expect(html).toContain(`>${escapeHtml(L.ageGroups[age])}</th>`)
      }
    })
  })
})

describe('labels', () => {
  it('have the same keys in both languages and Vietnamese diacritics', () => {
    expect(Object.keys(GUIDE_LABELS.vi).sort()).toEqual(Object.keys(GUIDE_LABELS.en).sort())
    expect(GUIDE_LABELS.vi.verifyLocally).toBe('Cần kiểm tra tại địa phương')
    expect(GUIDE_LABELS.vi.columnSex).toBe('Giới tính')
    expect(GUIDE_LABELS.vi.speakerNotes).toBe('Ghi chú thuyết trình')
  })
})

const SCRIPT = '<script>alert(1)</script>'
const IMG = '<img src=x onerror=alert(1)>'
const SCRIPT_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;'
const IMG_ESCAPED = '&lt;img src=x onerror=alert(1)&gt;'

/** The sample package with script and image tags in every kind of text that reaches the guide. */
function hostilePackage(): PackageFiles {
  const files = samplePackage('hostile-workshop')
  const bi = (text: string): string => `{ vi: "${text} vi", en: "${text} en" }`
  files['workshop.yaml'] = files['workshop.yaml']!.replace(
    /^title: .*$/m,
    `title: ${bi(`Tom & \\"Jerry\\" ${SCRIPT}`)}`
  )
    .replace('durationMinutes: 60', 'durationMinutes: 75')
    .replace(/^contentNote: .*$/m, `contentNote: ${bi(`Note ${IMG}`)}`)
    .replace(/^safeguarding:\n.*$/m, `safeguarding:\n  - ${bi(`Safe ${SCRIPT}`)}\n  - ${bi(`Safe ${IMG}`)}`)
    .replace('title: "Vì sự an toàn của trẻ em trên không gian mạng"', `title: "Source ${IMG}"`)
    .replace('minutes: 20\n    prompt:', `minutes: 20\n    notes: ${bi(`Notes ${IMG} ${SCRIPT}`)}\n    prompt:`)
    .replace('{ id: b, text: { vi: "Sai", en: "Wrong" } }', `{ id: b, text: ${bi(`Option ${SCRIPT}`)} }`)
    .concat(
      `  - id: vote
    kind: poll
    title: ${bi(`Poll ${IMG}`)}
    minutes: 10
    question: ${bi(`Question ${SCRIPT}`)}
    type: single
    options:
      - { id: yes, text: ${bi(`Yes ${IMG}`)} }
      - { id: no, text: ${bi(`No ${SCRIPT}`)} }
  - id: tea
    kind: break
    title: ${bi('Tea')}
    minutes: 5
`
    )
  const code = ' `' + SCRIPT + '`'
  files['slides/intro.vi.md'] = files['slides/intro.vi.md']!.replace('# Xin chào', `# Xin chào${code}`)
  files['slides/intro.en.md'] = files['slides/intro.en.md']!.replace('# Hello', `# Hello${code}`)
  return files
}

describe('hostile workshop text', () => {
  it('is escaped everywhere in the guide and the sign-in sheet', async () => {
    const workshop = await loadFiles('hostile-workshop', hostilePackage())
    for (const language of LANGUAGES) {
      const guide = facilitatorGuideHtml(workshop, language)
      const sheet = signInSheetHtml(workshop, language, { venue: `Hall ${IMG}`, date: `${SCRIPT} & co` })
      await writeFile(join(outDir, `hostile.guide.${language}.html`), guide)
      for (const html of [guide, sheet]) {
        expectSelfContained(html, language)
        expect(html).not.toContain('<img')
        expect(html).toContain(SCRIPT_ESCAPED)
        expect(html).toContain(`<title>`)
        expect(html).toContain(`Tom &amp; &quot;Jerry&quot; ${SCRIPT_ESCAPED} ${language}`)
      }
      expect(sheet).toContain(`<span class="value">Hall ${IMG_ESCAPED}</span>`)
      expect(sheet).toContain(`<span class="value">${SCRIPT_ESCAPED} &amp; co</span>`)
      for (const text of ['Note', 'Safe', 'Notes', 'Poll', 'Yes']) expect(guide).toContain(`${text} ${IMG_ESCAPED}`)
      for (const text of ['Safe', 'Option', 'Question', 'No']) expect(guide).toContain(`${text} ${SCRIPT_ESCAPED}`)
      expect(guide).toContain(`Source ${IMG_ESCAPED}`)
      expect(guide).toContain(`<code>${SCRIPT_ESCAPED}</code>`)
    }
  })
})

describe('slide images', () => {
  it('are printed from their data URLs, sized for A4, with the alt text as caption; the CSP allows data: images only', async () => {
    const files = samplePackage('image-workshop')
    files['slides/intro.vi.md'] = files['slides/intro.vi.md']!.replace(
      '# Trang hai',
      '# Trang hai\n\n![Bản đồ <b>điểm hỗ trợ</b> & đường dây nóng](images/map.png)'
    )
    files['slides/intro.en.md'] = files['slides/intro.en.md']!.replace(
      '# Slide two',
      '# Slide two\n\n![Map of help points](images/map.png)'
    )
    const dir = join(await mkdtemp(join(tmpdir(), 'roundtable-guide-package-')), 'image-workshop')
    await writePackage(dir, files)
    await mkdir(join(dir, 'images'))
    await writeFile(join(dir, 'images', 'map.png'), samplePng())
    const workshop = await load(dir)
    const dataUrl = `data:image/png;base64,${samplePng().toString('base64')}`
    const captions = { vi: 'Bản đồ &lt;b&gt;điểm hỗ trợ&lt;/b&gt; &amp; đường dây nóng', en: 'Map of help points' }

    for (const language of LANGUAGES) {
      const html = facilitatorGuideHtml(workshop, language)
      await writeFile(join(outDir, `image-workshop.guide.${language}.html`), html)
      expect(html).toContain(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`
      )
      const slides = blockSection(html, 'intro')
      expect(slides).toContain(
        `<span class="guide-figure"><img class="slide-image" src="${dataUrl}" alt="${captions[language]}">` +
          `<span class="guide-caption">${captions[language]}</span></span>`
      )
      // The alt text is no longer the only thing printed: exactly one image, one caption.
      expect(html.match(/<img /g)).toHaveLength(1)
      expect(html).not.toContain('slide-image-missing')
      // Every src is an inline image; nothing else is loaded, no handler attributes.
      expect([...html.matchAll(/\ssrc="([^"]*)"/g)].map((m) => m[1]!.slice(0, 22))).toEqual(['data:image/png;base64,'])
      expect(html).not.toMatch(/<[^>]*\s(href|on[a-z]+)=/i)
      const style = html.slice(html.indexOf('<style>'), html.indexOf('</style>'))
      expect(style).toContain('.guide-figure img { display: block; max-width: 100%; max-height: 60mm;')
      expect(style).toContain('break-inside: avoid')
    }
  })

  it('a guide without images keeps the CSP without any image source', async () => {
    const html = facilitatorGuideHtml(await loadFiles('sample-workshop', samplePackage()), 'vi')
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'">`)
  })
})

describe('verify-locally checklist', () => {
  it('takes one item per sentence, keeps a post-test from listing its questions twice', async () => {
    const files = samplePackage()
    files['workshop.yaml'] = files['workshop.yaml']!.replace(
      /^contentNote: .*$/m,
      'contentNote: { vi: "Gọi 111 [@verify-locally]. Không cần kiểm tra. Hỏi văn phòng [@verify-locally] hoặc nhà trường [@verify-locally]. Xem luật. [@verify-locally]", ' +
        'en: "Call 111 [@verify-locally]. Nothing to check here. Ask the office [@verify-locally] or the school [@verify-locally]. See the law. [@verify-locally]" }'
    ).replace(
      'explanation: { vi: "Giải thích [@ecpat-2019#4]", en: "Explanation [@ecpat-2019#4]" }',
      'explanation: { vi: "Giải thích [@ecpat-2019#4]. Số đường dây nóng [@verify-locally].", en: "Explanation [@ecpat-2019#4]. The hotline number [@verify-locally]." }'
    )
    const workshop = await loadFiles('sample-workshop', files)
    const items = verifyLocallyItems(workshop, 'en')
    expect(items.map((item) => [item.sentence, item.markers])).toEqual([
      ['Call 111.', 1],
      ['Ask the office or the school.', 2],
      ['See the law.', 1],
      ['The hotline number.', 1]
    ])
    expect(items[3]!.where).toBe('Part 2: Quiz · Question 1')
    expect(verifyLocallyItems(workshop, 'vi').map((item) => item.sentence)).toEqual([
      'Gọi 111.',
      'Hỏi văn phòng hoặc nhà trường.',
      'Xem luật.',
      'Số đường dây nóng.'
    ])
    const html = facilitatorGuideHtml(workshop, 'en')
    // The post-test repeats question 1 with the same numbered marker; the checklist holds it once.
    expect(html.match(/⚠ verify 4</g)).toHaveLength(2)
    expect(section(html, 'verify-locally').match(/<li>/g)).toHaveLength(4)
    expect(section(html, 'sources')).toContain(`<td class="cited">${GUIDE_LABELS.en.cited(3)}</td>`)
    expect(blockSection(html, 'post')).toContain('class="reuse"')
  })

  it('refuses a malformed start time or row count', async () => {
    const workshop = await loadFiles('sample-workshop', samplePackage())
    expect(() => facilitatorGuideHtml(workshop, 'vi', { startTime: '25:00' })).toThrow(RangeError)
    expect(() => signInSheetHtml(workshop, 'vi', { rows: 0 })).toThrow(RangeError)
    expect(() => signInSheetHtml(workshop, 'vi', { rows: 2.5 })).toThrow(RangeError)
  })
})
