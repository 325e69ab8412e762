import { Piscina } from 'piscina';
import { Keeper } from './keeper.js';

/** Piscina pools by thread count, reused across the runs of a check (see {@link Keeper} for why). */
export class PoolKeeper {
  private readonly keeper = new Keeper<number, Piscina>((pool) => pool.destroy());

  /** `filename` is resolved at the first pool, not at import, so loading racekit never touches the disk. */
  constructor(private readonly filename: () => URL) {}

  /**
   * A pool of exactly `threads` threads, every thread started: an idle one of
   * that size, or a new one warmed up with `warmup` (a cold thread can take
   * over a second to load on a busy machine, which a run would otherwise
   * count against its deadlock timeout).
   */
  acquire(threads: number, warmup: unknown): Promise<Piscina> {
    return this.keeper.acquire(threads, async () => {
      const pool = new Piscina({ filename: this.filename().href, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
      try {
        await Promise.all(Array.from({ length: threads }, () => pool.run(warmup)));
      } catch (error) {
        await pool.destroy();
        throw error;
      }
      return pool;
    });
  }

  /** Gives a pool back; one with work still queued or running is destroyed rather than reused. */
  release(pool: Piscina, threads: number, clean: boolean): void {
    this.keeper.release(threads, pool, clean);
  }

  /** Pools started so far. */
  get started(): number {
    return this.keeper.started;
  }

  /** Resolves when every pool handed back has been destroyed. */
  settled(): Promise<void> {
    return this.keeper.settled();
  }
}
