/**
 * p-memoize (ESM), unmodified from npm, audited with
 * `npx racekit audit examples/libraries/p-memoize.ts --instrument 'node_modules/p-memoize-6-0-2/**,node_modules/p-memoize-7-0-0/**'`.
 *
 * The bug, in 6.0.1 and 6.0.2: the memoized function awaits `cache.has(key)`
 * and consults its table of pending promises only when the cache already holds
 * the key, so a call made while an earlier call for the same key is still
 * loading calls the function again (regression from
 * https://github.com/sindresorhus/p-memoize/pull/32; reported as "the API gets
 * hit hundreds of times simultaneously",
 * https://github.com/sindresorhus/p-memoize/issues/43).
 * The fix, 7.0.0 (https://github.com/sindresorhus/p-memoize/pull/48, "synchronously
 * cache pending promises"): the pending promise is stored before the first
 * await and returned to every later call until the value is in the cache.
 *
 * Two requests read two users in opposite orders. Without yield points the
 * first reads finish before the second ones start and every user is fetched
 * once; the bug needs one fetch to stay in flight (its `await` in p-memoize
 * not yet resumed) while the other request asks for the same user.
 */
import pMemoize602 from 'p-memoize-6-0-2';
import pMemoize700 from 'p-memoize-7-0-0';
import type { Scenario } from '../../src/index.js';

/** What both releases export: `pMemoize(fn)`. */
export type PMemoize = (fn: (id: string) => Promise<string>) => (id: string) => Promise<string>;

/** The memoized user lookup and how often the real fetch ran per user. */
export interface Users {
  readonly fetches: Map<string, number>;
  readonly getUser: (id: string) => Promise<string>;
}

/**
 * The scenario for one release of p-memoize. With `wrap`, the fetch is a
 * wrapped call (`ctx.wrap`): its answer is held back by hand, the baseline
 * that needs no instrumentation (bench/yield-points.ts compares the two).
 */
export function pMemoizeScenario(name: string, pMemoize: PMemoize, wrap = false): Scenario<Users> {
  return {
    name,
    setup: (ctx) => {
      const fetches = new Map<string, number>();
      // The database round trip: resolves at once; only p-memoize's own awaits can delay its result.
      const fetchUser = async (id: string): Promise<string> => {
        fetches.set(id, (fetches.get(id) ?? 0) + 1);
        return `user ${id}`;
      };
      return { fetches, getUser: pMemoize(wrap ? ctx.wrap(fetchUser, 'fetchUser') : fetchUser) };
    },
    tasks: [
      async (_ctx, users) => {
        await users.getUser('ada');
        await users.getUser('bob');
      },
      async (_ctx, users) => {
        await users.getUser('bob');
        await users.getUser('ada');
      },
    ],
    invariant: (users) => {
      for (const [id, n] of users.fetches) if (n > 1) return `fetchUser('${id}') ran ${n} times: a call made while the first was loading did not share it`;
      return true;
    },
  };
}

export const buggy = {
  ...pMemoizeScenario('p-memoize/buggy', pMemoize602 as PMemoize),
  expect: 'fail' as const,
  runs: 2000,
  summary: 'p-memoize 6.0.2: a call while the same key is loading runs the function again (fixed in 7.0.0, sindresorhus/p-memoize#48)',
};

export const fixed = {
  ...pMemoizeScenario('p-memoize/fixed', pMemoize700 as PMemoize),
  expect: 'pass' as const,
  runs: 2000,
  summary: 'p-memoize 7.0.0: the pending promise is cached before the first await, so concurrent calls share one load',
};
