/**
 * examples/memo-cache.ts with its yield points placed by hand, for code that
 * is not instrumented: `npx racekit audit examples/hand-placed/memo-cache.ts`.
 *
 * The same caches and the same database, wrapped with `ctx.wrapObject`: each
 * read and write takes effect at once, and its answer reaches the cache only
 * when the scheduler picks it.
 */
import type { OperationSpec } from '../../src/index.js';
import * as plain from '../memo-cache.js';
import { MemoizingCache, memoryDatabase, StoringCache } from '../memo-cache.js';

export const buggy: OperationSpec<StoringCache, Readonly<Record<string, number>>> = { ...plain.buggy, create: (ctx) => new StoringCache(ctx.wrapObject(memoryDatabase())) };

export const fixed: OperationSpec<MemoizingCache, Readonly<Record<string, number>>> = { ...plain.fixed, create: (ctx) => new MemoizingCache(ctx.wrapObject(memoryDatabase())) };
