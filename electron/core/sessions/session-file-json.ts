import type { SessionFile } from '../../shared/sessions/model'

/** Each session's workshop snapshot as JSON, by object: a snapshot never changes once the session starts. */
const snapshotJson = new WeakMap<object, string>()
const SESSION_MARK = '"session-json-goes-here"'

/**
 * The session file as JSON, with the workshop snapshot (every slide in both languages, most of the file)
 * serialised once per session instead of on every save: a hall's answers are saved many times a second.
 * The result parses to the same value as `JSON.stringify(file)`; only the order of keys differs.
 */
export function stringifySessionFile(file: SessionFile): string {
  if (!file.session?.snapshot) return JSON.stringify(file)
  const { snapshot, ...live } = file.session
  let cached = snapshotJson.get(snapshot)
  if (cached === undefined) {
    cached = JSON.stringify(snapshot)
    snapshotJson.set(snapshot, cached)
  }
  const sessionJson = `${JSON.stringify(live).slice(0, -1)},"snapshot":${cached}}`
  // A function, so that a `$` in anything the session holds is never read as a replacement pattern.
  return JSON.stringify({ ...file, session: JSON.parse(SESSION_MARK) }).replace(SESSION_MARK, () => sessionJson)
}
