import type { Scenario } from '../../scenario.js';
import { everyJobOnce, totalIsRange } from './oracle.js';
import { splitRange } from './primes.js';
import { poolState, releasePool, submit, type PoolState } from './state.js';
import { poolWorkload, type PoolWorkload } from './workload.js';

/**
 * Each job's task merges its count into the shared result list with a
 * read-modify-write across an await: it copies the list, yields (as a real
 * merge would, persisting the partial result), then writes its copy back,
 * dropping whatever another task merged in between.
 */
export const unlockedPool: Scenario<PoolState, PoolWorkload> = {
  name: 'pool/unlocked',
  workload: poolWorkload,
  setup: (_ctx, w) => poolState(w.threads),
  tasks: (w) =>
    splitRange(w.jobs).map((job) => async (ctx, s) => {
      const count = await submit(ctx, s, job, { start: job.start, end: job.end });
      ctx.note(count);
      const merged = s.merged;
      await ctx.step('merge', { touches: ['results'] });
      s.merged = [...merged, { job: job.id, count }];
      ctx.note(`${s.merged.length} results`);
    }),
  invariant: (s, w) => {
    const once = everyJobOnce(s, splitRange(w.jobs));
    return once === true ? totalIsRange(s) : once;
  },
  teardown: releasePool,
};
