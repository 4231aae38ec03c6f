import { apiContract, isApiMethod, type ApiMethod, type ApiParsedArgs, type ApiReply, type ApiResult } from './contract'

/** What the core implements: one async function per method, with the contract's types. */
export type ApiHandlers = { [M in ApiMethod]: (args: ApiParsedArgs<M>) => Promise<ApiResult<M>> }

/** An error a handler throws on purpose, with a code the UI can act on. */
export class ApiError extends Error {
  constructor(
    readonly code: 'not-found' | 'failed',
    message: string
  ) {
    super(message)
  }
}

/**
 * The single entry point both transports call with untrusted input: checks the method name and
 * validates the arguments against the contract before any handler runs.
 */
export async function dispatch(handlers: ApiHandlers, method: unknown, rawArgs: unknown): Promise<ApiReply> {
  if (!isApiMethod(method)) {
    return { ok: false, error: { code: 'unknown-method', message: `unknown method ${String(method).slice(0, 60)}` } }
  }
  const parsed = apiContract[method].args.safeParse(rawArgs ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return {
      ok: false,
      error: { code: 'invalid-arguments', message: `${issue?.path.join('.') || 'arguments'}: ${issue?.message ?? 'invalid'}` }
    }
  }
  try {
    const handler = handlers[method] as (args: unknown) => Promise<unknown>
    return { ok: true, result: await handler(parsed.data) }
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: { code: error.code, message: error.message } }
    return { ok: false, error: { code: 'failed', message: error instanceof Error ? error.message : String(error) } }
  }
}
