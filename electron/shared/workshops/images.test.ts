import { mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import * as yazl from 'yazl'
import { describe, expect, it } from 'vitest'
import { addImage, duplicateWorkshop, readDraftImages } from '../../core/library/workshop-editing'
import { findImageReferences, imageReferenceProblem, MAX_IMAGE_BYTES, safeImageName, sniffImageType } from './images'
import { folderReader, loadWorkshop } from '../../core/workshops/loader'
import { renderMarkdown } from './markdown'
import { exportPackage, importPackage, previewPackage, readPackageArchive } from '../../core/workshops/package-file'
import { brokenPackages, samplePackage, samplePng, writePackage, type PackageFiles } from '../../testing/sample-package'

const tempDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'roundtable-images-'))

/** The sample package with one image on its first slide, in both languages. */
function withImage(src = 'images/map.png', alt = { vi: 'Bản đồ', en: 'Map' }): PackageFiles {
  const files = samplePackage()
  files['slides/intro.vi.md'] = files['slides/intro.vi.md']!.replace('# Xin chào\n', `# Xin chào\n\n![${alt.vi}](${src})\n`)
  files['slides/intro.en.md'] = files['slides/intro.en.md']!.replace('# Hello\n', `# Hello\n\n![${alt.en}](${src})\n`)
  return files
}

async function writeWithImages(files: PackageFiles, images: Record<string, Buffer>, id = 'sample-workshop'): Promise<string> {
  const dir = join(await tempDir(), id)
  await writePackage(dir, files)
  await mkdir(join(dir, 'images'), { recursive: true })
  for (const [name, bytes] of Object.entries(images)) await writeFile(join(dir, 'images', name), bytes)
  return dir
}

