import type { WorkerMessage } from './protocol.js';

/** The messages of one worker in arrival order, taken one at a time. */
export class Inbox {
  private readonly queue: WorkerMessage[] = [];
  private waiter: ((m: WorkerMessage) => void) | undefined;

  put(message: WorkerMessage): void {
    const w = this.waiter;
    if (w) {
      this.waiter = undefined;
      w(message);
    } else this.queue.push(message);
  }

  /** The next message; resolves when it arrives. */
  take(): Promise<WorkerMessage> {
    const m = this.queue.shift();
    if (m) return Promise.resolve(m);
    return new Promise((resolve) => (this.waiter = resolve));
  }
}
