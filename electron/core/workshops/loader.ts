import { promises as fs } from 'node:fs'
import { basename, join } from 'node:path'
import { LineCounter, parseDocument, isScalar, visit, type Document } from 'yaml'
import type { z } from 'zod'
import { reasonOf, yamlSyntaxReason } from '../../shared/i18n/user-message'
import { findCitations, citationSet, lineAt, VERIFY_LOCALLY } from '../../shared/workshops/citations'
import { findImageReferences, imageFileProblem, imageNameOf, imageReferenceProblem, IMAGES_FOLDER, MAX_IMAGE_BYTES, MAX_IMAGES_TOTAL_BYTES, sniffImageType } from '../../shared/workshops/images'
import { findRawHtml, type SlideImages } from '../../shared/workshops/markdown'
import type { WorkshopProblem } from './problems'
import { BLOCK_KINDS, ManifestSchema, type Block, type Manifest } from '../../shared/workshops/schema'
import { splitSlides, type ParsedSlide } from '../../shared/workshops/slides'
import { undeclaredTexts } from '../../shared/workshops/workshop-languages'

export const MANIFEST_FILE = 'workshop.yaml'
export const MAX_FILE_BYTES = 1024 * 1024
const LANGUAGES = ['vi', 'en'] as const

export interface LoadedWorkshop {
  manifest: Manifest
  /** Slides of each slides block, per language. */
  slides: Record<string, { vi: ParsedSlide[]; en: ParsedSlide[] }>
  /** The package images the slides use, by file name, as data URLs ready for `renderMarkdown`. */
  images: SlideImages
}

/**
 * A package that loads may still have warnings: texts in a language the workshop does not declare (never shown).
 * A package that does not load has problems only.
 */
export type LoadResult =
  | { ok: true; workshop: LoadedWorkshop; warnings: WorkshopProblem[] }
  | { ok: false; problems: WorkshopProblem[] }

/** Reads files of a package, wherever they live (a folder on disk, an archive in memory). */
export interface PackageReader {
  /** Resolves to the file's text, or null when it does not exist. Throws `FileTooLargeError` past the limit. */
  readText(relativePath: string): Promise<string | null>
  /** Resolves to an image file's bytes, or null when it does not exist. Throws `FileTooLargeError` past the image limit. */
  readBytes(relativePath: string): Promise<Uint8Array | null>
  /** The package's folder name, when it has one (bundled and installed packages). */
  folderName?: string
}

export class FileTooLargeError extends Error {}

export function folderReader(dir: string): PackageReader {
  const read = async (relativePath: string, limit: number): Promise<Buffer | null> => {
    const path = join(dir, ...relativePath.split('/'))
    let stat
    try {
      stat = await fs.lstat(path)
    } catch {
      return null
    }
    if (!stat.isFile()) return null // links and folders are not package files
    if (stat.size > limit) throw new FileTooLargeError(relativePath)
    return fs.readFile(path)
  }
  return {
    folderName: basename(dir),
    readText: async (relativePath) => (await read(relativePath, MAX_FILE_BYTES))?.toString('utf8') ?? null,
    readBytes: (relativePath) => read(relativePath, MAX_IMAGE_BYTES)
  }
}

/** Loads and checks a whole package; every problem found is reported, not just the first. */
export async function loadWorkshop(reader: PackageReader): Promise<LoadResult> {
  const problems: WorkshopProblem[] = []
  const text = await readChecked(reader, MANIFEST_FILE, problems)
  if (text === null) return { ok: false, problems }

  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      // Without prettyErrors the parser gives an offset only; the line counter turns it into line and column.
      const at = lineCounter.linePos(error.pos[0])
      problems.push({
        file: MANIFEST_FILE,
        line: at.line,
        code: 'yaml-syntax',
        params: { column: at.col, reason: yamlSyntaxReason(error.code) }
      })
    }
    return { ok: false, problems }
  }

  const parsed = ManifestSchema.safeParse(doc.toJS())
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(schemaProblem(issue, doc, lineCounter))
    return { ok: false, problems }
  }
  const manifest = parsed.data
  const lineOf = (path: (string | number)[]): number | undefined => nodeLine(doc, lineCounter, path)

  if (reader.folderName !== undefined && reader.folderName !== manifest.id) {
    problems.push({
      file: MANIFEST_FILE,
      line: lineOf(['id']),
      code: 'folder-name',
      params: { id: manifest.id, folder: reader.folderName }
    })
  }
  checkStructure(manifest, lineOf, problems)
  checkManifestCitations(doc, lineCounter, manifest, problems)
  const warnings: WorkshopProblem[] = undeclaredTexts(manifest).map(({ path, language }) => ({
    file: MANIFEST_FILE,
    line: lineOf([...path, language]),
    code: 'text-undeclared-language',
    params: { field: fieldName([...path, language]), language }
  }))

  const slides: LoadedWorkshop['slides'] = {}
  const images = new ImageChecker(reader)
  for (const block of manifest.blocks) {
    if (block.kind !== 'slides') continue
    const perLanguage = { vi: [] as ParsedSlide[], en: [] as ParsedSlide[] }
    for (const language of LANGUAGES) {
      const file = `slides/${block.id}.${language}.md`
      if (!manifest.languages.includes(language)) {
        // Slides in a language the workshop does not declare are not read, only mentioned.
        if (await reader.readText(file).catch(() => null)) {
          warnings.push({ file, code: 'text-undeclared-language', params: { field: file, language } })
        }
        continue
      }
      const markdown = await readChecked(reader, file, problems)
      if (markdown === null) continue
      perLanguage[language] = splitSlides(markdown)
      checkSlidesFile(file, markdown, perLanguage[language], manifest, problems)
      await images.check(file, markdown, problems)
    }
    // The drift checks between languages apply only where the workshop has both.
    if (manifest.languages.length === LANGUAGES.length) compareLanguages(block.id, perLanguage, problems)
    slides[block.id] = perLanguage
  }

  images.checkTotal(problems)
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, workshop: { manifest, slides, images: images.dataUrls }, warnings }
}

