import * as fc from 'fast-check';
import type { Scenario } from '../../scenario.js';
import { mergeLocked } from './merge.js';
import { everyJobOnce } from './oracle.js';
import { countPrimes, splitRange } from './primes.js';
import { poolState, reason, releasePool, submit, type PoolState } from './state.js';

/** A pool workload with one poisoned job that throws or kills its worker. */
export interface CrashWorkload {
  readonly threads: number;
  readonly jobs: number;
  readonly poison: 'throw' | 'exit';
  readonly at: number;
}

const crashWorkload: fc.Arbitrary<CrashWorkload> = fc.record({
  threads: fc.integer({ min: 1, max: 4 }),
  jobs: fc.integer({ min: 2, max: 40 }),
  poison: fc.constantFrom<'throw' | 'exit'>('throw', 'exit'),
  at: fc.nat({ max: 1000 }),
});

const poisoned = (w: CrashWorkload) => w.at % w.jobs;
const expectedError = (w: CrashWorkload) => (w.poison === 'throw' ? /threw on purpose/ : /worker exited with code: 3/);

/**
 * One job throws, or calls `process.exit` inside its worker thread. That job
 * (and only it) is reported failed with its own error; every other job's
 * result still arrives exactly once, and afterwards the pool (its dead worker
 * replaced) still computes correctly.
 */
export const crashPool: Scenario<PoolState, CrashWorkload> = {
  name: 'pool/crash',
  workload: crashWorkload,
  setup: (_ctx, w) => poolState(w.threads),
  tasks: (w) =>
    splitRange(w.jobs).map((job) => async (ctx, s) => {
      try {
        const count = await submit(ctx, s, job, { start: job.start, end: job.end, ...(job.id === poisoned(w) ? { fail: w.poison } : {}) });
        ctx.note(count);
        await mergeLocked(ctx, s, { job: job.id, count });
      } catch (error) {
        ctx.note(reason(error));
        await mergeLocked(ctx, s, { job: job.id, error: reason(error) });
      }
    }),
  invariant: async (s, w) => {
    const once = everyJobOnce(s, splitRange(w.jobs), (j) => (j.id === poisoned(w) ? { mustFail: expectedError(w) } : {}));
    if (once !== true) return once;
    // The pool recovered: it still computes after the crash.
    const probe = (await s.pool.run({ start: 1_000_000, end: 1_000_100 })) as number;
    return probe === countPrimes(1_000_000, 1_000_100) ? true : `after the crash the pool returned ${probe} for [1000000, 1000100)`;
  },
  teardown: releasePool,
};
