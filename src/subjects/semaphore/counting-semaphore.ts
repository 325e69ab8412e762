import type { TaskContext } from '../../scheduler/context.js';
import type { TaskSemaphore } from './task-semaphore.js';

const touches = ['semaphore'];

/**
 * A hand-rolled counter: check for a free permit, yield, then decrement.
 * Two tasks that both see the last permit both take it. (Cancellation itself
 * is handled correctly here: an aborted waiter leaves the queue.)
 */
export class CountingSemaphore implements TaskSemaphore {
  private permits: number;
  private readonly waiters = new Set<() => void>();

  constructor(limit: number) {
    this.permits = limit;
  }

  async acquire(ctx: TaskContext, signal: AbortSignal): Promise<() => void> {
    for (;;) {
      signal.throwIfAborted();
      if (this.permits > 0) break;
      await this.waitForRelease(signal);
      await ctx.step('check again', { touches });
      ctx.note(`${this.permits} free`);
    }
    await ctx.step('take', { touches });
    this.permits--;
    ctx.note(`${this.permits} left`);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.permits++;
      // Wake every waiter: each re-checks, so a wake-up is never spent on an aborted one.
      for (const wake of [...this.waiters]) wake();
    };
  }

  private waitForRelease(signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const wake = () => {
        this.waiters.delete(wake);
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        this.waiters.delete(wake);
        reject(signal.reason);
      };
      this.waiters.add(wake);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  get available(): number {
    return this.permits;
  }
}
