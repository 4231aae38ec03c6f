import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { translateNested } from '../../shared/i18n/user-message'
import { findCitations } from '../../shared/workshops/citations'
import { folderReader, loadWorkshop, MANIFEST_FILE, type LoadedWorkshop } from './loader'
import type { WorkshopProblem } from './problems'
import { splitSlides } from '../../shared/workshops/slides'

const workshopsDir = resolve(__dirname, '../../../workshops')
const seedsDir = resolve(__dirname, '../../../../shared/seeds')
const bundled = readdirSync(workshopsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(workshopsDir, entry.name, MANIFEST_FILE)))
  .map((entry) => entry.name)

function describeProblems(problems: WorkshopProblem[]): string {
  return problems
    .map((p) => `${p.file}${p.line ? `:${p.line}` : ''}  ${translateNested('en', `problem.${p.code}`, p.params)}`)
    .join('\n')
}

async function load(name: string): Promise<LoadedWorkshop> {
  const result = await loadWorkshop(folderReader(join(workshopsDir, name)))
  if (!result.ok) expect.fail(`${name} has problems:\n${describeProblems(result.problems)}`)
  return result.workshop
}

/** Paragraphs as ../shared/seeds/README.md defines them: lines holding at least one letter or digit. */
function seedParagraphs(file: string): string[] {
  return readFileSync(join(seedsDir, file), 'utf8')
    .split(/\r?\n/)
    .filter((line) => /[\p{L}\p{N}]/u.test(line))
}

const seedFiles: Record<string, string> = {
  'ecpat-2019': '000_1854e981eba18039.txt',
  'interpol-2023': '001_7f425cf86a9794a6.txt'
}

describe('bundled workshops', () => {
  it('there are three bundled workshops', () => {
    expect(bundled.length).toBeGreaterThanOrEqual(3)
  })

  describe.each(bundled)('%s', (name) => {
    it('loads without problems', async () => {
      await load(name)
    })

    it('lasts 60 to 180 minutes and its blocks add up to it', async () => {
      const { manifest } = await load(name)
      expect(manifest.durationMinutes).toBeGreaterThanOrEqual(60)
      expect(manifest.durationMinutes).toBeLessThanOrEqual(180)
      expect(manifest.blocks.reduce((sum, b) => sum + b.minutes, 0)).toBe(manifest.durationMinutes)
    })

    it('has Vietnamese and English slides of the same shape', async () => {
      const { slides } = await load(name)
      for (const [block, perLanguage] of Object.entries(slides)) {
        expect(perLanguage.en.length, block).toBe(perLanguage.vi.length)
        expect(perLanguage.vi.length, block).toBeGreaterThan(0)
      }
    })

    it('has what every workshop needs: pre/post test, two discussions, two polls, feedback poll', async () => {
      const { manifest } = await load(name)
      const kinds = manifest.blocks.map((b) => b.kind)
      const pre = manifest.blocks.find((b) => b.kind === 'quiz' && b.role === 'pre')
      const post = manifest.blocks.find((b) => b.kind === 'quiz' && b.role === 'post')
      expect(pre).toBeDefined()
      expect(post && post.kind === 'quiz' ? post.questionsFrom : undefined).toBe(pre?.id)
      expect(kinds.filter((k) => k === 'discussion').length).toBeGreaterThanOrEqual(2)
      const polls = manifest.blocks.filter((b) => b.kind === 'poll')
      expect(polls.filter((p) => p.kind === 'poll' && p.purpose === 'opinion').length).toBeGreaterThanOrEqual(2)
      expect(polls.some((p) => p.kind === 'poll' && p.purpose === 'feedback')).toBe(true)
      expect(manifest.safeguarding.length).toBeGreaterThanOrEqual(1)
    })

    it('has a safeguarding pause whose numbers are all marked for the trainer to verify locally', async () => {
      const { manifest } = await load(name)
      expect(manifest.pause?.script.length).toBeGreaterThanOrEqual(3)
      expect(manifest.pause?.contacts.some((c) => c.vi!.includes('111') && c.en!.includes('111'))).toBe(true)
      for (const contact of manifest.pause?.contacts ?? []) {
        expect(contact.vi).toContain('[@verify-locally]')
        expect(contact.en).toContain('[@verify-locally]')
      }
    })

    it('cites only paragraphs that exist in the seed articles', async (context) => {
      if (!existsSync(seedsDir)) context.skip('../shared/seeds is not beside this checkout')
      const { manifest, slides } = await load(name)
      for (const source of manifest.sources) {
        const file = seedFiles[source.id]
        expect(file, `unknown seed ${source.id}`).toBeDefined()
        const paragraphs = seedParagraphs(file!)
        expect(source.paragraphs, source.id).toBe(paragraphs.length)
        expect(source.title, source.id).toBe(paragraphs[0]?.trim())
      }
      const texts = [
        readFileSync(join(workshopsDir, name, MANIFEST_FILE), 'utf8'),
        ...Object.values(slides).flatMap((s) => [...s.vi, ...s.en].map((slide) => `${slide.body}\n${slide.notes}`))
      ]
      const cited = texts.flatMap((t) => findCitations(t)).filter((c) => c.sourceId !== 'verify-locally')
      expect(cited.length).toBeGreaterThan(0)
      // Copyright and navigation lines of interpol-2023 are not content.
      expect(cited.filter((c) => c.sourceId === 'interpol-2023' && (c.paragraph ?? 0) >= 8)).toEqual([])
      expect(cited.filter((c) => c.sourceId === 'ecpat-2019' && c.paragraph === 3)).toEqual([])
    })

    it('every slide has speaker notes', () => {
      const dir = join(workshopsDir, name, 'slides')
      for (const file of existsSync(dir) ? readdirSync(dir) : []) {
        const parsed = splitSlides(readFileSync(join(dir, file), 'utf8'))
        parsed.forEach((slide, i) => expect(slide.notes, `${file} slide ${i + 1}`).not.toBe(''))
      }
    })

    it('uses current child-protection terminology', () => {
      // "Child pornography" only when naming a legal instrument by its title (the Optional Protocol)
      // or when explaining to trainers why the term is no longer used.
      const dir = join(workshopsDir, name)
      const files = [MANIFEST_FILE, ...readdirSync(join(dir, 'slides')).map((f) => `slides/${f}`)]
      for (const file of files) {
        const text = readFileSync(join(dir, file), 'utf8')
        for (const line of text.split('\n')) {
          if (/child pornography|khiêu dâm trẻ em/i.test(line)) {
            expect(line, `${file}: outdated term outside a legal title`).toMatch(
              /Optional Protocol|Nghị định thư|Luxembourg|terminolog|thuật ngữ/i
            )
          }
          expect(line, file).not.toMatch(/child prostitutes?\b/i)
        }
      }
    })
  })
})
