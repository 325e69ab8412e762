/**
 * A stale-while-revalidate cache in front of a database, audited under
 * virtual time with `npx racekit audit examples/swr-cache.ts`.
 *
 * A value is fresh for 5 seconds; after that `get` serves it at once and
 * revalidates it in the background. A write goes to the database and then
 * to the cache.
 * The bug: the revalidation stores whatever its read returned. A read sent
 * before a write whose answer arrives after it overwrites the newer value
 * with the older one, and the cache serves the old value (fresh again for
 * another 5 seconds) although the database holds the new one.
 * The fix versions rows: the database returns each row's version, and the
 * cache keeps an entry only if it is newer than what it holds.
 *
 * `time: 'virtual'` makes the 5-second window and the clients' pauses
 * schedulable timers: the scheduler chooses whether the write lands before or
 * after the revalidation's answer, and the seconds cost microseconds.
 */
import * as fc from 'fast-check';
import type { Scenario, SetupContext, TaskContext } from '../src/index.js';

/** How long a cached value is served without revalidating. */
export const FRESH_MS = 5_000;

/** A row as the database returns it. */
export interface Row {
  readonly value: string;
  readonly version: number;
}

/** The database: reads and writes take effect at once, their answers arrive when the scheduler says. */
function database(ctx: SetupContext) {
  let row: Row = { value: 'v0', version: 0 };
  return ctx.wrapObject({
    async read(): Promise<Row> {
      return row;
    },
    async write(value: string): Promise<Row> {
      row = { value, version: row.version + 1 };
      return row;
    },
    /** The row now, for the invariant (not a round trip). */
    peek(): Row {
      return row;
    },
  });
}
type Database = ReturnType<typeof database>;

interface Entry extends Row {
  /** Date.now() when it was stored. */
  readonly storedAt: number;
}

/** What both caches share: fresh/stale by age, background revalidation, write-through. */
export abstract class SwrCache {
  entry: Entry | undefined;
  private readonly revalidations = new Set<Promise<void>>();
  /** What a revalidation overwrote: its value and the newer value it replaced, with the clock. */
  readonly overwrites: { stored: string; replaced: string; at: number }[] = [];
  private readonly start = Date.now();

  constructor(readonly db: Database) {}

  /** Virtual ms since the cache was made (the run's clock). */
  now(): number {
    return Date.now() - this.start;
  }

  /** The cached value; a stale one is served as is and revalidated in the background. */
  async get(): Promise<string> {
    const entry = this.entry;
    if (!entry) {
      const row = await this.db.read();
      this.store(row);
      return row.value;
    }
    if (Date.now() - entry.storedAt >= FRESH_MS) this.revalidate();
    return entry.value;
  }

  /** Writes through: the database first, then the cache. */
  async set(value: string): Promise<void> {
    const row = await this.db.write(value);
    this.store(row);
  }

  /** Resolves once no revalidation is in flight (a test's drain, not part of the cache's API). */
  async settled(): Promise<void> {
    while (this.revalidations.size > 0) await Promise.all(this.revalidations);
  }

  private revalidate(): void {
    const done = this.db.read().then((row) => {
      const before = this.entry;
      if (this.store(row) && before && before.version > row.version) this.overwrites.push({ stored: row.value, replaced: before.value, at: this.now() });
      this.revalidations.delete(done);
    });
    this.revalidations.add(done);
  }

  /** Stores a row if the cache's rule allows; true when it did. */
  protected abstract store(row: Row): boolean;
}

/** Stores every answer: an old read arriving late overwrites a newer write. */
export class LastAnswerCache extends SwrCache {
  protected override store(row: Row): boolean {
    this.entry = { ...row, storedAt: Date.now() };
    return true;
  }
}

/** Stores a row only if its version is newer than the cached one's (or refreshes the same version). */
export class VersionedCache extends SwrCache {
  protected override store(row: Row): boolean {
    if (this.entry && this.entry.version > row.version) return false;
    this.entry = { ...row, storedAt: Date.now() };
    return true;
  }
}

/** When the readers read and when the writer writes, in virtual ms from the start. */
export interface SwrWorkload {
  readonly reads: readonly number[];
  readonly writeAt: number;
}

// Seconds apart, so reads land both inside and outside the 5-second window.
const at = fc.integer({ min: 0, max: 12 }).map((s) => s * 1000);
const workload: fc.Arbitrary<SwrWorkload> = fc.record({ reads: fc.array(at, { minLength: 1, maxLength: 3 }), writeAt: at });

function swrScenario(name: string, create: (db: Database) => SwrCache): Scenario<SwrCache, SwrWorkload> {
  return {
    name,
    time: 'virtual',
    workload,
    setup: async (ctx) => {
      const cache = create(database(ctx));
      // Warm: the cache holds v0 from the start of the run.
      cache.entry = { value: 'v0', version: 0, storedAt: Date.now() };
      return cache;
    },
    tasks: (w) => [
      ...w.reads.map((ms) => async (ctx: TaskContext, cache: SwrCache) => {
        await new Promise((resolve) => setTimeout(resolve, ms));
        const value = await cache.get();
        ctx.note(`${value} at ${cache.now()} ms`);
        await cache.settled();
      }),
      async (ctx, cache) => {
        await new Promise((resolve) => setTimeout(resolve, w.writeAt));
        await cache.set('v1');
        ctx.note(`v1 at ${cache.now()} ms`);
      },
    ],
    invariant: (cache) => {
      const row = cache.db.peek();
      if (cache.entry?.value === row.value) return true;
      const how = cache.overwrites.map((o) => `a revalidation answering ${o.stored} arrived at ${o.at} ms and replaced ${o.replaced}`).join('; ');
      return `at ${cache.now()} ms the cache serves ${cache.entry?.value} but the database holds ${row.value}${how ? `: ${how}` : ''}`;
    },
  };
}

export const buggy = {
  ...swrScenario('swr-cache/buggy', (db) => new LastAnswerCache(db)),
  expect: 'fail' as const,
  runs: 1000,
  summary: 'a revalidation sent before a write and answered after it overwrites the newer value',
};

export const fixed = {
  ...swrScenario('swr-cache/fixed', (db) => new VersionedCache(db)),
  expect: 'pass' as const,
  runs: 1000,
  summary: 'versioned rows: a late revalidation never replaces a newer value',
};
