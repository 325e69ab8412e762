/**
 * async-cache-dedupe (CommonJS), unmodified from npm, audited with
 * `npx racekit audit examples/libraries/async-cache-dedupe.ts --instrument 'node_modules/async-cache-dedupe-3-3-0/**,node_modules/async-cache-dedupe-3-4-0/**'`.
 *
 * The bug, up to 3.3.0: a hit on a stale entry returns the stale value and
 * starts a background refresh, but nothing remembers that the refresh is
 * running, so every hit until it lands starts another one ("Deduping is not
 * working when stale", https://github.com/mcollina/async-cache-dedupe/issues/164).
 * The fix, 3.4.0 (https://github.com/mcollina/async-cache-dedupe/pull/197):
 * a set of keys being refreshed; a stale hit starts a refresh only when its
 * key is not in it.
 *
 * Two requests read two profiles in opposite orders; both profiles are in the
 * cache and stale. Without yield points each refresh lands before the other
 * request reads that profile; the bug needs a refresh to stay in flight (the
 * library's `await this.func(…)` not yet resumed) while the second stale hit
 * on the same key arrives.
 */
import { createCache as createCache330 } from 'async-cache-dedupe-3-3-0';
import { createCache as createCache340 } from 'async-cache-dedupe-3-4-0';
import type { Scenario } from '../../src/index.js';

/** The part of `createCache` both releases share that the scenario uses. */
export type CreateCache = (options: { storage: { type: 'memory' } }) => {
  define(name: 'fetchProfile', opts: { ttl: (profile: Profile) => number; stale: number }, fn: (id: number) => Promise<Profile>): { fetchProfile(id: number): Promise<unknown> };
};

/** A profile as the database returns it. */
export interface Profile {
  readonly id: number;
  readonly version: number;
}

/** The cache under test and what the loads it made looked like. */
export interface Profiles {
  readonly fetchProfile: (id: number) => Promise<Profile>;
  /** Profiles whose load has started and whose result has not yet reached the cache. */
  readonly loading: Set<number>;
  /** The first load that started while another load of the same profile was in flight. */
  overlap: string | undefined;
  /** Loads so far, the two that warm the cache included. */
  loads: number;
}

/**
 * The scenario for one release of async-cache-dedupe. With `wrap`, the
 * database round trip is a wrapped call (`ctx.wrap`): its answer is held back
 * by hand, the baseline that needs no instrumentation (bench/yield-points.ts
 * compares the two).
 */
export function staleRefreshScenario(name: string, createCache: CreateCache, wrap = false): Scenario<Profiles> {
  return {
    name,
    setup: async (ctx) => {
      const state: Omit<Profiles, 'fetchProfile'> = { loading: new Set<number>(), overlap: undefined, loads: 0 };
      const held = (fn: (id: number) => Promise<Profile>) => (wrap ? ctx.wrap(fn, 'load') : fn);
      const cache = createCache({ storage: { type: 'memory' } }).define(
        'fetchProfile',
        {
          // ttl 0 with stale 10: a stored profile is served stale at once and refreshed in the
          // background. The cache asks for the ttl the moment a load's result reaches it.
          ttl: (profile: Profile) => {
            state.loading.delete(profile.id);
            return 0;
          },
          stale: 10,
        },
        // The database round trip: resolves at once; only the library's own awaits (or, wrapped, the scheduler) can delay its result.
        held(async (id: number): Promise<Profile> => {
          if (state.loading.has(id)) state.overlap ??= `profile ${id} loaded again while its refresh was still in flight (stale hits not deduplicated)`;
          state.loading.add(id);
          return { id, version: ++state.loads };
        }),
      );
      const fetchProfile = (id: number) => cache.fetchProfile(id) as Promise<Profile>;
      // Warm the cache: both profiles are stored, hence stale from now on.
      await fetchProfile(1);
      await fetchProfile(2);
      return Object.assign(state, { fetchProfile });
    },
    tasks: [
      async (_ctx, profiles) => {
        await profiles.fetchProfile(1);
        await profiles.fetchProfile(2);
      },
      async (_ctx, profiles) => {
        await profiles.fetchProfile(2);
        await profiles.fetchProfile(1);
      },
    ],
    invariant: (profiles) => profiles.overlap ?? true,
  };
}

export const buggy = {
  ...staleRefreshScenario('async-cache-dedupe/buggy', createCache330),
  expect: 'fail' as const,
  runs: 2000,
  summary: 'async-cache-dedupe 3.3.0: every stale hit starts a refresh, even while one is in flight (fixed in 3.4.0, mcollina/async-cache-dedupe#197)',
};

export const fixed = {
  ...staleRefreshScenario('async-cache-dedupe/fixed', createCache340),
  expect: 'pass' as const,
  runs: 2000,
  summary: 'async-cache-dedupe 3.4.0: a stale hit starts a refresh only when none is in flight for its key',
};
