import { createHook, type AsyncHook } from 'node:async_hooks';
import { creatingOwnTimer, realNow } from './real-time.js';

/**
 * async_hooks types of one-shot jobs (a crypto job's PBKDF2REQUEST, a file
 * system request, a piscina pool's task): each completes once and is
 * destroyed then. A zlib stream (ZLIB) lives on between its writes, a timer
 * may be long.
 */
const ONE_SHOT = /REQUEST$|REQ$|REQWRAP$|ReqWrap$|ReqCallback$|^Piscina\.Task$/;

/** A one-shot type that waits on a peer, not on a thread: an HTTP client request's answer may never come (a deadlocked server). */
const WAITS_ON_PEER = /^HTTPCLIENTREQUEST$/;

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
  /** Of those, the one-shot timers: when (realNow) each is due. */
  private readonly dues = new Map<number, number>();

  /** Whether unlisted work is tracked (from the first run that needed it to the end of the check). */
  get tracking(): boolean {
    return this.hook !== undefined;
  }

  /** Starts tracking; idempotent. */
  track(): void {
    if (this.hook !== undefined) return;
    const { live, dues } = this;
    this.hook = createHook({
      init(id, type, _trigger, resource) {
        if (QUIESCENCE.has(type) || creatingOwnTimer()) return;
        live.set(id, type);
        // A one-shot timer made where the census does not see it (timers/promises kept from before the check, AbortSignal.timeout): its due time.
        const timer = resource as { _idleTimeout?: unknown; _repeat?: unknown };
        if (type === 'Timeout' && timer._repeat == null && typeof timer._idleTimeout === 'number') dues.set(id, realNow() + timer._idleTimeout);
      },
      destroy(id) {
        live.delete(id);
        dues.delete(id);
      },
    }).enable();
  }

  /** A run starts: work of earlier runs no longer counts. */
  runStarted(): void {
    if (this.live.size > 0) this.live.clear();
    if (this.dues.size > 0) this.dues.clear();
  }

  /** The latest due time (realNow) of the current run's pending one-shot timers seen here; -Infinity with none. */
  latestDue(): number {
    let latest = -Infinity;
    for (const due of this.dues.values()) if (due > latest) latest = due;
    return latest;
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

  /** The async_hooks types of the current run's one-shot jobs in flight that end by themselves (a thread-pool job, a piscina task). */
  jobsInFlight(): string[] {
    const types = new Set<string>();
    for (const type of this.live.values()) if (ONE_SHOT.test(type) && !WAITS_ON_PEER.test(type)) types.add(type);
    return [...types];
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
    this.dues.clear();
  }
}
