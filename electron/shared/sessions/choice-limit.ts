import type { Block } from '../workshops/schema'

/**
 * "Choose up to three": the most options one person may choose in a multiple-choice poll (the package's
 * `maxChoices`), or null when there is no limit. Phones, paper, cards, hands and results all ask here.
 */
export function choiceLimit(block: Block): number | null {
  return block.kind === 'poll' && block.type === 'multiple' && block.maxChoices !== undefined ? block.maxChoices : null
}

/** Whether one person's distinct choices go past the poll's limit. */
export function overChoiceLimit(block: Block, chosen: readonly string[] | undefined): boolean {
  const limit = choiceLimit(block)
  return limit !== null && new Set(chosen ?? []).size > limit
}

/**
 * Hands cannot be checked per person: with a head count, more hands than limit × people means someone
 * raised a hand too often. Returns that ceiling when it is passed, null otherwise (or without a head count).
 */
export function handsOverLimit(block: Block, hands: number, headCount: number): number | null {
  const limit = choiceLimit(block)
  if (limit === null || headCount <= 0) return null
  return hands > limit * headCount ? limit * headCount : null
}
