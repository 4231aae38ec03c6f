import { describe, expect, it } from 'vitest'
import { GUIDE_LABELS } from './labels'

describe('guide labels from the catalogue', () => {
  it('fill their values in argument order', () => {
    expect(GUIDE_LABELS.vi.slide(2, 5)).toBe('Trang chiếu 2/5')
    expect(GUIDE_LABELS.en.whereBlock(3, 'Warm-up')).toBe('Part 3: Warm-up')
    expect(GUIDE_LABELS.en.pollScale(1, 5)).toBe('Scale from 1 to 5')
    expect(GUIDE_LABELS.vi.sexes.female).toBe('Nữ')
    expect(GUIDE_LABELS.en.blockKinds.break).toBe('Break')
  })

  it('say "once", "1 paragraph" and "1 item" in English, and nothing to check when there is none', () => {
    expect(GUIDE_LABELS.en.cited(1)).toBe('once')
    expect(GUIDE_LABELS.en.cited(4)).toBe('4 times')
    expect(GUIDE_LABELS.en.sourceParagraphs(1)).toBe('1 paragraph')
    expect(GUIDE_LABELS.en.sourceParagraphs(12)).toBe('12 paragraphs')
    expect(GUIDE_LABELS.en.beforeSession(1)).toContain('check the 1 item marked ⚠')
    expect(GUIDE_LABELS.en.beforeSession(3)).toContain('check the 3 items marked ⚠')
    expect(GUIDE_LABELS.en.beforeSession(0)).toBe(
      'Before the session: read the safeguarding notes at the end of this guide.'
    )
    expect(GUIDE_LABELS.vi.beforeSession(1)).toContain('kiểm tra 1 thông tin')
  })

  it('a title with braces is printed as it is, not read as a placeholder', () => {
    expect(GUIDE_LABELS.en.reusesQuestions('Quiz {count}')).toContain('“Quiz {count}”')
  })
})
