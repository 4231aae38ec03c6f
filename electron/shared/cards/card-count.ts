/** How many answer cards can be printed (numbers 1…count); its own module so the API contract imports no marker code. */
export const DEFAULT_CARD_COUNT = 40
export const MAX_CARD_COUNT = 200
