import type { Scenario } from '../../scenario.js';
import { mergeLocked } from './merge.js';
import { everyJobOnce, totalIsRange } from './oracle.js';
import { splitRange } from './primes.js';
import { poolState, releasePool, submit, type PoolState } from './state.js';
import { poolWorkload, type PoolWorkload } from './workload.js';

/** The same merge inside async-mutex's `runExclusive`: no task can write back a stale copy. */
export const lockedPool: Scenario<PoolState, PoolWorkload> = {
  name: 'pool/locked',
  workload: poolWorkload,
  setup: (_ctx, w) => poolState(w.threads),
  tasks: (w) =>
    splitRange(w.jobs).map((job) => async (ctx, s) => {
      const count = await submit(ctx, s, job, { start: job.start, end: job.end });
      ctx.note(count);
      await mergeLocked(ctx, s, { job: job.id, count });
    }),
  invariant: (s, w) => {
    const once = everyJobOnce(s, splitRange(w.jobs));
    return once === true ? totalIsRange(s) : once;
  },
  teardown: releasePool,
};
