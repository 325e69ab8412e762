/**
 * A stale-while-revalidate cache in front of a database, audited under
 * virtual time with `npx racekit audit examples/swr-cache.ts --instrument examples/swr-cache.ts`.
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
 *
 * Plain code: no racekit call in the caches, the database or the clients.
 * Under `--instrument` every `await` below is a yield point too, taken after
 * the awaited value settles. The database here is across a network: a read
 * reaches it 1 ms after it is sent and its answer comes back 20 ms later, a
 * write applies after 1 ms. A revalidation sent in the same instant as a
 * write, just before it, reads the old row and answers after the write has
 * been stored. (examples/hand-placed/swr-cache.ts wraps an in-memory
 * database by hand instead: a wrapped call's answer may come at any later
 * decision.)
 */
import * as fc from 'fast-check';
import type { Scenario, TaskContext } from '../src/index.js';

/** How long a cached value is served without revalidating. */
export const FRESH_MS = 5_000;

/** A row as the database returns it. */
export interface Row {
  readonly value: string;
  readonly version: number;
}

/** What the caches need of the database: one row, read and written. */
export interface Database {
  read(): Promise<Row>;
  write(value: string): Promise<Row>;
  /** The row now, for the invariant (not a round trip). */
  peek(): Row;
}

/** An in-memory database: reads and writes take effect at once. */
export function memoryDatabase(): Database {
  let row: Row = { value: 'v0', version: 0 };
  return {
    async read() {
      return row;
    },
    async write(value) {
      row = { value, version: row.version + 1 };
      return row;
    },
    peek() {
      return row;
    },
  };
}

/** A database across a network, in virtual time: a read is served 1 ms after it is sent and answered 20 ms later; a write applies after 1 ms. */
export function networkDatabase(): Database {
  const db = memoryDatabase();
  return {
    async read() {
      await sleep(1);
      const row = await db.read();
      await sleep(20);
      return row;
    },
    async write(value) {
      await sleep(1);
      return db.write(value);
    },
    peek: () => db.peek(),
  };
}

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
    const done = this.refresh().finally(() => this.revalidations.delete(done));
    this.revalidations.add(done);
  }

  /** Reads the row again and stores it if the cache's rule allows. */
  private async refresh(): Promise<void> {
    const row = await this.db.read();
    const before = this.entry;
    if (this.store(row) && before && before.version > row.version) this.overwrites.push({ stored: row.value, replaced: before.value, at: this.now() });
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
/** One to three reads and one write, each at a whole second from 0 to 12 s. */
export const workload: fc.Arbitrary<SwrWorkload> = fc.record({ reads: fc.array(at, { minLength: 1, maxLength: 3 }), writeAt: at });

/** The cache serves what the database holds, else what overwrote it and when. */
export function servesTheDatabase(cache: SwrCache): true | string {
  const row = cache.db.peek();
  if (cache.entry?.value === row.value) return true;
  const how = cache.overwrites.map((o) => `a revalidation answering ${o.stored} arrived at ${o.at} ms and replaced ${o.replaced}`).join('; ');
  return `at ${cache.now()} ms the cache serves ${cache.entry?.value} but the database holds ${row.value}${how ? `: ${how}` : ''}`;
}

/** A pause of virtual time. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A cache that holds v0 from the start of the run. */
export function warm(cache: SwrCache): SwrCache {
  cache.entry = { value: 'v0', version: 0, storedAt: Date.now() };
  return cache;
}

function swrScenario(name: string, create: (db: Database) => SwrCache): Scenario<SwrCache, SwrWorkload> {
  return {
    name,
    time: 'virtual',
    workload,
    setup: () => warm(create(networkDatabase())),
    tasks: (w) => [
      ...w.reads.map((ms) => async (ctx: TaskContext, cache: SwrCache) => {
        await sleep(ms);
        const value = await cache.get();
        ctx.note(`${value} at ${cache.now()} ms`);
        await cache.settled();
      }),
      async (ctx, cache) => {
        await sleep(w.writeAt);
        await cache.set('v1');
        ctx.note(`v1 at ${cache.now()} ms`);
      },
    ],
    invariant: servesTheDatabase,
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
