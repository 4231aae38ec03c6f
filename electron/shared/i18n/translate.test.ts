import { afterEach, describe, expect, it, vi as mock } from 'vitest'
import { NoticeSchema } from '../../core/api/contract'
import type { ProblemCode } from '../../core/workshops/problems'
import { messageKeys, setMissingMessageHandler, translate } from './translate'
import { vi } from './vi'

/** Every problem code, as a record so a new code is a compile error here until it gets a sentence. */
const PROBLEM_CODES: Record<ProblemCode, true> = {
  'file-missing': true,
  'file-too-large': true,
  'file-unreadable': true,
  'yaml-syntax': true,
  'field-missing': true,
  'field-wrong-type': true,
  'field-invalid': true,
  'field-unknown': true,
  'field-choice': true,
  'too-few': true,
  'too-many': true,
  'folder-name': true,
  'duplicate-id': true,
  'poll-options-needed': true,
  'poll-scale-needed': true,
  'poll-open-has-options': true,
  'poll-max-choices': true,
  'poll-ranking-mode': true,
  'quiz-questions-both': true,
  'quiz-questions-none': true,
  'quiz-from-unknown': true,
  'quiz-correct-single': true,
  'quiz-correct-multiple': true,
  'unknown-objective': true,
  'citation-unknown-source': true,
  'citation-bad-paragraph': true,
  'citation-needs-paragraph': true,
  'slides-count-differs': true,
  'slides-citations-differ': true,
  'slides-empty': true,
  'raw-html': true,
  'image-remote': true,
  'image-unsafe-path': true,
  'image-missing': true,
  'image-not-image': true,
  'image-too-large': true,
  'image-alt-missing': true,
  'images-too-large': true,
  'archive-too-large': true,
  'archive-invalid': true,
  'archive-unsafe-path': true,
  'archive-link': true,
  'archive-too-many-files': true,
  'archive-unexpected-file': true,
  'archive-bomb': true,
  'import-bundled-id': true,
  'text-missing': true,
  'text-undeclared-language': true
}

describe('message catalogues', () => {
  afterEach(() => setMissingMessageHandler(() => undefined))

  it('has a sentence for every problem the workshop loader can report and every data notice', () => {
    const keys = messageKeys('vi')
    for (const code of Object.keys(PROBLEM_CODES)) expect(keys, code).toContain(`problem.${code}`)
    for (const kind of NoticeSchema.shape.kind.options) expect(keys, kind).toContain(`notice.${kind}`)
  })

  it('fills placeholders', () => {
    expect(translate('vi', 'library.minutes', { minutes: 90 })).toBe('90 phút')
    expect(translate('en', 'library.minutes', { minutes: 90 })).toBe('90 min')
  })

  it('says "1 workshop" but "2 workshops" in English, and the same word for any number in Vietnamese', () => {
    expect(translate('en', 'library.count', { count: 1 })).toBe('1 workshop')
    expect(translate('en', 'library.count', { count: 2 })).toBe('2 workshops')
    expect(translate('en', 'library.count', { count: 0 })).toBe('0 workshops')
    expect(translate('vi', 'library.count', { count: 1 })).toBe('1 hội thảo')
    expect(translate('en', 'quiz.matchedGain', { pairs: 1, points: '+5' })).toMatch(/^1 person gave/)
  })

  it('a key missing in one language falls back to the other and is reported', () => {
    const report = mock.fn()
    setMissingMessageHandler(report)
    // Simulate a key that only one catalogue has, as happens while a translation is in progress.
    ;(vi as Record<string, string>)['test.onlyVietnamese'] = 'Chỉ có tiếng Việt'
    try {
      expect(translate('en', 'test.onlyVietnamese')).toBe('Chỉ có tiếng Việt')
      expect(report).toHaveBeenCalledWith('en', 'test.onlyVietnamese')
    } finally {
      delete (vi as Record<string, string>)['test.onlyVietnamese']
    }
  })

  it('a key missing everywhere is visible on screen', () => {
    setMissingMessageHandler(() => undefined)
    expect(translate('vi', 'no.such.key')).toBe('⟦no.such.key⟧')
  })
})
