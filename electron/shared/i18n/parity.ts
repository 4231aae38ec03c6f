import { formsOf, LOCALES, placeholdersOf, type Catalogue, type Message } from './catalogue'
import type { Language } from './language'

/**
 * What is wrong with a catalogue, as sentences (an empty list when nothing is): both languages have the
 * same keys, every text of a message has the placeholders of the Vietnamese one, plural messages have a
 * form for each plural category of their language and no other, the `other` form shows the number, and
 * no text is empty.
 */
export function catalogueProblems(catalogue: Catalogue<string>): string[] {
  const { vi, en } = catalogue.messages
  const problems: string[] = []
  for (const key of Object.keys(vi)) if (!Object.hasOwn(en, key)) problems.push(`${key}: missing in en`)
  for (const key of Object.keys(en)) if (!Object.hasOwn(vi, key)) problems.push(`${key}: missing in vi`)
  for (const language of ['vi', 'en'] as const) {
    for (const [key, message] of Object.entries(catalogue.messages[language])) {
      const expected = placeholdersOf(formsOf(vi[key] ?? message).at(-1) ?? '')
      problems.push(
        ...messageProblems(language, message, expected).map((problem) => `${key} (${language}): ${problem}`)
      )
    }
  }
  return problems
}

function messageProblems(language: Language, message: Message, expectedPlaceholders: string[]): string[] {
  const problems: string[] = []
  // The `one` form may say its number in words ("once", "a pair"): it may leave that placeholder out.
  const counted = typeof message === 'object' ? (message.by ?? 'count') : null
  const expected = expectedPlaceholders.filter((name) => name !== counted).join(',')
  for (const form of formsOf(message)) {
    if (form.trim() === '') problems.push('empty text')
    const found = placeholdersOf(form).filter((name) => name !== counted)
    if (found.join(',') !== expected) problems.push(`placeholders {${found.join(',')}} instead of {${expected}}`)
  }
  if (typeof message === 'object') {
    const categories = [...new Intl.PluralRules(LOCALES[language]).resolvedOptions().pluralCategories].sort()
    const forms = (['one', 'other'] as const).filter((category) => message[category] !== undefined)
    if (forms.join() !== categories.join())
      problems.push(`plural forms ${forms.join('/')} but ${language} has ${categories.join('/')}`)
    if (!placeholdersOf(message.other).includes(message.by ?? 'count'))
      problems.push(`plural by {${message.by ?? 'count'}}, which the text does not show`)
  }
  return problems
}