/** An image's bytes as a data URL of its real type, the one way images reach a page (CSP: img-src 'self' data:). */
export function imageDataUrl(bytes: Uint8Array): string {
  return `data:${sniffImageType(bytes) ?? 'application/octet-stream'};base64,${Buffer.from(bytes).toString('base64')}`
}

/** Checks every image a slide shows (where it points, its alt text, its bytes) and keeps the good ones. */
class ImageChecker {
  readonly dataUrls: Record<string, string> = {}
  /** Per file name: its size when good, or the problem found (each file is read once). */
  private readonly seen = new Map<string, number | WorkshopProblem['code']>()

  constructor(private readonly reader: PackageReader) {}

  async check(file: string, markdown: string, problems: WorkshopProblem[]): Promise<void> {
    for (const { src, alt, line } of findImageReferences(markdown)) {
      const push = (code: WorkshopProblem['code']): void => {
        problems.push({ file, line, code, params: { src: src.slice(0, 80), maxKb: MAX_IMAGE_BYTES / 1024 } })
      }
      if (alt === '') push('image-alt-missing')
      const refused = imageReferenceProblem(src)
      const name = imageNameOf(src)
      if (refused || name === null) {
        push(refused ?? 'image-unsafe-path')
        continue
      }
      const found = this.seen.get(name) ?? (await this.read(name))
      this.seen.set(name, found)
      if (typeof found === 'string') push(found)
    }
  }

  checkTotal(problems: WorkshopProblem[]): void {
    const total = [...this.seen.values()].reduce<number>((sum, v) => sum + (typeof v === 'number' ? v : 0), 0)
    if (total > MAX_IMAGES_TOTAL_BYTES) {
      problems.push({ file: IMAGES_FOLDER, code: 'images-too-large', params: { maxMb: MAX_IMAGES_TOTAL_BYTES / 1024 / 1024 } })
    }
  }

  private async read(name: string): Promise<number | WorkshopProblem['code']> {
    let bytes: Uint8Array | null
    try {
      bytes = await this.reader.readBytes(`${IMAGES_FOLDER}/${name}`)
    } catch (error) {
      return error instanceof FileTooLargeError ? 'image-too-large' : 'image-missing'
    }
    if (bytes === null) return 'image-missing'
    const problem = imageFileProblem(bytes)
    if (problem) return problem
    this.dataUrls[name] = imageDataUrl(bytes)
    return bytes.length
  }
}

async function readChecked(
  reader: PackageReader,
  file: string,
  problems: WorkshopProblem[]
): Promise<string | null> {
  try {
    const text = await reader.readText(file)
    if (text === null) {
      problems.push({ file, code: 'file-missing', params: { file } })
      return null
    }
    return text
  } catch (error) {
    if (error instanceof FileTooLargeError) {
      problems.push({ file, code: 'file-too-large', params: { file, maxKb: MAX_FILE_BYTES / 1024 } })
    } else {
      problems.push({ file, code: 'file-unreadable', params: { file, reason: reasonOf(error) } })
    }
    return null
  }
}

function nodeLine(doc: Document, lineCounter: LineCounter, path: (string | number)[]): number | undefined {
  // Walk up until a node exists (a missing field is reported where its parent is).
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true)
    const range = (node as { range?: [number, number, number] } | undefined)?.range
    if (range) return lineCounter.linePos(range[0]).line
  }
  return undefined
}

