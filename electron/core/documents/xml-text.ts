/**
 * Characters that XML 1.0 cannot hold (most control characters, lone surrogates, U+FFFE/U+FFFF): a
 * typed or pasted one would make Word or Excel refuse the whole file, so the writers drop them.
 */
const NOT_XML = new RegExp(
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]',
  'g'
)

export function xmlSafeText(text: string): string {
  return text.replace(NOT_XML, '')
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }

/** Text for an XML element or a quoted attribute: characters XML cannot hold dropped, markup escaped. */
export function escapeXml(text: string): string {
  return xmlSafeText(text).replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!)
}
