import type { z } from 'zod'
import { LocalizedError, userMessage } from '../../shared/i18n/user-message'
import { NewerSchemaError } from './incidents'

/** A migration turns a file of version `n` into version `n + 1`. */
export type Migration = (old: Record<string, unknown>) => Record<string, unknown>

/**
 * Builds the `parse` function for a data file: reads `schemaVersion`, runs the migrations from that
 * version up to the current one, then validates against the current schema.
 * `migrations[n]` upgrades version n to n + 1 (index 0 is unused: versions start at 1).
 */
export function versionedParser<S extends z.ZodType>(
  schema: S,
  currentVersion: number,
  migrations: Record<number, Migration> = {}
): (raw: unknown) => z.infer<S> {
  return (raw) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new LocalizedError(userMessage('reason.not-an-object'))
    }
    let data = raw as Record<string, unknown>
    const version = data.schemaVersion
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      throw new LocalizedError(userMessage('reason.version-missing'))
    }
    if (version > currentVersion) throw new NewerSchemaError(version, currentVersion)
    for (let v = version; v < currentVersion; v++) {
      const migrate = migrations[v]
      if (!migrate) throw new LocalizedError(userMessage('reason.no-migration', { version: v }))
      data = { ...migrate(data), schemaVersion: v + 1 }
    }
    const result = schema.safeParse(data)
    if (!result.success) {
      const first = result.error.issues[0]
      // The field path is technical detail; zod's own sentence is English, so it stays out of the UI.
      throw new LocalizedError(userMessage('reason.field-invalid', { field: first?.path.join('.') || '(root)' }))
    }
    return result.data
  }
}