function fieldName(path: PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p + 1}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(root)'
}

function schemaProblem(issue: z.core.$ZodIssue, doc: Document, lineCounter: LineCounter): WorkshopProblem {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol')
  const line = nodeLine(doc, lineCounter, path)
  const field = fieldName(path)
  const base = { file: MANIFEST_FILE, line }
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return { ...base, code: 'field-missing', params: { field } }
      return { ...base, code: 'field-wrong-type', params: { field, expected: issue.expected } }
    case 'unrecognized_keys':
      return { ...base, code: 'field-unknown', params: { field, keys: issue.keys.join(', ') } }
    case 'invalid_value':
      return { ...base, code: 'field-choice', params: { field, allowed: issue.values.map(String).join(', ') } }
    case 'invalid_union':
      // A block whose `kind` is not one of the known kinds.
      if (path.at(-1) === 'kind' && path.at(-3) === 'blocks') {
        return { ...base, code: 'field-choice', params: { field, allowed: BLOCK_KINDS.join(', ') } }
      }
      return { ...base, code: 'field-invalid', params: { field } }
    case 'too_small':
      if (issue.origin === 'array') return { ...base, code: 'too-few', params: { field, min: Number(issue.minimum) } }
      return { ...base, code: 'field-invalid', params: { field } }
    case 'too_big':
      if (issue.origin === 'array') return { ...base, code: 'too-many', params: { field, max: Number(issue.maximum) } }
      return { ...base, code: 'field-invalid', params: { field } }
    case 'custom':
      return customProblem(issue, base, field, path)
    default:
      return { ...base, code: 'field-invalid', params: { field } }
  }
}

/** The workshop's own checks in the schema: a text missing a declared language, a text with no language at all. */
function customProblem(
  issue: z.core.$ZodIssueCustom,
  base: { file: string; line: number | undefined },
  field: string,
  path: (string | number)[]
): WorkshopProblem {
  if (issue.message === 'text-missing') {
    const language = String(issue.params?.language ?? path.at(-1))
    return { ...base, code: 'text-missing', params: { field: fieldName(path.slice(0, -1)), language } }
  }
  if (issue.message === 'text-empty') return { ...base, code: 'field-missing', params: { field } }
  return { ...base, code: 'field-invalid', params: { field } }
}

function checkStructure(
  manifest: Manifest,
  lineOf: (path: (string | number)[]) => number | undefined,
  problems: WorkshopProblem[]
): void {
  const push = (path: (string | number)[], code: WorkshopProblem['code'], params: WorkshopProblem['params']): void => {
    problems.push({ file: MANIFEST_FILE, line: lineOf(path), code, params })
  }
  const unique = (ids: string[], what: string, pathOf: (i: number) => (string | number)[]): void => {
    const seen = new Set<string>()
    ids.forEach((id, i) => {
      if (seen.has(id)) push(pathOf(i), 'duplicate-id', { what, id })
      seen.add(id)
    })
  }

  unique(manifest.blocks.map((b) => b.id), 'block', (i) => ['blocks', i, 'id'])
  unique(manifest.objectives.map((o) => o.id), 'objective', (i) => ['objectives', i, 'id'])
  unique(manifest.sources.map((s) => s.id), 'source', (i) => ['sources', i, 'id'])

  // Blocks that add up to more or less than the stated duration are not a problem: the editor warns and offers to
  // set the duration to the sum, and the workshop still loads, starts and prints (issue 14).

  const objectives = new Set(manifest.objectives.map((o) => o.id))
  const quizzesWithQuestions = new Set(
    manifest.blocks.filter((b) => b.kind === 'quiz' && b.questions).map((b) => b.id)
  )
  manifest.blocks.forEach((block: Block, index) => {
    const at = (...rest: (string | number)[]): (string | number)[] => ['blocks', index, ...rest]
    if (block.kind === 'poll') {
      if ((block.type === 'single' || block.type === 'multiple' || block.type === 'ranking') && !block.options) {
        push(at(), 'poll-options-needed', { block: block.id })
      }
      if (block.type === 'rating' && !block.scale) push(at(), 'poll-scale-needed', { block: block.id })
      if ((block.type === 'open' || block.type === 'words') && block.options)
        push(at('options'), 'poll-open-has-options', { block: block.id })
      if ((block.type === 'ranking') !== (block.ranking !== undefined))
        push(at('ranking'), 'poll-ranking-mode', { block: block.id })
      if (block.options) unique(block.options.map((o) => o.id), 'option', (i) => at('options', i, 'id'))
      if (block.maxChoices !== undefined && !maxChoicesFits(block.type, block.maxChoices, block.options?.length)) {
        push(at('maxChoices'), 'poll-max-choices', { block: block.id, max: block.maxChoices })
      }
    }
    if (block.kind === 'quiz') {
      if (block.questions && block.questionsFrom) push(at(), 'quiz-questions-both', { block: block.id })
      if (!block.questions && !block.questionsFrom) push(at(), 'quiz-questions-none', { block: block.id })
      if (block.questionsFrom && !quizzesWithQuestions.has(block.questionsFrom)) {
        push(at('questionsFrom'), 'quiz-from-unknown', { block: block.id, from: block.questionsFrom })
      }
      const questions = block.questions ?? []
      unique(questions.map((q) => q.id), 'question', (i) => at('questions', i, 'id'))
      questions.forEach((question, q) => {
        const correct = question.options.filter((o) => o.correct).length
        if (!question.multiple && correct !== 1) {
          push(at('questions', q), 'quiz-correct-single', { question: question.id, count: correct })
        }
        if (question.multiple && correct < 1) push(at('questions', q), 'quiz-correct-multiple', { question: question.id })
        if (!objectives.has(question.objective)) {
          push(at('questions', q, 'objective'), 'unknown-objective', {
            question: question.id,
            objective: question.objective
          })
        }
        unique(question.options.map((o) => o.id), 'option', (i) => at('questions', q, 'options', i, 'id'))
      })
    }
  })
}

