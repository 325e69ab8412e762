import type { TaskContext } from '../../scheduler/context.js';
import type { TaskSemaphore } from './task-semaphore.js';
import { AcquireTimeoutError } from './acquire-timeout.js';

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

  async acquire(ctx: TaskContext, signal: AbortSignal, timeoutMs?: number): Promise<() => void> {
    const deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
    for (;;) {
      signal.throwIfAborted();
      if (this.permits > 0) break;
      await this.waitForRelease(signal, deadline === undefined ? undefined : { left: deadline - Date.now(), ms: timeoutMs! });
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

  private waitForRelease(signal: AbortSignal, timeout: { left: number; ms: number } | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const stop = () => {
        this.waiters.delete(wake);
        signal.removeEventListener('abort', onAbort);
        clearTimeout(timer);
      };
      const wake = () => {
        stop();
        resolve();
      };
      const onAbort = () => {
        stop();
        reject(signal.reason);
      };
      const timer = timeout === undefined ? undefined : setTimeout(() => {
        stop();
        reject(new AcquireTimeoutError(timeout.ms));
      }, Math.max(0, timeout.left));
      this.waiters.add(wake);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  get available(): number {
    return this.permits;
  }
}
