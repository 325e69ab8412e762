/**
 * examples/memo-cache.ts with its yield points placed by hand, for code that
 * is not instrumented: `npx racekit audit examples/hand-placed/memo-cache.ts`.
 *
 * The same caches and the same database, wrapped with `ctx.wrapObject`: each
 * read and write takes effect at once, and its answer reaches the cache only
 * when the scheduler picks it.
 */
import type { OperationSpec } from '../../src/index.js';
import { MemoizingCache, memoryDatabase, operations, registerModel, StoringCache } from '../memo-cache.js';

export const buggy: OperationSpec<StoringCache, Readonly<Record<string, number>>> = {
  name: 'memo-cache/buggy',
  summary: 'cache-aside that stores after awaiting the load: the slower of two misses overwrites a newer value',
  expect: 'fail',
  runs: 2000,
  create: (ctx) => new StoringCache(ctx.wrapObject(memoryDatabase())),
  operations,
  model: registerModel,
};

export const fixed: OperationSpec<MemoizingCache, Readonly<Record<string, number>>> = {
  name: 'memo-cache/fixed',
  summary: 'the in-flight load is memoized on the miss and dropped by a write: no stale overwrite',
  expect: 'pass',
  runs: 1000,
  create: (ctx) => new MemoizingCache(ctx.wrapObject(memoryDatabase())),
  operations,
  model: registerModel,
};
