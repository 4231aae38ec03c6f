import type { SessionCommand } from './commands'

/**
 * The presenter's key presses that could not reach the core (the app was unreachable), kept in the order
 * they were pressed, for the trainer to replay or discard once it can be reached again. Each press gets a
 * stamp when it is sent, so presses in flight together stay in order whatever order their failures arrive.
 */
export class HeldPresses {
  private stamps = 0
  private held: { stamp: number; command: SessionCommand }[] = []

  /** A stamp for a press about to be sent. */
  stamp(): number {
    return ++this.stamps
  }

  hold(stamp: number, command: SessionCommand): void {
    this.held.push({ stamp, command })
    this.held.sort((a, b) => a.stamp - b.stamp)
  }

  get count(): number {
    return this.held.length
  }

  /** Every held press, in pressing order; none are held afterwards. */
  take(): SessionCommand[] {
    const commands = this.held.map((h) => h.command)
    this.held = []
    return commands
  }
}
