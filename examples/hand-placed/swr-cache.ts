/**
 * examples/swr-cache.ts with its yield points placed by hand, for code that
 * is not instrumented: `npx racekit audit examples/hand-placed/swr-cache.ts`.
 *
 * The same caches on the same database, wrapped with `ctx.wrapObject` (a
 * read's or a write's answer reaches the cache only when the scheduler picks
 * it). Under `time: 'virtual'` the 5-second window and the clients' pauses
 * are schedulable timers either way.
 */
import type { SetupContext } from '../../src/index.js';
import * as plain from '../swr-cache.js';
import { LastAnswerCache, memoryDatabase, VersionedCache, warm } from '../swr-cache.js';

// The same scenarios; only the database is wrapped.
export const buggy = { ...plain.buggy, setup: (ctx: SetupContext) => warm(new LastAnswerCache(ctx.wrapObject(memoryDatabase()))) };

export const fixed = { ...plain.fixed, setup: (ctx: SetupContext) => warm(new VersionedCache(ctx.wrapObject(memoryDatabase()))) };
