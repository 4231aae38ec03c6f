import { existsSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { AR } from '../../shared/cards/aruco'
import { beforeAll, describe, expect, it } from 'vitest'
import { MAX_CARD_COUNT } from '../../shared/cards/card-count'
import { folderReader, loadWorkshop, type LoadedWorkshop } from '../workshops/loader'
import { answerCardsHtml } from './answer-cards'
import { GUIDE_LABELS, type GuideLanguage } from './labels'
import { escapeHtml } from './printable-html'

const workshopDir = resolve(__dirname, '../../../workshops/conference-briefing')
let workshop: LoadedWorkshop
let outDir: string

beforeAll(async () => {
  expect(existsSync(workshopDir)).toBe(true)
  const loaded = await loadWorkshop(folderReader(workshopDir))
  if (!loaded.ok) expect.fail('the bundled workshop does not load')
  workshop = loaded.workshop
  // GUIDES_OUT keeps the files somewhere to open and print by hand.
  outDir = process.env.GUIDES_OUT ?? (await mkdtemp(join(tmpdir(), 'roundtable-cards-')))
})

/** Each card's marker read back from its SVG rects: the 36 data cells as the library's own bit string (1 = white). */
function printedCodes(html: string): Map<number, string> {
  const codes = new Map<number, string>()
  for (const card of html.matchAll(/<section class="card" data-number="(\d+)">(.*?)<\/section>/gs)) {
    const cells = Array.from({ length: 6 }, () => new Array<string>(6).fill('0'))
    for (const rect of card[2]!.matchAll(/<rect x="(\d+)" y="(\d+)" width="(\d+)" height="1"\/>/g)) {
      const [x, y, width] = [Number(rect[1]), Number(rect[2]), Number(rect[3])]
      for (let i = 0; i < width; i++) cells[y - 1]![x - 1 + i] = '1'
    }
    codes.set(Number(card[1]), cells.flat().join(''))
  }
  return codes
}

describe.each<GuideLanguage>(['vi', 'en'])('answer cards in %s', (language) => {
  const L = GUIDE_LABELS[language]

  it('print one card per number, 1 to the count asked (40 unless told), each marker the dictionary code of its number', async () => {
    const dictionary = new AR.Dictionary('ARUCO_MIP_36h12')
    for (const count of [undefined, 3, MAX_CARD_COUNT]) {
      const html = answerCardsHtml(workshop, language, count)
      if (count === 3) await writeFile(join(outDir, `answer-cards.${language}.html`), html)
      const codes = printedCodes(html)
      const expected = count ?? 40
      expect([...codes.keys()]).toEqual(Array.from({ length: expected }, (_, i) => i + 1))
      for (const [number, code] of codes) expect(code, `card ${number}`).toBe(dictionary.codeList[number])
    }
  })

  it('put A on top, B on the right, C at the bottom and D on the left, each turned to read upright from its side', () => {
    const html = answerCardsHtml(workshop, language, 1)
    for (const letter of ['A', 'B', 'C', 'D'])
      expect(html).toContain(`<span class="side side-${letter}">${letter}</span>`)
    expect(html).toMatch(/\.side-A \{[^}]*translateX\(-50%\); \}/)
    expect(html).toMatch(/\.side-B \{[^}]*rotate\(90deg\)/)
    expect(html).toMatch(/\.side-C \{[^}]*rotate\(180deg\)/)
    expect(html).toMatch(/\.side-D \{[^}]*rotate\(-90deg\)/)
  })

  it('say how to hold a card and show its number small, in the language asked, self-contained for A4', () => {
    const html = answerCardsHtml(workshop, language, 2)
    expect(html).toContain(`<html lang="${language}">`)
    expect(html).toContain(`<p class="how">${escapeHtml(L.cardHow)}</p>`)
    expect(html).toContain(`<span class="number">${escapeHtml(L.cardNumber(2))}</span>`)
    expect(html).toContain("content=\"default-src 'none'; style-src 'unsafe-inline'\"")
    expect(html).toContain('size: A4')
    for (const forbidden of ['<script', '<img', '<link', 'http://', 'https://']) expect(html).not.toContain(forbidden)
  })

  it('refuse a count outside 1 to 200', () => {
    for (const count of [0, -1, 2.5, MAX_CARD_COUNT + 1])
      expect(() => answerCardsHtml(workshop, language, count)).toThrow(RangeError)
  })
})
