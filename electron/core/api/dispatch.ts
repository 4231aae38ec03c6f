import { inEnglish, reasonOf, userMessage, type UserMessage } from '../../shared/i18n/user-message'
import {
  apiContract,
  isApiMethod,
  type ApiErrorCode,
  type ApiMethod,
  type ApiParsedArgs,
  type ApiReply,
  type ApiResult
} from './contract'

/** What the core implements: one async function per method, with the contract's types. */
export type ApiHandlers = { [M in ApiMethod]: (args: ApiParsedArgs<M>) => Promise<ApiResult<M>> }

/** An error a handler throws on purpose, with a code the UI can act on and a reason the trainer reads. */
export class ApiError extends Error {
  constructor(
    readonly code: 'not-found' | 'failed',
    readonly reason: UserMessage
  ) {
    super(inEnglish(reason))
  }
}

function refusal(code: ApiErrorCode, reason: UserMessage, message = inEnglish(reason)): ApiReply {
  return { ok: false, error: { code, message, reason } }
}

/**
 * The single entry point both transports call with untrusted input: checks the method name and
 * validates the arguments against the contract before any handler runs.
 */
export async function dispatch(handlers: ApiHandlers, method: unknown, rawArgs: unknown): Promise<ApiReply> {
  if (!isApiMethod(method)) {
    return refusal('unknown-method', userMessage('error.unknown-method', { method: String(method).slice(0, 60) }))
  }
  const parsed = apiContract[method].args.safeParse(rawArgs ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue?.path.join('.') || 'arguments'
    // zod's sentence is English: it stays in the log message, the trainer gets the field.
    return refusal(
      'invalid-arguments',
      userMessage('error.invalid-arguments', { field }),
      `${field}: ${issue?.message ?? 'invalid'}`
    )
  }
  try {
    const handler = handlers[method] as (args: unknown) => Promise<unknown>
    return { ok: true, result: await handler(parsed.data) }
  } catch (error) {
    if (error instanceof ApiError) return refusal(error.code, error.reason)
    return refusal('failed', reasonOf(error), error instanceof Error ? error.message : String(error))
  }
}
