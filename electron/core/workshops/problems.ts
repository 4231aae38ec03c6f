import type { NestedParams } from '../../shared/i18n/user-message'

/**
 * A problem found in a workshop package. The sentence is made from `code` and `params` in the UI
 * language by the i18n catalogues (keys `problem.<code>`), so the loader stays language-neutral.
 */
export type ProblemCode =
  | 'file-missing'
  | 'file-too-large'
  | 'file-unreadable'
  | 'yaml-syntax'
  | 'field-missing'
  | 'field-wrong-type'
  | 'field-invalid'
  | 'field-unknown'
  | 'field-choice'
  | 'too-few'
  | 'too-many'
  | 'folder-name'
  | 'duplicate-id'
  | 'poll-options-needed'
  | 'poll-scale-needed'
  | 'poll-open-has-options'
  | 'poll-max-choices'
  | 'poll-ranking-mode'
  | 'quiz-questions-both'
  | 'quiz-questions-none'
  | 'quiz-from-unknown'
  | 'quiz-correct-single'
  | 'quiz-correct-multiple'
  | 'unknown-objective'
  | 'citation-unknown-source'
  | 'citation-bad-paragraph'
  | 'citation-needs-paragraph'
  | 'slides-count-differs'
  | 'slides-citations-differ'
  | 'slides-empty'
  | 'raw-html'
  | 'image-remote'
  | 'image-unsafe-path'
  | 'image-missing'
  | 'image-not-image'
  | 'image-too-large'
  | 'image-alt-missing'
  | 'images-too-large'
  | 'archive-too-large'
  | 'archive-invalid'
  | 'archive-unsafe-path'
  | 'archive-link'
  | 'archive-too-many-files'
  | 'archive-unexpected-file'
  | 'archive-bomb'
  | 'import-bundled-id'
  | 'text-missing'
  | 'text-undeclared-language'

export interface WorkshopProblem {
  /** Path inside the package, with forward slashes (`workshop.yaml`, `slides/intro.en.md`). */
  file: string
  line?: number
  code: ProblemCode
  /** A parameter may be a message itself (why a file could not be read), translated with the sentence. */
  params: NestedParams
}
