import type { SetupContext } from '../../scheduler/context.js';

/**
 * Turns messages that cross real sockets into scheduler-visible arrivals.
 *
 * A client calls {@link ArrivalGate.expect} before it writes a message: that
 * takes a `ctx.hold`, so the scheduler does not decide while the bytes are on
 * the wire. The server calls {@link ArrivalGate.arrive} once the message is
 * whole; the gate keeps it until every expected message has arrived and then
 * starts their handlers in id order. Sockets deliver concurrent messages in
 * any order; starting handlers in id order gives them the same task indices
 * and the same pending-event order in every run, which is what makes a replay
 * token reproduce the interleaving of handlers exactly.
 *
 * The way back works the same: {@link ArrivalGate.responding} holds until the
 * client calls {@link ArrivalGate.delivered}, so a client's next message is
 * expected before the scheduler decides again.
 */
export class ArrivalGate {
  private readonly expected = new Map<number, () => void>();
  private readonly arrived = new Map<number, () => void>();
  private readonly replies = new Map<string, () => void>();

  constructor(private readonly ctx: SetupContext) {}

  /** Client side, before writing message `id`: the scheduler waits for its arrival. */
  expect(id: number, label: string): void {
    this.expected.set(id, this.ctx.hold(`${label} in flight`));
  }

  /** Client side: message `id` will never arrive (the client gave up on it). */
  cancel(id: number): void {
    const release = this.expected.get(id);
    if (!release) return;
    this.expected.delete(id);
    this.arrived.delete(id);
    release();
    this.flush();
  }

  /**
   * Server side: message `id` arrived whole; `start` spawns its handler.
   * A message nobody announced (no or unknown id) starts at once: it is not
   * under the gate's control, but it is still served.
   */
  arrive(id: number | undefined, start: () => void): void {
    if (id === undefined || !this.expected.has(id) || this.arrived.has(id)) {
      start();
      return;
    }
    this.arrived.set(id, start);
    this.flush();
  }

  /** Server side, before writing a reply: the scheduler waits until the client has it. */
  responding(key: string | number, label: string): void {
    this.replies.get(String(key))?.();
    this.replies.set(String(key), this.ctx.hold(`${label} reply`));
  }

  /** Client side: the reply for `key` was received (or will never be: the connection closed). */
  delivered(key: string | number): void {
    const release = this.replies.get(String(key));
    if (!release) return;
    this.replies.delete(String(key));
    release();
  }

  /** Releases every hold still taken: used at teardown and when a peer vanishes. */
  releaseAll(): void {
    for (const release of [...this.expected.values(), ...this.replies.values()]) release();
    this.expected.clear();
    this.arrived.clear();
    this.replies.clear();
  }

  private flush(): void {
    if (this.arrived.size === 0 || this.arrived.size < this.expected.size) return;
    const ids = [...this.arrived.keys()].sort((a, b) => a - b);
    const starts = ids.map((id) => this.arrived.get(id)!);
    const releases = ids.map((id) => this.expected.get(id)!);
    for (const id of ids) {
      this.arrived.delete(id);
      this.expected.delete(id);
    }
    // Spawn every handler first (each runs to its first yield point), then
    // release the holds, so the scheduler never sees a partial set.
    for (const start of starts) start();
    for (const release of releases) release();
  }
}
