import { existsSync, promises as fs } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml'
import {
  imageFileProblem,
  IMAGE_NAME,
  IMAGES_FOLDER,
  MAX_IMAGE_BYTES,
  MAX_IMAGES_TOTAL_BYTES,
  safeImageName,
  sniffImageType
} from '../../shared/workshops/images'
import { folderReader, imageDataUrl, loadWorkshop, MANIFEST_FILE } from '../workshops/loader'
import type { WorkshopDraft } from './library-schema'
import type { WorkshopProblem } from '../workshops/problems'
import { writeFileDurably, type DurableWriteFs } from '../storage/durable-write'

/**
 * Editing the user's own workshops (bundled ones stay read-only: they are duplicated first).
 * A draft is saved even when it has problems, so nothing typed is lost; the loader's checks then say
 * what must be fixed before the workshop can be run.
 */
export type { WorkshopDraft }

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

export async function readDraft(dir: string): Promise<WorkshopDraft> {
  const manifest = (parseYaml(await fs.readFile(join(dir, MANIFEST_FILE), 'utf8')) ?? {}) as Record<string, unknown>
  const slides: WorkshopDraft['slides'] = {}
  for (const block of Array.isArray(manifest.blocks) ? (manifest.blocks as { id?: unknown; kind?: unknown }[]) : []) {
    if (block.kind !== 'slides' || typeof block.id !== 'string' || !ID.test(block.id)) continue
    const read = (language: string) =>
      fs.readFile(join(dir, 'slides', `${block.id}.${language}.md`), 'utf8').catch(() => '')
    slides[block.id] = { vi: await read('vi'), en: await read('en') }
  }
  return { manifest, slides }
}

/**
 * Writes a draft over a user workshop folder (each file durably) and returns what the loader finds.
 * `files` is node's own file system; tests pass one that records the order of calls.
 */
export async function writeDraft(
  dir: string,
  draft: WorkshopDraft,
  files: DurableWriteFs = fs
): Promise<WorkshopProblem[]> {
  await fs.mkdir(join(dir, 'slides'), { recursive: true })
  await writeFileDurably(files, join(dir, MANIFEST_FILE), stringifyYaml(draft.manifest, { lineWidth: 100 }))
  const keep = new Set<string>()
  const declared = Array.isArray(draft.manifest.languages) ? (draft.manifest.languages as unknown[]) : ['vi', 'en']
  for (const [blockId, text] of Object.entries(draft.slides)) {
    if (!ID.test(blockId)) continue
    for (const language of ['vi', 'en'] as const) {
      // A single-language workshop has no file for its other language (`slides/intro.vi.md` only).
      if (!declared.includes(language) && text[language].trim() === '') continue
      const name = `${blockId}.${language}.md`
      keep.add(name)
      await writeFileDurably(files, join(dir, 'slides', name), text[language])
    }
  }
  // Slides of blocks that were removed go too (the draft is the whole workshop).
  for (const name of await fs.readdir(join(dir, 'slides'))) {
    if (name.endsWith('.md') && !keep.has(name)) await fs.unlink(join(dir, 'slides', name))
  }
  const result = await loadWorkshop(folderReader(dir))
  return result.ok ? [] : result.problems
}

/** The images in a workshop folder (used or not), by file name, as data URLs for the editor's preview. */
export async function readDraftImages(dir: string): Promise<Record<string, string>> {
  const images: Record<string, string> = {}
  for (const name of await imageFiles(dir)) {
    const bytes = await fs.readFile(join(dir, IMAGES_FOLDER, name))
    if (imageFileProblem(bytes) === null) images[name] = imageDataUrl(bytes)
  }
  return images
}

export type AddImageResult = { ok: true; name: string; dataUrl: string } | { ok: false; problem: WorkshopProblem }

/** Copies an image chosen in the editor into the workshop's `images/`, under a safe, unused name. */
export async function addImage(dir: string, originalName: string, bytes: Buffer): Promise<AddImageResult> {
  const refuse = (code: WorkshopProblem['code']): AddImageResult => ({
    ok: false,
    problem: {
      file: originalName,
      code,
      params: { src: originalName, maxKb: MAX_IMAGE_BYTES / 1024, maxMb: MAX_IMAGES_TOTAL_BYTES / 1024 / 1024 }
    }
  })
  const problem = imageFileProblem(bytes)
  const type = sniffImageType(bytes)
  if (problem || !type) return refuse(problem ?? 'image-not-image')
  const existing = await imageFiles(dir)
  let total = bytes.length
  for (const name of existing) total += (await fs.stat(join(dir, IMAGES_FOLDER, name))).size
  if (total > MAX_IMAGES_TOTAL_BYTES) return refuse('images-too-large')
  const name = safeImageName(originalName, type, existing)
  await fs.mkdir(join(dir, IMAGES_FOLDER), { recursive: true })
  await writeFileDurably(fs, join(dir, IMAGES_FOLDER, name), bytes)
  return { ok: true, name, dataUrl: imageDataUrl(bytes) }
}

async function imageFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(join(dir, IMAGES_FOLDER), { withFileTypes: true }).catch(() => [])
  return entries
    .filter((e) => e.isFile() && IMAGE_NAME.test(e.name))
    .map((e) => e.name)
    .sort()
}

/** Copies a workshop into the user's folder under a new id, recording where it came from. */
export async function duplicateWorkshop(sourceDir: string, userDir: string, sourceId: string): Promise<string> {
  const draft = await readDraft(sourceDir)
  let id = `${sourceId}-copy`
  for (let n = 2; existsSync(join(userDir, id)); n++) id = `${sourceId}-copy-${n}`
  const version = typeof draft.manifest.version === 'string' ? draft.manifest.version : '1.0.0'
  const { derivedFrom: _previous, ...rest } = draft.manifest
  draft.manifest = {
    ...rest,
    id,
    title: copyTitle(rest.title),
    version: '1.0.0',
    derivedFrom: { id: sourceId, version }
  }
  const images = await imageFiles(sourceDir)
  if (images.length > 0) await fs.mkdir(join(userDir, id, IMAGES_FOLDER), { recursive: true })
  for (const name of images)
    await fs.copyFile(join(sourceDir, IMAGES_FOLDER, name), join(userDir, id, IMAGES_FOLDER, name))
  await writeDraft(join(userDir, id), draft)
  return id
}

const COPY_SUFFIX = { vi: ' (bản sao)', en: ' (copy)' } as const

/**
 * A copy's title says it is a copy in each language ("… (bản sao)", "… (copy)"), so the library does not show two
 * identical cards; the trainer can change it in the editor. A copy of a copy gets one suffix, not two.
 */
export function copyTitle(title: unknown): unknown {
  if (typeof title !== 'object' || title === null) return title
  const result: Record<string, unknown> = { ...title }
  for (const language of ['vi', 'en'] as const) {
    const text = result[language]
    if (typeof text !== 'string' || text.trim() === '') continue
    let base = text.trimEnd()
    while (base.endsWith(COPY_SUFFIX[language])) base = base.slice(0, -COPY_SUFFIX[language].length).trimEnd()
    result[language] = base + COPY_SUFFIX[language]
  }
  return result
}

/** Removing a workshop only moves it aside, like every other destructive step in the app. */
export async function removeWorkshop(dir: string, userDir: string, id: string): Promise<void> {
  const bin = join(userDir, '.removed')
  await fs.mkdir(bin, { recursive: true })
  await fs.rename(dir, join(bin, `${id}-${Date.now()}`))
}
