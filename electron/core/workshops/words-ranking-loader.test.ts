import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { translateNested } from '../../shared/i18n/user-message'
import { samplePackage, writePackage } from '../../testing/sample-package'
import { folderReader, loadWorkshop, type LoadResult } from './loader'

/** The sample package with extra poll blocks (YAML lines) first in its agenda, loaded from a temp folder. */
async function loadWith(blocks: string): Promise<LoadResult> {
  const files = samplePackage()
  files['workshop.yaml'] = files['workshop.yaml']!.replace('blocks:\n', `blocks:\n${blocks}`)
  const dir = join(await mkdtemp(join(tmpdir(), 'roundtable-pkg-')), 'sample-workshop')
  await writePackage(dir, files)
  return loadWorkshop(folderReader(dir))
}

const poll = (id: string, type: string, extra = ''): string =>
  `  - id: ${id}\n    kind: poll\n    title: { vi: "Bình chọn", en: "Poll" }\n    minutes: 3\n` +
  `    question: { vi: "Câu hỏi?", en: "Question?" }\n    type: ${type}\n${extra}`
const options =
  '    options:\n      - { id: a, text: { vi: "Một", en: "One" } }\n      - { id: b, text: { vi: "Hai", en: "Two" } }\n'

describe('word cloud and ranking polls in a package', () => {
  it('loads a word cloud, a ranking by order and one by points', async () => {
    const result = await loadWith(
      poll('words', 'words') +
        poll('order', 'ranking', `${options}    ranking: { mode: order }\n`) +
        poll('points', 'ranking', `${options}    ranking: { mode: points, points: 10 }\n`)
    )
    if (!result.ok) expect.fail(JSON.stringify(result.problems))
    const blocks = result.workshop.manifest.blocks
    expect(blocks.slice(0, 3).map((b) => (b.kind === 'poll' ? [b.type, b.ranking ?? null] : null))).toEqual([
      ['words', null],
      ['ranking', { mode: 'order' }],
      ['ranking', { mode: 'points', points: 10 }]
    ])
  })

  it.each([
    ['a ranking without its way of ranking', poll('order', 'ranking', options), 'poll-ranking-mode'],
    ['a single choice with a ranking', poll('one', 'single', `${options}    ranking: { mode: order }\n`), 'poll-ranking-mode'],
    ['a ranking without options', poll('order', 'ranking', '    ranking: { mode: order }\n'), 'poll-options-needed'],
    ['a word cloud with options', poll('words', 'words', options), 'poll-open-has-options']
  ])('refuses %s, saying so in both languages', async (_, blocks, code) => {
    const result = await loadWith(blocks)
    if (result.ok) expect.fail('loaded')
    const problem = result.problems.find((p) => p.code === code)
    expect(problem, JSON.stringify(result.problems)).toBeDefined()
    for (const language of ['vi', 'en'] as const) {
      expect(translateNested(language, `problem.${problem!.code}`, problem!.params)).not.toMatch(/\{\w+\}|⟦/)
    }
  })
})
