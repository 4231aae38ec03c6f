import { mkdtemp, symlink, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { translateNested } from '../../shared/i18n/user-message'
import { folderReader, loadWorkshop } from './loader'
import { brokenPackages, samplePackage, writePackage } from '../../testing/sample-package'

async function packageDir(files: Record<string, string>, id = 'sample-workshop'): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'roundtable-pkg-')), id)
  await writePackage(dir, files)
  return dir
}

describe('workshop loader', () => {
  it('loads a valid package with its slides split and speaker notes separated', async () => {
    const result = await loadWorkshop(folderReader(await packageDir(samplePackage())))
    if (!result.ok) expect.fail(JSON.stringify(result.problems))
    expect(result.workshop.manifest.blocks.map((b) => b.id)).toEqual(['intro', 'pre', 'talk', 'post'])
    const slides = result.workshop.slides.intro!
    expect(slides.vi).toHaveLength(2)
    expect(slides.vi[0]!.body).toContain('# Xin chào')
    expect(slides.vi[0]!.body).not.toContain('Ghi chú')
    expect(slides.vi[0]!.notes).toBe('Ghi chú [@ecpat-2019#4]')
  })

  describe.each(brokenPackages())('refuses a broken package: $name', ({ code, files }) => {
    it(`reports ${code} with a file and a plain sentence in both languages`, async () => {
      const result = await loadWorkshop(folderReader(await packageDir(files)))
      expect(result.ok).toBe(false)
      if (result.ok) return
      const problem = result.problems.find((p) => p.code === code)
      expect(problem, JSON.stringify(result.problems)).toBeDefined()
      expect(problem!.file).toMatch(/^(workshop\.yaml|slides\/)/)
      for (const language of ['vi', 'en'] as const) {
        const sentence = translateNested(language, `problem.${problem!.code}`, problem!.params)
        expect(sentence).not.toMatch(/\{\w+\}|⟦/)
        expect(sentence.length).toBeGreaterThan(10)
      }
    })
  })

  it.each([
    ['shorter', 90],
    ['longer', 30]
  ])('loads a package whose blocks add up to less or more than the stated duration (%s: 60 of %i)', async (_, declared) => {
    const files = samplePackage()
    files['workshop.yaml'] = files['workshop.yaml']!.replace('durationMinutes: 60', `durationMinutes: ${declared}`)
    const result = await loadWorkshop(folderReader(await packageDir(files)))
    if (!result.ok) expect.fail(JSON.stringify(result.problems))
    expect(result.workshop.manifest.durationMinutes).toBe(declared)
  })

  it('takes maxChoices on a multiple-choice poll and reports it on another type or above the number of options', async () => {
    const poll = (type: string, max: number): string =>
      `  - id: vote\n    kind: poll\n    title: { vi: "Bình chọn", en: "Poll" }\n    minutes: 5\n    type: ${type}\n` +
      `    maxChoices: ${max}\n    question: { vi: "Chọn tối đa", en: "Choose up to" }\n    options:\n` +
      ['a', 'b', 'c'].map((id) => `      - { id: ${id}, text: { vi: "${id}", en: "${id}" } }\n`).join('')
    const withPoll = (type: string, max: number): Record<string, string> => {
      const files = samplePackage()
      files['workshop.yaml'] = files['workshop.yaml']!.replace('  - id: post\n', `${poll(type, max)}  - id: post\n`)
      return files
    }
    const good = await loadWorkshop(folderReader(await packageDir(withPoll('multiple', 3))))
    if (!good.ok) expect.fail(JSON.stringify(good.problems))
    expect(good.workshop.manifest.blocks.find((b) => b.id === 'vote')).toMatchObject({ maxChoices: 3 })
    for (const [type, max] of [['single', 2], ['multiple', 4]] as const) {
      const result = await loadWorkshop(folderReader(await packageDir(withPoll(type, max))))
      expect(result.ok).toBe(false)
      const problem = result.ok ? undefined : result.problems.find((p) => p.code === 'poll-max-choices')
      expect(problem, `${type} ${max}`).toMatchObject({ file: 'workshop.yaml', params: { block: 'vote', max } })
      expect(problem!.line).toBeGreaterThan(0)
      expect(translateNested('vi', 'problem.poll-max-choices', problem!.params)).toContain('maxChoices')
    }
  })

  it('keeps a planned start time HH:MM and refuses one that is not a time', async () => {
    const files = samplePackage()
    files['workshop.yaml'] = files['workshop.yaml']!.replace('durationMinutes: 60', 'durationMinutes: 60\nplannedStart: "13:30"')
    const result = await loadWorkshop(folderReader(await packageDir(files)))
    if (!result.ok) expect.fail(JSON.stringify(result.problems))
    expect(result.workshop.manifest.plannedStart).toBe('13:30')
    files['workshop.yaml'] = files['workshop.yaml']!.replace('"13:30"', '"25:00"')
    const refused = await loadWorkshop(folderReader(await packageDir(files)))
    if (refused.ok) expect.fail('25:00 is not a time')
    expect(refused.problems.map((p) => p.code)).toContain('field-invalid')
  })

  it('points schema problems at the right line of workshop.yaml', async () => {
    const files = samplePackage()
    files['workshop.yaml'] = files['workshop.yaml']!.replace('kind: discussion', 'kind: lecture')
    const result = await loadWorkshop(folderReader(await packageDir(files)))
    if (result.ok) expect.fail('should fail')
    const line = files['workshop.yaml']!.split('\n').findIndex((l) => l.includes('kind: lecture')) + 1
    const problem = result.problems.find((p) => p.code === 'field-choice')!
    expect(problem.line).toBe(line)
  })

  it('reports a citation problem at its line in the slide file', async () => {
    const files = samplePackage()
    files['slides/intro.vi.md'] = files['slides/intro.vi.md']!.replace('Ghi chú [@ecpat-2019#4]', 'Ghi chú [@ecpat-2019#9]')
    files['slides/intro.en.md'] = files['slides/intro.en.md']!.replace('Notes [@ecpat-2019#4]', 'Notes [@ecpat-2019#9]')
    const result = await loadWorkshop(folderReader(await packageDir(files)))
    if (result.ok) expect.fail('should fail')
    const problem = result.problems.find((p) => p.code === 'citation-bad-paragraph' && p.file === 'slides/intro.vi.md')
    expect(problem?.line).toBe(6)
  })

  it('catches citations that differ between the languages of one slide', async () => {
    const files = samplePackage()
    files['slides/intro.en.md'] = files['slides/intro.en.md']!.replace('One third [@ecpat-2019#4]', 'One third [@ecpat-2019#5]')
    const result = await loadWorkshop(folderReader(await packageDir(files)))
    if (result.ok) expect.fail('should fail')
    expect(result.problems.map((p) => p.code)).toContain('slides-citations-differ')
  })

  it('requires the folder name to match the id', async () => {
    const result = await loadWorkshop(folderReader(await packageDir(samplePackage(), 'other-name')))
    if (result.ok) expect.fail('should fail')
    expect(result.problems.map((p) => p.code)).toContain('folder-name')
  })

  it('does not follow a symbolic link out of the package', async () => {
    const files = samplePackage()
    delete files['slides/intro.en.md']
    const dir = await packageDir(files)
    await symlink('/etc/passwd', join(dir, 'slides/intro.en.md'))
    const result = await loadWorkshop(folderReader(dir))
    if (result.ok) expect.fail('should fail')
    expect(result.problems.map((p) => p.code)).toContain('file-missing')
    await rm(dir, { recursive: true })
  })
})
