/** Messages of one connection, handed in order to its connection task. */
export class MessageQueue {
  private readonly items: Buffer[] = [];
  private closed = false;
  private waiter: (() => void) | undefined;

  push(message: Buffer): void {
    this.items.push(message);
    this.wake();
  }

  /** No more messages will come (the client ended its side). */
  close(): void {
    this.closed = true;
    this.wake();
  }

  /** The next message, or undefined once closed and drained. */
  async next(): Promise<Buffer | undefined> {
    while (this.items.length === 0 && !this.closed) await new Promise<void>((resolve) => (this.waiter = resolve));
    return this.items.shift();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }
}
