import { z } from 'zod'
import type { MessageKey } from './translate'
import type { UserMessage } from './user-message'

/** A text for the trainer as a catalogue key and parameters; the window translates it (see user-message.ts). */
export const UserMessageSchema: z.ZodType<UserMessage> = z.object({
  key: z.custom<MessageKey>((value) => typeof value === 'string'),
  params: z.record(z.string(), z.union([z.string(), z.number()]))
})
