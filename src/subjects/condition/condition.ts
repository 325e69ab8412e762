import type { MutexInterface } from 'async-mutex';

/**
 * A condition variable over an async-mutex `Mutex`, made of promises: `wait`
 * must be called holding the mutex; it releases it, waits for a notify and
 * re-acquires it before returning. A woken waiter competes for the mutex like
 * anyone else, so the predicate may be false again: wait in a `while` loop.
 */
export class Condition {
  private readonly waiters: (() => void)[] = [];

  constructor(private readonly mutex: MutexInterface) {}

  /** Releases the mutex, waits for a notify, re-acquires the mutex. */
  async wait(): Promise<void> {
    // Registered before the release, so a notify right after cannot be missed.
    const woken = new Promise<void>((resolve) => this.waiters.push(resolve));
    this.mutex.release();
    await woken;
    await this.mutex.acquire();
  }

  /** Wakes at most `n` waiters, oldest first; returns how many it woke. */
  notify(n = 1): number {
    const woken = this.waiters.splice(0, n);
    for (const wake of woken) wake();
    return woken.length;
  }

  /** Wakes every waiter. */
  notifyAll(): number {
    return this.notify(this.waiters.length);
  }

  /** Waiters not yet notified. */
  get waiting(): number {
    return this.waiters.length;
  }
}
