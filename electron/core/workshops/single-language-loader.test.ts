import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { translateNested } from '../../shared/i18n/user-message'
import { folderReader, loadWorkshop, type LoadResult } from './loader'
import { samplePackage, writePackage, type PackageFiles } from '../../testing/sample-package'
import { vietnameseOnlyPackage } from '../../testing/vietnamese-only-package'

async function load(files: PackageFiles, id: string): Promise<LoadResult> {
  const dir = join(await mkdtemp(join(tmpdir(), 'roundtable-lang-')), id)
  await writePackage(dir, files)
  return loadWorkshop(folderReader(dir))
}

describe('single-language workshops', () => {
  it('loads a Vietnamese-only workshop with no English text and no English slides, without warnings', async () => {
    const result = await load(vietnameseOnlyPackage(), 'hop-phu-huynh')
    if (!result.ok) expect.fail(JSON.stringify(result.problems))
    expect(result.warnings).toEqual([])
    expect(result.workshop.manifest.languages).toEqual(['vi'])
    expect(result.workshop.manifest.title).toEqual({ vi: 'Họp phụ huynh về an toàn trên mạng' })
    expect(result.workshop.slides['mo-dau']!.vi).toHaveLength(2)
    expect(result.workshop.slides['mo-dau']!.en).toEqual([])
  })

  it('reports every English text missing in a bilingual workshop as a problem with its field and line', async () => {
    const files = samplePackage()
    files['workshop.yaml'] = files['workshop.yaml']!.replace(
      'title: { vi: "Thảo luận", en: "Discussion" }',
      'title: { vi: "Thảo luận" }'
    ).replace('summary: { vi: "Tóm tắt", en: "Summary" }', 'summary: { vi: "Tóm tắt" }')
    const result = await load(files, 'sample-workshop')
    if (result.ok) expect.fail('a bilingual workshop without English texts loaded')
    const missing = result.problems.filter((p) => p.code === 'text-missing')
    const lineOf = (text: string): number => files['workshop.yaml']!.split('\n').findIndex((l) => l.includes(text)) + 1
    // Fields are numbered from 1 as the editor shows them: blocks[3] is the third block, the discussion.
    expect(missing.map((p) => [p.params.field, p.params.language, p.line])).toEqual([
      ['summary', 'en', lineOf('summary: { vi: "Tóm tắt" }')],
      ['blocks[3].title', 'en', lineOf('title: { vi: "Thảo luận" }')]
    ])
    for (const language of ['vi', 'en'] as const) {
      const sentence = translateNested(language, 'problem.text-missing', missing[0]!.params)
      expect(sentence).toContain('summary')
      expect(sentence).not.toMatch(/\{\w+\}|⟦/)
    }
  })

  it('reports a missing English slides file only while English is declared', async () => {
    const files = samplePackage()
    delete files['slides/intro.en.md']
    const bilingual = await load(files, 'sample-workshop')
    expect(bilingual.ok ? [] : bilingual.problems.map((p) => p.file)).toEqual(['slides/intro.en.md'])
  })

  it('loads, with a warning, a Vietnamese-only workshop that still has English texts and an English slides file', async () => {
    const files = vietnameseOnlyPackage()
    files['workshop.yaml'] = files['workshop.yaml']!.replace(
      'title: { vi: "Mở đầu" }',
      'title: { vi: "Mở đầu", en: "Opening" }'
    )
    files['slides/mo-dau.en.md'] = '# Hello\n\nOnly one slide\n'
    const result = await load(files, 'hop-phu-huynh')
    if (!result.ok) expect.fail(JSON.stringify(result.problems))
    expect(result.warnings.map((w) => [w.code, w.file, w.params.field, w.params.language])).toEqual([
      ['text-undeclared-language', 'workshop.yaml', 'blocks[1].title.en', 'en'],
      ['text-undeclared-language', 'slides/mo-dau.en.md', 'slides/mo-dau.en.md', 'en']
    ])
    expect(result.warnings[0]!.line).toBeGreaterThan(1)
    // The English slides are not read: they are never shown, and their count differing is no problem.
    expect(result.workshop.slides['mo-dau']!.en).toEqual([])
  })

  it('skips the drift checks between languages when only one is declared', async () => {
    const files = samplePackage()
    files['workshop.yaml'] = files['workshop.yaml']!.replace('languages: [vi, en]', 'languages: [en]')
    // Three Vietnamese slides against two English ones, with other citations: a drift only if both were declared.
    files['slides/intro.vi.md'] = '# Một\n\n---\n\n# Hai\n\n---\n\n# Ba\n'
    const result = await load(files, 'sample-workshop')
    if (!result.ok) expect.fail(JSON.stringify(result.problems))
    expect(result.warnings.some((w) => w.file === 'slides/intro.vi.md')).toBe(true)

    const bilingual = samplePackage()
    bilingual['slides/intro.vi.md'] = files['slides/intro.vi.md']
    const drift = await load(bilingual, 'sample-workshop')
    expect(drift.ok ? [] : drift.problems.map((p) => p.code)).toContain('slides-count-differs')
  })

  it('refuses a workshop without languages, with a language twice, or with a text in no language', async () => {
    const base = vietnameseOnlyPackage()
    const variants: [string, string, string][] = [
      ['languages: [vi]', 'languages: []', 'too-few'],
      ['languages: [vi]', 'languages: [vi, vi]', 'field-invalid'],
      ['languages: [vi]', 'languages: [vi, fr]', 'field-choice'],
      ['title: { vi: "Trao đổi nhóm" }', 'title: {}', 'field-missing']
    ]
    for (const [from, to, code] of variants) {
      const result = await load({ ...base, 'workshop.yaml': base['workshop.yaml']!.replace(from, to) }, 'hop-phu-huynh')
      expect(result.ok ? [] : result.problems.map((p) => p.code), to).toContain(code)
    }
  })
})
