import { whenNoCheck } from '../check/exclusive.js';
import { realSetImmediate } from '../scheduler/real-time.js';

/**
 * Keeps expensive thread resources (piscina pools, controlled worker sets)
 * alive from one run to the next within a check.
 *
 * Starting threads costs 0.1–2 s on a loaded machine while a run takes a few
 * ms: a fresh set per run would make exploring and shrinking, which need
 * dozens of runs, take minutes. So a run's teardown hands its resource back,
 * idle, and the next run takes an idle one of the same key. Once no check is
 * in progress, at the next turn of the event loop in which no run holds one,
 * every idle resource is destroyed; `settled()` resolves when all are gone.
 */
export class Keeper<K, T> {
  private readonly idle = new Map<K, T>();
  private readonly closing = new Set<Promise<void>>();
  private leased = 0;
  private sweepQueued = false;
  private created = 0;

  constructor(private readonly destroyOne: (item: T) => Promise<void>) {}

  /** An idle resource of this key, or a new one from `create`. */
  async acquire(key: K, create: () => Promise<T>): Promise<T> {
    this.leased++;
    const item = this.idle.get(key);
    if (item !== undefined) {
      this.idle.delete(key);
      return item;
    }
    this.created++;
    try {
      return await create();
    } catch (error) {
      this.leased--;
      throw error;
    }
  }

  /**
   * Gives a resource back after a run: a clean one stays idle until a turn
   * passes with no run holding one; one left mid-work is destroyed at once.
   */
  release(key: K, item: T, clean: boolean): void {
    this.leased--;
    if (!clean || this.idle.has(key)) this.destroy(item);
    else this.idle.set(key, item);
    if (this.sweepQueued) return;
    this.sweepQueued = true;
    whenNoCheck(() => realSetImmediate(this.sweep));
  }

  /** Resources created so far (for the figures and tests). */
  get started(): number {
    return this.created;
  }

  /** Resolves when every resource handed back has been destroyed. */
  async settled(): Promise<void> {
    // Let a queued sweep run first.
    await new Promise<void>((resolve) => realSetImmediate(resolve));
    while (this.closing.size > 0) await Promise.all([...this.closing]);
  }

  private readonly sweep = (): void => {
    this.sweepQueued = false;
    if (this.leased > 0) return;
    for (const item of this.idle.values()) this.destroy(item);
    this.idle.clear();
  };

  private destroy(item: T): void {
    const done: Promise<void> = this.destroyOne(item).then(
      () => void this.closing.delete(done),
      () => void this.closing.delete(done),
    );
    this.closing.add(done);
  }
}
