import { readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiReply } from '../api/contract'
import { dispatch } from '../api/dispatch'
import { createAppCore, type AppCore } from '../app-core'
import { BUNDLED_FONTS, bundledCoreOptions, sessionDetails } from '../../testing/bundled-core'
import { DocumentFonts, fontFileName, parseUnicodeRange, subsetsFor, type FontSubset, type FontWeight } from './fonts'
import { documentToHtml } from './html'

/** Every `url(...)` of a page, as written. */
function urls(html: string): string[] {
  return [...html.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1] ?? '')
}

/** The embedded faces of a page: weight and the bytes of its data: URL. */
function faces(html: string): { weight: number; range: string; bytes: Buffer }[] {
  return [
    ...html.matchAll(/@font-face \{[^}]*font-weight: (\d+);[^}]*base64,([^)]+)\)[^}]*unicode-range: ([^;]+);/g)
  ].map((m) => ({ weight: Number(m[1]), bytes: Buffer.from(m[2] ?? '', 'base64'), range: m[3] ?? '' }))
}

const file = (subset: FontSubset, weight: FontWeight): Buffer =>
  readFileSync(join(BUNDLED_FONTS, fontFileName(subset, weight)))

describe('choosing the font files a text needs', () => {
  it('reads a CSS unicode-range', () => {
    expect(parseUnicodeRange('U+0102-0103, U+0323, U+1EA0-1EF9')).toEqual([
      [0x102, 0x103],
      [0x323, 0x323],
      [0x1ea0, 0x1ef9]
    ])
  })

  it('Vietnamese text needs the vietnamese and latin files; English text only latin', () => {
    expect(subsetsFor('Hội trường Ánh Dương, 20 người')).toEqual(['vietnamese', 'latin'])
    expect(subsetsFor('Community hall, 20 people — 55%')).toEqual(['latin'])
    expect(subsetsFor('Bàn Tròn')).toEqual(['latin']) // à and ò are latin-1
    expect(subsetsFor('')).toEqual([])
  })

  it('a folder without the files gives no faces (system fonts), and the page still has no url(...)', () => {
    const html = documentToHtml(
      { title: 'Tóm tắt', language: 'vi', sections: [{ heading: 'Điểm danh', paragraphs: ['Nữ'] }] },
      new DocumentFonts('/nonexistent/fonts')
    )
    expect(html).not.toMatch(/@font-face|url\(|font-src/)
    expect(html).toContain('font-family: "Be Vietnam Pro", system-ui')
  })
})

describe('the HTML export of a session embeds the faces its text uses', () => {
  let core: AppCore
  let dataDir: string
  const result = async <T>(method: string, args: unknown): Promise<T> => {
    const reply: ApiReply = await dispatch(core.handlers, method, args)
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`)
    return reply.result as T
  }
  const exportHtml = async (language: 'vi' | 'en', venue: string): Promise<string> => {
    const session = await result<{ id: string }>('session.start', {
      workshopId: 'conference-briefing',
      details: sessionDetails({ venue, trainer: 'Lan', language })
    })
    const { files } = await result<{ files: { content: string }[] }>('session.export', {
      id: session.id,
      language,
      format: 'html'
    })
    return files[0]!.content
  }

  beforeAll(async () => {
    const options = await bundledCoreOptions('fonts')
    dataDir = options.dataDir
    core = await createAppCore(options)
  })
  afterAll(async () => {
    await core?.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('a Vietnamese summary embeds the vietnamese and latin files of 400, 600 and 700, as woff2 data: URLs', async () => {
    const html = await exportHtml('vi', 'Hội trường Ánh Dương')
    const embedded = faces(html)
    expect(embedded.map((f) => f.weight)).toEqual([400, 400, 600, 600, 700, 700])
    for (const weight of [400, 600, 700] as const) {
      expect(embedded.filter((f) => f.weight === weight).map((f) => f.bytes)).toEqual([
        file('vietnamese', weight),
        file('latin', weight)
      ])
    }
    expect(embedded.find((f) => f.range.includes('U+1EA0-1EF9'))).toBeDefined()
    expect(html).toContain('font-src data:')
  })

  it('an English summary embeds the latin files only', async () => {
    const html = await exportHtml('en', 'Community hall')
    const embedded = faces(html)
    expect(embedded.map((f) => f.weight)).toEqual([400, 600, 700])
    for (const face of embedded) {
      expect(face.bytes).toEqual(file('latin', face.weight as FontWeight))
      expect(face.range).toMatch(/^U\+0000-00FF/)
    }
  })

  it('every data: URL is a woff2 file, and nothing is referenced outside the page', async () => {
    for (const html of [await exportHtml('vi', 'Hội trường'), await exportHtml('en', 'Community hall')]) {
      expect(urls(html).length).toBe(faces(html).length)
      for (const url of urls(html)) expect(url).toMatch(/^data:font\/woff2;base64,[A-Za-z0-9+/]+=*$/)
      for (const face of faces(html)) expect(face.bytes.subarray(0, 4).toString('latin1')).toBe('wOF2')
      expect(html).not.toMatch(/<script|<link|@import|https?:|src=["']/i)
      expect((html.match(/<style>/g) ?? []).length).toBe(2)
    }
  })
})