async function zipOf(entries: { name: string; data: Buffer | string }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile()
  for (const e of entries) zip.addBuffer(Buffer.from(e.data), e.name)
  zip.end()
  const chunks: Buffer[] = []
  for await (const chunk of zip.outputStream as Readable) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>')

describe('image files', () => {
  it('are recognised by their bytes, not their names', () => {
    expect(sniffImageType(samplePng())).toBe('image/png')
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg')
    expect(sniffImageType(Buffer.from('GIF89a\x01\x00'))).toBe('image/gif')
    expect(sniffImageType(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]))).toBe('image/webp')
    expect(sniffImageType(SVG)).toBeNull()
    expect(sniffImageType(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBeNull()
    expect(sniffImageType(Buffer.from([0x89, 0x50]))).toBeNull()
  })

  it('refuse remote, embedded and out-of-folder references', () => {
    for (const src of ['http://example.org/a.png', 'https://x.y/a.png', '//cdn.example/a.png', 'data:image/png;base64,AAAA', 'file:///etc/passwd', 'javascript:alert(1)']) {
      expect(imageReferenceProblem(src), src).toBe('image-remote')
    }
    for (const src of ['../secret.png', 'images/../workshop.yaml', 'images/sub/a.png', '/etc/a.png', 'a.png', 'images/Ảnh.png', 'images/a.svg', 'images/.png']) {
      expect(imageReferenceProblem(src), src).toBe('image-unsafe-path')
    }
    expect(imageReferenceProblem('images/map-2.png')).toBeNull()
  })

  it('get safe, unused names from whatever the file was called', () => {
    expect(safeImageName('Bản đồ Đà Nẵng.PNG', 'image/png', [])).toBe('ban-do-da-nang.png')
    expect(safeImageName('../../evil.svg', 'image/gif', [])).toBe('evil.gif')
    expect(safeImageName('map.png', 'image/png', ['map.png', 'map-2.png'])).toBe('map-3.png')
    expect(safeImageName('???.png', 'image/jpeg', [])).toBe('image.jpg')
  })

  it('are found in Markdown with their alt text and line', () => {
    expect(findImageReferences('# T\n\ntext ![A map](images/a.png) and ![](x.png)\n')).toEqual([
      { src: 'images/a.png', alt: 'A map', line: 3 },
      { src: 'x.png', alt: '', line: 3 }
    ])
  })
})

describe('images in slides', () => {
  it('render as data URLs from the package, escaped, and nothing else loads', () => {
    const url = `data:image/png;base64,${samplePng().toString('base64')}`
    const html = renderMarkdown('![A "map" <b>](images/map.png) [@ecpat-2019#4]', { 'map.png': url })
    expect(html).toContain(`<img class="slide-image" src="${url}" alt="A &quot;map&quot; &lt;b&gt;">`)
    expect(html).toContain('data-cite="ecpat-2019#4"')
    // Remote, missing and linked images never produce a request.
    const other = renderMarkdown('![x](https://evil.example/t.png) ![y](images/gone.png) [z](images/map.png) ![c [@a#1]](images/map.png)', { 'map.png': url })
    expect(other).not.toContain('evil.example"')
    expect(other).not.toMatch(/<img[^>]+src="(?!data:image\/png)/)
    expect(other).toContain('<span class="slide-image-missing">y</span>')
    expect(other).not.toContain('<a')
    expect(other).toContain('alt="c @a"')
  })

  it('load with the package and reach the session snapshot', async () => {
    const dir = await writeWithImages(withImage(), { 'map.png': samplePng() })
    const result = await loadWorkshop(folderReader(dir))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(Object.keys(result.workshop.images)).toEqual(['map.png'])
    expect(result.workshop.images['map.png']).toMatch(/^data:image\/png;base64,iVBOR/)
  })

  it.each([
    ['remote', withImage('https://example.org/a.png'), {}, 'image-remote'],
    ['protocol-relative', withImage('//example.org/a.png'), {}, 'image-remote'],
    ['data', withImage('data:image/png;base64,AAAA'), {}, 'image-remote'],
    ['file', withImage('file:///etc/hosts'), {}, 'image-remote'],
    ['traversal', withImage('../../secret.png'), {}, 'image-unsafe-path'],
    ['traversal inside images', withImage('images/../workshop.yaml'), {}, 'image-unsafe-path'],
    ['missing', withImage('images/gone.png'), {}, 'image-missing'],
    ['svg renamed', withImage('images/map.png'), { 'map.png': SVG }, 'image-not-image'],
    ['too large', withImage('images/map.png'), { 'map.png': Buffer.concat([samplePng(), Buffer.alloc(MAX_IMAGE_BYTES)]) }, 'image-too-large'],
    ['no alt text', withImage('images/map.png', { vi: '', en: '' }), { 'map.png': samplePng() }, 'image-alt-missing']
  ])('a %s image is a problem with its file and line', async (_name, files, images, code) => {
    const dir = await writeWithImages(files, images as Record<string, Buffer>)
    const result = await loadWorkshop(folderReader(dir))
    expect(result.ok).toBe(false)
    if (result.ok) return
    const problem = result.problems.find((p) => p.code === code)
    expect(problem, JSON.stringify(result.problems)).toMatchObject({ file: 'slides/intro.vi.md', line: 3 })
  })
})

describe('images in package files', () => {
  it('travel with an export and arrive byte for byte; unused images stay behind', async () => {
    const source = await writeWithImages(withImage(), { 'map.png': samplePng(), 'unused.png': samplePng() })
    const file = await exportPackage(source, 'sample-workshop')
    const userDir = await tempDir()
    expect(await importPackage(file, userDir)).toMatchObject({ ok: true, id: 'sample-workshop' })
    expect(await readdir(join(userDir, 'sample-workshop', 'images'))).toEqual(['map.png'])
    expect((await readFile(join(userDir, 'sample-workshop', 'images', 'map.png'))).equals(samplePng())).toBe(true)
    const loaded = await loadWorkshop(folderReader(join(userDir, 'sample-workshop')))
    expect(loaded.ok && Object.keys(loaded.workshop.images)).toEqual(['map.png'])
  })

  it.each([
    ['an SVG named .png', 'images/logo.png', SVG, 'image-not-image'],
    ['an oversized image', 'images/big.png', Buffer.concat([samplePng(), Buffer.alloc(MAX_IMAGE_BYTES)]), 'image-too-large'],
    ['an unsafe image name', 'images/Ảnh đẹp.png', samplePng(), 'image-unsafe-path'],
    ['an image in a subfolder', 'images/sub/a.png', samplePng(), 'archive-unexpected-file']
  ])('refuse %s, writing nothing', async (_name, path, data, code) => {
    const entries = Object.entries(withImage()).map(([name, text]) => ({ name, data: text }))
    const zip = await zipOf([...entries, { name: 'images/map.png', data: samplePng() }, { name: path, data }])
    expect((await readPackageArchive(zip)).ok).toBe(false)
    const userDir = await tempDir()
    const result = await importPackage(zip, userDir)
    expect(result).toMatchObject({ ok: false, problems: [{ code }] })
    expect(await readdir(userDir)).toEqual([])
  })
})

describe('import preview', () => {
  const fileOf = async (files: PackageFiles, images: Record<string, Buffer> = {}): Promise<Buffer> =>
    zipOf([
      ...Object.entries(files).map(([name, data]) => ({ name, data })),
      ...Object.entries(images).map(([name, data]) => ({ name: `images/${name}`, data }))
    ])
  const withVersion = (version: string): PackageFiles => {
    const files = withImage()
    files['workshop.yaml'] = files['workshop.yaml']!.replace('version: 1.0.0', `version: ${version}`)
    return files
  }

  it('says what a new workshop holds before anything is written', async () => {
    const userDir = await tempDir()
    const result = await previewPackage(await fileOf(withImage(), { 'map.png': samplePng() }), userDir)
    expect(result).toEqual({
      ok: true,
      preview: {
        id: 'sample-workshop',
        title: { vi: 'Hội thảo mẫu', en: 'Sample workshop' },
        version: '1.0.0',
        languages: ['vi', 'en'],
        blocksByKind: { slides: 1, quiz: 2, discussion: 1 },
        totalMinutes: 60,
        sources: [{ id: 'ecpat-2019', title: 'Vì sự an toàn của trẻ em trên không gian mạng' }],
        images: [{ name: 'map.png', bytes: samplePng().length }],
        relation: 'new',
        existingVersion: null
      }
    })
    expect(await readdir(userDir)).toEqual([])
  })

  it('compares with the version present: newer, same or older', async () => {
    const userDir = await tempDir()
    expect(await importPackage(await fileOf(withVersion('1.2.0'), { 'map.png': samplePng() }), userDir)).toMatchObject({ ok: true })
    for (const [version, relation] of [['1.10.0', 'newer'], ['1.2.0', 'same'], ['1.1.9', 'older']] as const) {
      const result = await previewPackage(await fileOf(withVersion(version), { 'map.png': samplePng() }), userDir)
      expect(result, version).toMatchObject({ ok: true, preview: { relation, existingVersion: '1.2.0', version } })
    }
  })

  it.each(brokenPackages().map((b) => [b.name, b] as const))('refuses the broken package %s with the loader’s problem', async (_name, broken) => {
    const result = await previewPackage(await fileOf(broken.files), await tempDir())
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems.map((p) => p.code)).toContain(broken.code)
  })

  it('refuses a package that would shadow a bundled workshop', async () => {
    const result = await previewPackage(await fileOf(samplePackage()), await tempDir(), { bundledIds: ['sample-workshop'] })
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'import-bundled-id' }] })
  })
})

describe('adding images in the editor', () => {
  it('copies a real image under a safe name, refuses anything else, and duplicates carry images', async () => {
    const dir = await writeWithImages(withImage(), { 'map.png': samplePng() })
    const added = await addImage(dir, 'Sơ đồ.png', samplePng())
    expect(added).toMatchObject({ ok: true, name: 'so-do.png' })
    expect(await addImage(dir, 'x.png', SVG)).toMatchObject({ ok: false, problem: { code: 'image-not-image' } })
    expect(await addImage(dir, 'x.png', Buffer.concat([samplePng(), Buffer.alloc(MAX_IMAGE_BYTES)]))).toMatchObject({
      ok: false,
      problem: { code: 'image-too-large' }
    })
    expect(Object.keys(await readDraftImages(dir))).toEqual(['map.png', 'so-do.png'])
    const userDir = await tempDir()
    const copy = await duplicateWorkshop(dir, userDir, 'sample-workshop')
    expect(await readdir(join(userDir, copy, 'images'))).toEqual(['map.png', 'so-do.png'])
    expect((await loadWorkshop(folderReader(join(userDir, copy)))).ok).toBe(true)
  })
})
