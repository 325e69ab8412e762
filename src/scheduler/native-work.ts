import { createHook, type AsyncHook } from 'node:async_hooks';

/**
 * async_hooks types the scheduler sees by other means: promise jobs, ticks
 * and microtasks (quiescence), timers and immediates (the timer census, and
 * the scheduler's own polls, which must not count).
 */
const SEEN = new Set(['PROMISE', 'TickObject', 'Microtask', 'Timeout', 'Immediate']);

/**
 * Native work: thread-pool jobs of zlib and crypto (gzip, pbkdf2, scrypt,
 * `crypto.subtle`), a native addon's async work. process.getActiveResourcesInfo()
 * lists sockets, files and timers but not these, so a task awaiting one
 * looks blocked on nothing. Seeing them takes an async_hooks hook, which
 * makes every promise several times slower; so tracking starts only when a
 * run would otherwise be called a deadlock with nothing outside pending
 * (Runner reruns that run tracked). A job counts from its creation until
 * async_hooks destroys it (a zlib stream: until it is collected), which
 * may make a deadlock wait longer to be declared, never sooner. Only jobs
 * of the current run count: those of an ended run cannot wake its tasks.
 */
export class NativeWork {
  private hook: AsyncHook | undefined;
  /** The current run's jobs not yet destroyed, by async id: their types. */
  private readonly live = new Map<number, string>();

  /** Whether native work is tracked (from the first run that needed it to the end of the check). */
  get tracking(): boolean {
    return this.hook !== undefined;
  }

  /** Starts tracking; idempotent. */
  track(): void {
    if (this.hook !== undefined) return;
    const live = this.live;
    this.hook = createHook({
      init(id, type) {
        if (!SEEN.has(type)) live.set(id, type);
      },
      destroy(id) {
        live.delete(id);
      },
    }).enable();
  }

  /** A run starts: jobs of earlier runs no longer count. */
  runStarted(): void {
    this.live.clear();
  }

  /** Whether a job of the current run is still outstanding. */
  get outstanding(): boolean {
    return this.live.size > 0;
  }

  /** The types of the current run's outstanding jobs, for a deadlock message. */
  types(): string[] {
    return [...new Set(this.live.values())];
  }

  /** The check is over: the hook goes, and promises are fast again. */
  stop(): void {
    this.hook?.disable();
    this.hook = undefined;
    this.live.clear();
  }
}