function checkCitation(
  citation: { key: string; sourceId: string; paragraph: number | null },
  manifest: Manifest,
  file: string,
  line: number | undefined,
  problems: WorkshopProblem[]
): void {
  if (citation.sourceId === VERIFY_LOCALLY) return
  const source = manifest.sources.find((s) => s.id === citation.sourceId)
  if (!source) {
    problems.push({ file, line, code: 'citation-unknown-source', params: { citation: citation.key } })
  } else if (citation.paragraph === null) {
    problems.push({ file, line, code: 'citation-needs-paragraph', params: { citation: citation.key } })
  } else if (citation.paragraph < 1 || citation.paragraph > source.paragraphs) {
    problems.push({
      file,
      line,
      code: 'citation-bad-paragraph',
      params: { citation: citation.key, max: source.paragraphs }
    })
  }
}

function checkManifestCitations(
  doc: Document,
  lineCounter: LineCounter,
  manifest: Manifest,
  problems: WorkshopProblem[]
): void {
  visit(doc, {
    Scalar(_key, node) {
      if (!isScalar(node) || typeof node.value !== 'string') return
      const line = node.range ? lineCounter.linePos(node.range[0]).line : undefined
      for (const citation of findCitations(node.value)) checkCitation(citation, manifest, MANIFEST_FILE, line, problems)
    }
  })
}

function checkSlidesFile(
  file: string,
  markdown: string,
  slides: ParsedSlide[],
  manifest: Manifest,
  problems: WorkshopProblem[]
): void {
  for (const citation of findCitations(markdown)) {
    checkCitation(citation, manifest, file, lineAt(markdown, citation.offset), problems)
  }
  for (const html of findRawHtml(markdown)) {
    problems.push({ file, line: html.line, code: 'raw-html', params: { snippet: html.snippet } })
  }
  if (slides.length === 0 || slides.every((s) => s.body === '')) {
    problems.push({ file, code: 'slides-empty', params: { file } })
  }
}

function compareLanguages(
  blockId: string,
  slides: { vi: ParsedSlide[]; en: ParsedSlide[] },
  problems: WorkshopProblem[]
): void {
  if (slides.vi.length === 0 || slides.en.length === 0) return
  const enFile = `slides/${blockId}.en.md`
  if (slides.vi.length !== slides.en.length) {
    problems.push({
      file: enFile,
      code: 'slides-count-differs',
      params: { block: blockId, vi: slides.vi.length, en: slides.en.length }
    })
    return
  }
  slides.vi.forEach((viSlide, i) => {
    const enSlide = slides.en[i]
    if (!enSlide) return
    const viCites = citationSet(`${viSlide.body}\n${viSlide.notes}`).join(' ')
    const enCites = citationSet(`${enSlide.body}\n${enSlide.notes}`).join(' ')
    if (viCites !== enCites) {
      problems.push({
        file: enFile,
        line: enSlide.line,
        code: 'slides-citations-differ',
        params: { block: blockId, slide: i + 1, vi: viCites || '—', en: enCites || '—' }
      })
    }
  })
}

/** `maxChoices` belongs to a multiple-choice poll and cannot exceed its options. */
function maxChoicesFits(type: string, max: number, options: number | undefined): boolean {
  return type === 'multiple' && (options === undefined || max <= options)
}
