/**
 * A read-through cache in front of a slow database, audited with
 * `npx racekit audit examples/memo-cache.ts --instrument examples/memo-cache.ts`.
 *
 * Plain code: no racekit call in the caches or the database. Under
 * `--instrument` every `await` below is a yield point, taken after the
 * awaited value settles: a read takes effect at once and its answer reaches
 * the cache when the scheduler says, as a network would order it.
 * (examples/hand-placed/memo-cache.ts is the same audit with the database
 * wrapped by hand, for code that is not instrumented.)
 *
 * The bug: on a miss, `get` awaits the load and then stores whatever came
 * back. Two concurrent misses both load; if a write lands between them, the
 * slower (older) load finishes last and overwrites the newer value, and the
 * cache serves the stale value until the next write.
 * The fix memoizes the in-flight promise: concurrent misses share one load,
 * and a write drops the promise, so a stale load can never be stored.
 */
import * as fc from 'fast-check';
import type { OperationSpec, SequentialModel } from '../src/index.js';

/** What the caches need of a database. */
export interface Database {
  read(key: string): Promise<number>;
  write(key: string, value: number): Promise<void>;
}

/** An in-memory database: reads and writes take effect at once. */
export function memoryDatabase(): Database {
  const rows = new Map<string, number>();
  return {
    async read(key) {
      return rows.get(key) ?? 0;
    },
    async write(key, value) {
      rows.set(key, value);
    },
  };
}

/** Cache-aside, the racy way: check, await the load, store the result. */
export class StoringCache {
  private readonly values = new Map<string, number>();
  constructor(private readonly db: Database) {}
  async get(key: string): Promise<number> {
    const hit = this.values.get(key);
    if (hit !== undefined) return hit;
    const value = await this.db.read(key);
    this.values.set(key, value); // a slower, older load lands here last
    return value;
  }
  async set(key: string, value: number): Promise<void> {
    await this.db.write(key, value);
    this.values.delete(key);
  }
}

/** The fix: the cache holds the load's promise, created on the miss itself. */
export class MemoizingCache {
  private readonly loads = new Map<string, Promise<number>>();
  constructor(private readonly db: Database) {}
  get(key: string): Promise<number> {
    let load = this.loads.get(key);
    if (!load) {
      load = this.db.read(key);
      this.loads.set(key, load);
      // A failed load must not be served forever.
      load.catch(() => this.loads.get(key) === load && this.loads.delete(key));
    }
    return load;
  }
  async set(key: string, value: number): Promise<void> {
    await this.db.write(key, value);
    this.loads.delete(key);
  }
}

/** What a cache must look like from outside: a map whose reads see the latest write. */
export const registerModel: SequentialModel<Readonly<Record<string, number>>> = {
  init: () => ({}),
  step: (state, op) => {
    const key = op.args[0] as string;
    if (op.name === 'get') return { state, output: state[key] ?? 0 };
    return { state: { ...state, [key]: op.args[1] as number }, output: undefined };
  },
  partition: (op) => op.args[0] as string,
};

/** The operations both specs draw: reads and writes of two keys. */
export const operations = { get: [fc.constantFrom('user:1', 'user:2')], set: [fc.constantFrom('user:1', 'user:2'), fc.integer({ min: 1, max: 9 })] };

export const buggy: OperationSpec<StoringCache, Readonly<Record<string, number>>> = {
  name: 'memo-cache/buggy',
  summary: 'cache-aside that stores after awaiting the load: the slower of two misses overwrites a newer value',
  expect: 'fail',
  runs: 2000,
  create: () => new StoringCache(memoryDatabase()),
  operations,
  model: registerModel,
};

export const fixed: OperationSpec<MemoizingCache, Readonly<Record<string, number>>> = {
  name: 'memo-cache/fixed',
  summary: 'the in-flight load is memoized on the miss and dropped by a write: no stale overwrite',
  expect: 'pass',
  runs: 1000,
  create: () => new MemoizingCache(memoryDatabase()),
  operations,
  model: registerModel,
};
