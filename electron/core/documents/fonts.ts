import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The app's font (Be Vietnam Pro, SIL Open Font License, resources/fonts) embedded in a generated HTML
 * document, so that it looks, and prints, the same on any computer, with nothing fetched: each face is an
 * `@font-face` rule whose `src` is a `data:font/woff2;base64,...` URL.
 *
 * Only what the document uses goes in: the weights its CSS asks for, and of the two unicode-range files
 * of each weight (latin, vietnamese: the split renderer/src/styles/fonts.css uses too) only those whose
 * range holds a character of the document's text. An English summary then carries the latin files only;
 * a Vietnamese one adds the vietnamese files (about 12 KB each). Files are read once, when first used.
 */
export const DOCUMENT_FONT_FAMILY = 'Be Vietnam Pro'

/** The font stack of generated documents: the embedded font first, then what each system has. */
export const DOCUMENT_FONT_STACK = `"${DOCUMENT_FONT_FAMILY}", system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif`

export type FontWeight = 400 | 600 | 700

/** The subsets shipped in resources/fonts, with their CSS unicode-range (as in fonts.css). */
const SUBSETS = [
  {
    name: 'vietnamese',
    range:
      'U+0102-0103, U+0110-0111, U+0128-0129, U+0168-0169, U+01A0-01A1, U+01AF-01B0, U+0300-0301, U+0303-0304, U+0308-0309, U+0323, U+0329, U+1EA0-1EF9, U+20AB'
  },
  {
    name: 'latin',
    range:
      'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD'
  }
] as const

export type FontSubset = (typeof SUBSETS)[number]['name']

/** `U+0102-0103, U+0323` → [[0x102, 0x103], [0x323, 0x323]]. */
export function parseUnicodeRange(range: string): [number, number][] {
  return range.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-')
    const start = parseInt(from ?? '', 16)
    return [start, to === undefined ? start : parseInt(to, 16)]
  })
}

const SUBSET_RANGES = SUBSETS.map((subset) => ({ ...subset, codes: parseUnicodeRange(subset.range) }))

/** The subsets whose range holds at least one character of `text`. */
export function subsetsFor(text: string): FontSubset[] {
  const codes = new Set<number>()
  for (const char of text) codes.add(char.codePointAt(0) ?? 0)
  return SUBSET_RANGES.filter(({ codes: ranges }) =>
    [...codes].some((code) => ranges.some(([start, end]) => code >= start && code <= end))
  ).map(({ name }) => name)
}

export function fontFileName(subset: FontSubset, weight: FontWeight): string {
  return `be-vietnam-pro-${subset}-${weight}-normal.woff2`
}

const byFolder = new Map<string, DocumentFonts>()

/** The fonts in `dir` (read once per folder, for the app's life); none without a folder. */
export function documentFonts(dir: string | undefined): DocumentFonts | undefined {
  if (!dir) return undefined
  let fonts = byFolder.get(dir)
  if (!fonts) byFolder.set(dir, (fonts = new DocumentFonts(dir)))
  return fonts
}

/** The fonts of generated documents, read from one folder (the app's resources/fonts). */
export class DocumentFonts {
  readonly #base64 = new Map<string, string | null>()

  constructor(readonly dir: string) {}

  /**
   * The `@font-face` rules for a document whose visible text is `text` and whose CSS uses `weights`;
   * empty when the folder has none of the files (the font stack's system fonts are used then).
   */
  faces(text: string, weights: readonly FontWeight[]): string {
    const subsets = subsetsFor(text)
    const rules: string[] = []
    for (const weight of weights) {
      for (const subset of subsets) {
        const data = this.#file(fontFileName(subset, weight))
        if (!data) continue
        const range = SUBSETS.find((s) => s.name === subset)?.range ?? ''
        rules.push(
          `@font-face { font-family: "${DOCUMENT_FONT_FAMILY}"; font-style: normal; font-weight: ${weight}; ` +
            `font-display: block; src: url(data:font/woff2;base64,${data}) format("woff2"); unicode-range: ${range}; }`
        )
      }
    }
    return rules.join('\n')
  }

  #file(name: string): string | null {
    let data = this.#base64.get(name)
    if (data === undefined) {
      try {
        const bytes = readFileSync(join(this.dir, name))
        // A woff2 file starts with 'wOF2'; anything else is not embedded.
        data = bytes.subarray(0, 4).toString('latin1') === 'wOF2' ? bytes.toString('base64') : null
      } catch (error) {
        console.warn(`Roundtable: the document font ${name} could not be read (${(error as Error).message})`)
        data = null
      }
      this.#base64.set(name, data)
    }
    return data
  }
}
