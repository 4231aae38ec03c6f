import { afterEach, describe, expect, it, vi as mock } from 'vitest'
import { defineCatalogue, setMissingMessageHandler } from './catalogue'
import { catalogueProblems } from './parity'

const vi = {
  greet: 'Chào {name}',
  people: '{count} người',
  pairs: '{pairs} cặp',
  plain: 'Một',
  times: '{count} lần'
} as const
const catalogue = defineCatalogue({
  vi,
  en: {
    greet: 'Hello {name}',
    people: { one: '{count} person', other: '{count} people' },
    pairs: { by: 'pairs', one: '{pairs} pair', other: '{pairs} pairs' },
    plain: 'One',
    // The one form may say its number in words.
    times: { one: 'once', other: '{count} times' }
  }
})

describe('defineCatalogue', () => {
  afterEach(() => setMissingMessageHandler(() => undefined))

  it('fills placeholders and leaves one without a parameter visible', () => {
    expect(catalogue.text('en', 'greet', { name: 'Lan' })).toBe('Hello Lan')
    expect(catalogue.text('vi', 'greet')).toBe('Chào {name}')
  })

  it('picks the plural form through Intl.PluralRules: English one/other, Vietnamese always other', () => {
    expect(catalogue.text('en', 'people', { count: 1 })).toBe('1 person')
    expect(catalogue.text('en', 'people', { count: 0 })).toBe('0 people')
    expect(catalogue.text('en', 'people', { count: '21' })).toBe('21 people')
    expect(catalogue.text('en', 'people', { count: 1.5 })).toBe('1.5 people')
    expect(catalogue.text('vi', 'people', { count: 1 })).toBe('1 người')
    expect(catalogue.text('en', 'times', { count: 1 })).toBe('once')
  })

  it('a plural message may count by another parameter than {count}', () => {
    expect(catalogue.text('en', 'pairs', { pairs: 1 })).toBe('1 pair')
    expect(catalogue.text('en', 'pairs', { pairs: 3 })).toBe('3 pairs')
  })

  it('without its number a plural message uses its other form', () => {
    expect(catalogue.text('en', 'people')).toBe('{count} people')
  })

  it('a key missing in one language falls back to the other and is reported; missing everywhere shows ⟦key⟧', () => {
    const report = mock.fn()
    setMissingMessageHandler(report)
    const partial = defineCatalogue({ vi: { a: 'A', b: 'B' }, en: { a: 'A', b: 'B' } })
    delete (partial.messages.en as Record<string, string>)['b']
    expect(partial.text('en', 'b')).toBe('B')
    expect(report).toHaveBeenCalledWith('en', 'b')
    expect(partial.text('vi', 'nothing' as 'a')).toBe('⟦nothing⟧')
  })

  it('lists its keys and tells its own keys from others', () => {
    expect(catalogue.keys).toEqual(['greet', 'people', 'pairs', 'plain', 'times'])
    expect(catalogue.has('people')).toBe(true)
    expect(catalogue.has('toString')).toBe(false)
  })

  it('makes an unknown key, a missing English key and an extra English key type errors', () => {
    // @ts-expect-error not a key of the catalogue
    expect(catalogue.text('vi', 'nope')).toBe('⟦nope⟧')
    // @ts-expect-error English lacks "b"
    defineCatalogue({ vi: { a: 'A', b: 'B' }, en: { a: 'A' } })
    // @ts-expect-error English has "c", which Vietnamese has not
    defineCatalogue({ vi: { a: 'A' }, en: { a: 'A', c: 'C' } })
  })
})

describe('catalogueProblems', () => {
  it('finds nothing wrong in a complete catalogue', () => {
    expect(catalogueProblems(catalogue)).toEqual([])
  })

  it('finds missing keys, different placeholders, incomplete plurals and empty texts', () => {
    const broken = defineCatalogue({
      vi: { a: 'A {x}', b: 'B', c: '{count} C', d: 'D', e: '{count} E {name}', g: '{count} G' },
      en: {
        a: 'A {y}',
        b: ' ',
        c: { other: '{count} Cs' },
        d: 'D',
        e: { one: 'an E', other: '{count} Es' },
        g: { one: 'a G', other: 'Gs' }
      }
    })
    delete (broken.messages.en as Record<string, string>)['d']
    ;(broken.messages.vi as Record<string, unknown>)['f'] = { one: '{count} F', other: '{count} F' }
    expect(catalogueProblems(broken)).toEqual([
      'd: missing in en',
      'f: missing in en',
      'f (vi): plural forms one/other but vi has other',
      'a (en): placeholders {y} instead of {x}',
      'b (en): empty text',
      'c (en): plural forms other but en has one/other',
      'e (en): placeholders {} instead of {name}',
      'e (en): placeholders {} instead of {name}',
      'g (en): plural by {count}, which the text does not show'
    ])
  })
})
