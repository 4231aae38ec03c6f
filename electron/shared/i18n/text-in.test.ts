import { describe, expect, it } from 'vitest'
import { languageShown, slidesIn, textIn } from './text-in'

describe('textIn, the one way a workshop text is shown', () => {
  it('gives the wanted language when the workshop declares it', () => {
    expect(textIn({ vi: 'Mở đầu', en: 'Opening' }, 'en', ['vi', 'en'])).toBe('Opening')
    expect(textIn({ vi: 'Mở đầu', en: 'Opening' }, 'vi', ['en', 'vi'])).toBe('Mở đầu')
  })

  it("falls back to the workshop's first language when the wanted one is absent", () => {
    expect(textIn({ vi: 'Mở đầu' }, 'en', ['vi'])).toBe('Mở đầu')
    expect(textIn({ en: 'Opening' }, 'vi', ['en'])).toBe('Opening')
  })

  it('never shows text in a language the workshop does not declare while a declared one exists', () => {
    expect(textIn({ vi: 'Mở đầu', en: 'Opening' }, 'en', ['vi'])).toBe('Mở đầu')
  })

  it('uses both languages, Vietnamese first, when no list of languages is given', () => {
    expect(textIn({ en: 'Opening' }, 'vi')).toBe('Opening')
    expect(textIn({ vi: 'Mở đầu', en: 'Opening' }, 'en')).toBe('Opening')
  })

  it('gives an empty string only for an absent text, never "undefined"', () => {
    expect(textIn(undefined, 'vi', ['vi'])).toBe('')
    expect(textIn(null, 'en')).toBe('')
    expect(textIn({ en: 'Opening' }, 'vi', ['vi'])).toBe('Opening')
  })
})

describe('slidesIn and languageShown', () => {
  it("give a Vietnamese-only block's slides and language whatever language is wanted", () => {
    const slides = { vi: ['một', 'hai'], en: [] as string[] }
    expect(slidesIn(slides, 'en', ['vi'])).toEqual(['một', 'hai'])
    expect(slidesIn(slides, 'vi', ['vi'])).toEqual(['một', 'hai'])
    expect(slidesIn(undefined, 'vi', ['vi'])).toEqual([])
    expect(languageShown('en', ['vi'])).toBe('vi')
    expect(languageShown('en', ['vi', 'en'])).toBe('en')
  })
})
