import type { HttpBindings } from '@hono/node-server'
import type { Context } from 'hono'

/** Hono's environment on the phone site: Node's own request, and what the guards found out. */
export type Env = { Bindings: HttpBindings; Variables: { device: string | null; body: string } }
export type PhoneContext = Context<Env>
