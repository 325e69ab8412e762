import { Piscina } from 'piscina';
import { realSetImmediate } from '../scheduler/real-time.js';

/**
 * Keeps piscina pools alive from one run to the next within a check.
 *
 * Starting a pool costs 0.1–1 s (one to four threads, more on a loaded
 * machine), while a run of the pool family takes a few ms: a pool per run
 * would make exploring and shrinking, which need dozens of runs, take
 * minutes. So a run's teardown hands its pool back, idle; the next run (which
 * starts within the same turn of the event loop) takes an idle pool of its
 * size. On the first turn where no run holds a pool, which is right after
 * the check ends, every idle pool is destroyed. `settled()` resolves once
 * every pool this keeper started is gone.
 */
export class PoolKeeper {
  private readonly idle = new Map<number, Piscina>();
  private readonly closing = new Set<Promise<void>>();
  private leased = 0;
  private sweepQueued = false;
  private created = 0;

  constructor(private readonly filename: URL) {}

  /**
   * A pool of exactly `threads` threads, every thread started: an idle one of
   * that size, or a new one warmed up with `warmup` (a cold thread can take
   * over a second to load on a busy machine, which a run would otherwise
   * count against its deadlock timeout).
   */
  async acquire(threads: number, warmup: unknown): Promise<Piscina> {
    this.leased++;
    const pool = this.idle.get(threads);
    if (pool) {
      this.idle.delete(threads);
      return pool;
    }
    this.created++;
    const fresh = new Piscina({ filename: this.filename.href, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
    try {
      await Promise.all(Array.from({ length: threads }, () => fresh.run(warmup)));
    } catch (error) {
      this.leased--;
      this.destroy(fresh);
      throw error;
    }
    return fresh;
  }

  /**
   * Gives a pool back after a run. A pool with work still queued or running
   * (the run was abandoned) is destroyed at once; a clean one is kept idle
   * until a turn of the event loop passes with no run holding a pool.
   */
  release(pool: Piscina, threads: number, clean: boolean): void {
    this.leased--;
    if (!clean || this.idle.has(threads)) this.destroy(pool);
    else this.idle.set(threads, pool);
    if (this.sweepQueued) return;
    this.sweepQueued = true;
    realSetImmediate(this.sweep);
  }

  /** Pools started so far (for the figures and tests). */
  get started(): number {
    return this.created;
  }

  /** Resolves when every pool handed back has been destroyed and no thread of this keeper is left. */
  async settled(): Promise<void> {
    // Let a queued sweep run first.
    await new Promise((resolve) => realSetImmediate(resolve));
    while (this.closing.size > 0) await Promise.all([...this.closing]);
  }

  private readonly sweep = (): void => {
    this.sweepQueued = false;
    if (this.leased > 0) return;
    for (const pool of this.idle.values()) this.destroy(pool);
    this.idle.clear();
  };

  private destroy(pool: Piscina): void {
    const done: Promise<void> = pool.destroy().then(
      () => void this.closing.delete(done),
      () => void this.closing.delete(done),
    );
    this.closing.add(done);
  }
}
