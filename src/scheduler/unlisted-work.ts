import { createHook, type AsyncHook } from 'node:async_hooks';
import { creatingOwnTimer } from './real-time.js';

/**
 * async_hooks types of one-shot jobs (a crypto job's PBKDF2REQUEST, a file
 * system request): each completes once and is destroyed then. A zlib
 * stream (ZLIB) lives on between its writes, a timer may be long.
 */
const ONE_SHOT = /REQUEST$|REQ$|REQWRAP$|ReqWrap$|ReqCallback$/;

/** async_hooks types quiescence already accounts for: promise jobs, ticks and microtasks. */
const QUIESCENCE = new Set(['PROMISE', 'TickObject', 'Microtask']);

/**
 * Unlisted work: outside work that process.getActiveResourcesInfo() does
 * not list and the timer census does not see, so that a task awaiting it
 * looks blocked on nothing. Thread-pool jobs of zlib and crypto (gzip,
 * pbkdf2, scrypt, `crypto.subtle`), a native addon's async work, timers
 * Node makes inside itself (`AbortSignal.timeout`'s is unreferenced) and
 * immediates of timers/promises. Seeing them takes an async_hooks hook,
 * which makes every promise several times slower; so tracking starts only
 * when a run would otherwise be called a deadlock with nothing outside
 * pending (Runner reruns that run tracked). Work counts from its creation
 * until async_hooks destroys it (a zlib stream: until it is collected),
 * which may make a deadlock wait longer to be declared, never sooner. Only
 * work of the current run counts: that of an ended run cannot wake its
 * tasks; the scheduler's own timers never count.
 */
export class UnlistedWork {
  private hook: AsyncHook | undefined;
  /** The current run's work not yet destroyed, by async id: its async_hooks type. */
  private readonly live = new Map<number, string>();

  /** Whether unlisted work is tracked (from the first run that needed it to the end of the check). */
  get tracking(): boolean {
    return this.hook !== undefined;
  }

  /** Starts tracking; idempotent. */
  track(): void {
    if (this.hook !== undefined) return;
    const live = this.live;
    this.hook = createHook({
      init(id, type) {
        if (!QUIESCENCE.has(type) && !creatingOwnTimer()) live.set(id, type);
      },
      destroy(id) {
        live.delete(id);
      },
    }).enable();
  }

  /** A run starts: work of earlier runs no longer counts. */
  runStarted(): void {
    if (this.live.size > 0) this.live.clear();
  }

  /** Whether work of the current run is still outstanding. */
  get outstanding(): boolean {
    return this.live.size > 0;
  }

  /** Whether a one-shot job of the current run (see ONE_SHOT) is still outstanding. */
  get jobsOutstanding(): boolean {
    for (const type of this.live.values()) if (ONE_SHOT.test(type)) return true;
    return false;
  }

  /** The async_hooks types of the current run's outstanding work, for a deadlock message. */
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
