import MarkdownIt from 'markdown-it'

/**
 * Images in a workshop package: files in `images/`, referenced from slides as
 * `![alt text](images/name.png)`. Only raster formats that cannot carry script (no SVG), recognised by
 * their first bytes rather than their name, small enough to travel on a USB stick or a chat app.
 * Pure functions on bytes: shared by the loader, the package file and the editor.
 */
export const IMAGES_FOLDER = 'images'
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024
/** Images do not compress: 16 MB of them keeps a whole package under the 20 MB package file limit. */
export const MAX_IMAGES_TOTAL_BYTES = 16 * 1024 * 1024
/** A safe file name: lowercase, no spaces, no path, one of the allowed extensions. */
export const IMAGE_NAME = /^[a-z0-9][a-z0-9_-]{0,79}\.(png|jpg|jpeg|webp|gif)$/

export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif'

const startsWith = (bytes: Uint8Array, signature: number[], at = 0): boolean =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b)
const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0))

/** The image type the bytes really are (PNG, JPEG, WebP, GIF), or null for anything else. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif'
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp'
  return null
}

export type ImageProblem = 'image-remote' | 'image-unsafe-path' | 'image-not-image' | 'image-too-large'

/**
 * Why an image reference in a slide cannot be used, or null when it names a package image.
 * Remote and embedded images would break the offline promise (and could track the room); paths
 * outside `images/` could read other files.
 */
export function imageReferenceProblem(src: string): ImageProblem | null {
  const trimmed = src.trim()
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) return 'image-remote'
  return imageNameOf(trimmed) === null ? 'image-unsafe-path' : null
}

/** `images/photo.png` → `photo.png`; null for anything that is not exactly one safe file in `images/`. */
export function imageNameOf(src: string): string | null {
  const match = /^images\/([^/\\]+)$/.exec(src.trim())
  const name = match?.[1]
  return name && IMAGE_NAME.test(name) ? name : null
}

/** Checks an image file's bytes: null when it may go into a package. */
export function imageFileProblem(bytes: Uint8Array): ImageProblem | null {
  if (bytes.length > MAX_IMAGE_BYTES) return 'image-too-large'
  return sniffImageType(bytes) === null ? 'image-not-image' : null
}

/** A file name for an image added in the editor: made safe, with the extension of its real type. */
export function safeImageName(original: string, type: ImageType, taken: Iterable<string>): string {
  const extension = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif' }[type]
  const stem =
    original
      .replace(/\.[^.]*$/, '')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'image'
  const used = new Set(taken)
  let name = `${stem}.${extension}`
  for (let n = 2; used.has(name); n++) name = `${stem}-${n}.${extension}`
  return name
}

export interface ImageReference {
  src: string
  alt: string
  /** 1-based line within the Markdown text. */
  line: number
}

const parser = new MarkdownIt({ html: false })
// Every URL is let through here so that refused ones are found and reported, not silently dropped.
parser.validateLink = () => true

/** Every `![alt](src)` in a Markdown text, with its line. */
export function findImageReferences(markdown: string): ImageReference[] {
  const found: ImageReference[] = []
  for (const token of parser.parse(markdown, {})) {
    if (token.type !== 'inline') continue
    const line = (token.map?.[0] ?? 0) + 1
    const visit = (children: typeof token.children): void => {
      for (const child of children ?? []) {
        if (child.type === 'image') {
          found.push({ src: String(child.attrGet('src') ?? ''), alt: child.content.trim(), line })
        }
        visit(child.children)
      }
    }
    visit(token.children)
  }
  return found
}
