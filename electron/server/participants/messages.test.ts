import { describe, expect, it } from 'vitest'
import { catalogueProblems } from '../../shared/i18n/parity'
import { message, participantMessages } from './messages'

describe("the phone pages' messages", () => {
  // The same check as every core catalogue (core/i18n/catalogues.test.ts); the core may not import the server.
  it('Vietnamese and English match (keys, placeholders, plural forms, no empty text)', () => {
    expect(catalogueProblems(participantMessages)).toEqual([])
  })

  it('fill their placeholders', () => {
    expect(message('vi', 'question.number', { n: 3 })).toBe('Câu 3')
    expect(message('en', 'question.number', { n: 3 })).toBe('Question 3')
  })
})
