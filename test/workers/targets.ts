// Scenarios for the --workers tests, loaded by worker threads as `racekit audit` loads a module.
import * as fc from 'fast-check';
import type { Scenario } from '../../src/scenario.js';

/**
 * Fails on the runs whose drawn workload is 7 modulo 20 (one in 20): which
 * run of a worker fails first depends only on the worker's seed, so a
 * single-threaded check with that seed says where each worker's first failure is.
 */
export const rareWorkload: Scenario<{ n: number }, number> & { expect: 'fail'; runs: number } = {
  name: 'rare-workload',
  expect: 'fail',
  runs: 400,
  workload: fc.noBias(fc.integer({ min: 0, max: 999_999 })),
  setup: (_ctx, n) => ({ n }),
  tasks: [
    async (ctx) => {
      await ctx.step('a');
    },
    async (ctx) => {
      await ctx.step('b');
    },
  ],
  invariant: (s) => s.n % 20 !== 7 || `drew ${s.n}`,
};

/** Never fails: every run of every worker is made. */
export const neverFails: Scenario<{ n: number }, number> & { runs: number } = {
  ...rareWorkload,
  name: 'never-fails',
  runs: 60,
  invariant: () => true,
};

/** One task: no run ever has two yield points pending, so every worker warns that nothing was interleaved. */
export const alone: Scenario<{ n: number }, number> & { runs: number } = {
  ...neverFails,
  name: 'alone',
  tasks: [
    async (ctx) => {
      await ctx.step('a');
    },
  ],
};

/** Two pending yield points at every run, but a witness that never sees what the scenario is about: every worker warns with its `otherwise`. */
export const unwitnessed: Scenario<{ n: number }, number> & { runs: number; interleaved: { test: () => boolean; otherwise: string } } = {
  ...neverFails,
  name: 'unwitnessed',
  interleaved: { test: () => false, otherwise: 'no two operations were ever in flight at once' },
};

/** Two tasks of two steps on one shared cell, one workload: C(4,2) = 6 classes of schedules. */
export const grid: Scenario<{ n: number }> & { runs: number } = {
  name: 'grid',
  runs: 600,
  setup: () => ({ n: 0 }),
  tasks: [0, 1].map(() => async (ctx, s: { n: number }) => {
    await ctx.step('a', { touches: ['n'] });
    s.n++;
    await ctx.step('b', { touches: ['n'] });
    s.n++;
  }),
  invariant: (s) => s.n === 4,
};
