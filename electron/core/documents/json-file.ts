import { z } from 'zod'

/**
 * The one JSON file wrapper of generated documents: `{ format, version, <payload key>: payload }`,
 * written pretty-printed, read back with a size limit, a format and version check and the payload's
 * schema. A file that cannot be read says why: `problem` names the case, and the caller turns it into
 * its own (translated) error.
 */
export type JsonFileProblem = 'too-large' | 'not-json' | 'wrong-format' | 'newer-version' | 'invalid'

export interface JsonFileKind<K extends string, S extends z.ZodType> {
  format: string
  version: number
  /** The payload's key in the file ("summary", "report"). */
  key: K
  schema: S
  /** Larger than any real file; refuses absurd files before parsing them. */
  maxChars: number
}

/** What went wrong, with the detail a message needs (the JSON error, the version found, the fields). */
export interface JsonFileFailure {
  problem: JsonFileProblem
  error?: unknown
  text?: string
  found?: number
  issues?: z.core.$ZodIssue[]
}

/** The file's schema: the format and version as literals around the payload's schema. */
export function jsonFileSchema<K extends string, S extends z.ZodType>(kind: JsonFileKind<K, S>) {
  return z.strictObject({
    format: z.literal(kind.format),
    version: z.literal(kind.version),
    [kind.key]: kind.schema
  } as { format: z.ZodLiteral<string>; version: z.ZodLiteral<number> } & Record<K, S>)
}

export function writeJsonFile<K extends string, S extends z.ZodType>(
  kind: JsonFileKind<K, S>,
  payload: z.infer<S>
): string {
  return `${JSON.stringify({ format: kind.format, version: kind.version, [kind.key]: payload }, null, 2)}\n`
}

/** Reads a file of this kind; `fail` makes the error thrown for each problem. */
export function readJsonFile<K extends string, S extends z.ZodType>(
  kind: JsonFileKind<K, S>,
  text: string,
  fail: (failure: JsonFileFailure) => Error
): z.infer<S> {
  if (text.length > kind.maxChars) throw fail({ problem: 'too-large' })
  const withoutBom = text.replace(/^\uFEFF/, '')
  let raw: unknown
  try {
    raw = JSON.parse(withoutBom)
  } catch (error) {
    throw fail({ problem: 'not-json', error, text: withoutBom })
  }
  if (
    typeof raw !== 'object' ||
    raw === null ||
    Array.isArray(raw) ||
    (raw as { format?: unknown }).format !== kind.format
  ) {
    throw fail({ problem: 'wrong-format' })
  }
  const version = (raw as { version?: unknown }).version
  if (typeof version === 'number' && Number.isInteger(version) && version > kind.version) {
    throw fail({ problem: 'newer-version', found: version })
  }
  const result = jsonFileSchema(kind).safeParse(raw)
  if (!result.success) throw fail({ problem: 'invalid', issues: result.error.issues })
  return (result.data as Record<K, z.infer<S>>)[kind.key]
}

/** The places of schema issues as dotted paths ("summary.attendance.total"), each once. */
export function issuePlaces(issues: z.core.$ZodIssue[]): string[] {
  const places = issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => [...issue.path, key].join('.'))
      : [issue.path.join('.') || '(root)']
  )
  return [...new Set(places)]
}

/** A plain error for files without translated messages (the report's JSON, read by other tools). */
export class JsonFileError extends Error {
  constructor(
    readonly problem: JsonFileProblem,
    detail: string
  ) {
    super(detail)
    this.name = 'JsonFileError'
  }
}
