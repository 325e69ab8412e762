/**
 * examples/swr-cache.ts with its yield points placed by hand, for code that
 * is not instrumented: `npx racekit audit examples/hand-placed/swr-cache.ts`.
 *
 * The same caches on the same database, wrapped with `ctx.wrapObject` (a
 * read's or a write's answer reaches the cache only when the scheduler picks
 * it). Under `time: 'virtual'` the 5-second window and the clients' pauses
 * are schedulable timers either way.
 */
import type { Scenario, TaskContext } from '../../src/index.js';
import { LastAnswerCache, memoryDatabase, servesTheDatabase, sleep, VersionedCache, workload, type Database, type SwrCache, type SwrWorkload } from '../swr-cache.js';

function swrScenario(name: string, create: (db: Database) => SwrCache): Scenario<SwrCache, SwrWorkload> {
  return {
    name,
    time: 'virtual',
    workload,
    setup: (ctx) => {
      const cache = create(ctx.wrapObject(memoryDatabase()));
      // Warm: the cache holds v0 from the start of the run.
      cache.entry = { value: 'v0', version: 0, storedAt: Date.now() };
      return cache;
    },
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
