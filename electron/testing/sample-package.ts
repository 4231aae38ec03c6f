import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

/**
 * A small valid workshop package as files, for tests; each broken variant changes one thing.
 * Kept as code (not committed folders) so a change to the format updates every variant at once.
 */
export type PackageFiles = Record<string, string>

export function samplePackage(id = 'sample-workshop'): PackageFiles {
  const bi = (vi: string, en: string): string => `{ vi: "${vi}", en: "${en}" }`
  return {
    'workshop.yaml': `format: 1
id: ${id}
version: 1.0.0
title: ${bi('Hội thảo mẫu', 'Sample workshop')}
summary: ${bi('Tóm tắt', 'Summary')}
audience:
  groups: [parents]
  description: ${bi('Cha mẹ', 'Parents')}
durationMinutes: 60
languages: [vi, en]
objectives:
  - id: know
    text: ${bi('Biết', 'Know')}
contentNote: ${bi('Lưu ý', 'Note')}
safeguarding:
  - ${bi('An toàn', 'Safety')}
sources:
  - id: ecpat-2019
    title: "Vì sự an toàn của trẻ em trên không gian mạng"
    description: ${bi('Bài báo', 'Article')}
    paragraphs: 8
blocks:
  - id: intro
    kind: slides
    title: ${bi('Mở đầu', 'Opening')}
    minutes: 20
  - id: pre
    kind: quiz
    title: ${bi('Kiểm tra', 'Quiz')}
    minutes: 10
    role: pre
    passMarkPercent: 70
    questions:
      - id: q1
        objective: know
        text: ${bi('Câu hỏi', 'Question')}
        options:
          - { id: a, text: ${bi('Đúng', 'Right')}, correct: true }
          - { id: b, text: ${bi('Sai', 'Wrong')} }
        explanation: ${bi('Giải thích [@ecpat-2019#4]', 'Explanation [@ecpat-2019#4]')}
  - id: talk
    kind: discussion
    title: ${bi('Thảo luận', 'Discussion')}
    minutes: 20
    prompt: ${bi('Câu hỏi thảo luận', 'Prompt')}
    debrief:
      - ${bi('Hỏi lại', 'Debrief')}
  - id: post
    kind: quiz
    title: ${bi('Kiểm tra cuối', 'Post-test')}
    minutes: 10
    role: post
    passMarkPercent: 70
    questionsFrom: pre
`,
    'slides/intro.vi.md':
      '# Xin chào\n\n- Một phần ba [@ecpat-2019#4]\n\nNote:\nGhi chú [@ecpat-2019#4]\n\n---\n\n# Trang hai\n\nNote:\nGhi chú hai\n',
    'slides/intro.en.md':
      '# Hello\n\n- One third [@ecpat-2019#4]\n\nNote:\nNotes [@ecpat-2019#4]\n\n---\n\n# Slide two\n\nNote:\nNotes two\n'
  }
}

/** A real 160×90 PNG (teal with an orange circle), for image tests. */
export function samplePng(): Buffer {
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAKAAAABaCAIAAACwpMoFAAABGUlEQVR42u3dMRHDUAxEwUOS2iCCxJhSG2cghEJm3FinnXkItKX9pRzXpeJiBIAFWIAFWIAFWIABC7AAC7AAC7AAA+7r+zn+D3Cna710uHZLh263cdB2M4dut3HQdjOHbrdx6HYbh263ceh2GwMGTHeyceh2GwMGTHeyceh2GwMGDBjwZt2HGwMGDBjwct0nGwMGDBgwYMCAAQMGDBgwYMCAAQMGDBgwYMCAAQMG7Huw78GAAQMG7K9KwIABA/Y2ia7XhXQBA2bshb8dHYABA55lPGhiNt3ZdMfYrsolxhMHZV+0fdHrjUfPx80GNxu2GneMxd0kd5N2SLcOwe3C8vJ6nyoOMGABFmABFmABFmDAAizAAizAutUPmdCvCTqUWHQAAAAASUVORK5CYII=',
    'base64'
  )
}

export async function writePackage(dir: string, files: PackageFiles): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true })
    await writeFile(join(dir, path), content)
  }
}

/** Broken variants of the sample, each with the one problem code the loader must report for it. */
export function brokenPackages(): { name: string; code: string; files: PackageFiles }[] {
  const good = samplePackage()
  const manifest = good['workshop.yaml']!
  const variant = (name: string, code: string, change: (files: PackageFiles) => void) => {
    const files = { ...samplePackage() }
    change(files)
    return { name, code, files }
  }
  return [
    variant('yaml-syntax', 'yaml-syntax', (f) => (f['workshop.yaml'] = manifest.replace('title: {', 'title: {{'))),
    variant('missing-title', 'field-missing', (f) => (f['workshop.yaml'] = manifest.replace(/^title: .*\n/m, ''))),
    variant(
      'unknown-key',
      'field-unknown',
      (f) => (f['workshop.yaml'] = manifest.replace('version: 1.0.0', 'version: 1.0.0\nauthor: someone'))
    ),
    variant(
      'bad-kind',
      'field-choice',
      (f) => (f['workshop.yaml'] = manifest.replace('kind: discussion', 'kind: lecture'))
    ),
    variant('missing-slides-file', 'file-missing', (f) => delete f['slides/intro.en.md']),
    variant('wrong-citation-paragraph', 'citation-bad-paragraph', (f) => {
      f['slides/intro.vi.md'] = f['slides/intro.vi.md']!.replaceAll('#4]', '#42]')
      f['slides/intro.en.md'] = f['slides/intro.en.md']!.replaceAll('#4]', '#42]')
    }),
    variant(
      'unknown-source',
      'citation-unknown-source',
      (f) => (f['workshop.yaml'] = manifest.replaceAll('[@ecpat-2019#4]', '[@unicef-2017#1]'))
    ),
    variant('script-in-markdown', 'raw-html', (f) => {
      f['slides/intro.vi.md'] = f['slides/intro.vi.md']!.replace(
        '# Xin chào',
        '# Xin chào\n\n<script>alert(1)</script>'
      )
    }),
    variant('languages-drift', 'slides-count-differs', (f) => {
      f['slides/intro.en.md'] = f['slides/intro.en.md']! + '\n---\n\n# Extra\n\nNote:\nx\n'
    }),
    variant(
      'two-correct-in-single',
      'quiz-correct-single',
      (f) =>
        (f['workshop.yaml'] = manifest.replace(
          '{ id: b, text: { vi: "Sai", en: "Wrong" } }',
          '{ id: b, text: { vi: "Sai", en: "Wrong" }, correct: true }'
        ))
    ),
    variant(
      'oversized-slides',
      'file-too-large',
      (f) => (f['slides/intro.en.md'] = f['slides/intro.en.md']! + 'x'.repeat(1024 * 1024 + 1))
    )
  ]
}
