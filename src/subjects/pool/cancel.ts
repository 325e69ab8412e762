import * as fc from 'fast-check';
import type { Scenario } from '../../scenario.js';
import { mergeLocked } from './merge.js';
import { everyJobOnce } from './oracle.js';
import { splitRange } from './primes.js';
import { poolState, reason, releasePool, submit, type PoolState } from './state.js';

/** A pool workload where every `cancelEvery`-th job is aborted mid-run. */
export interface CancelWorkload {
  readonly threads: number;
  readonly jobs: number;
  readonly cancelEvery: number;
}

const cancelWorkload: fc.Arbitrary<CancelWorkload> = fc.record({
  threads: fc.integer({ min: 1, max: 4 }),
  jobs: fc.integer({ min: 2, max: 60 }),
  cancelEvery: fc.integer({ min: 2, max: 5 }),
});

interface CancelState extends PoolState {
  readonly controllers: Map<number, AbortController>;
}

const cancelled = (w: CancelWorkload, job: number) => job % w.cancelEvery === 0;

/**
 * Some jobs carry an AbortSignal that a canceller task fires at a point the
 * scheduler picks: queued jobs leave the queue, running ones lose their
 * worker (piscina replaces it). Whatever the timing, a cancelled job ends
 * once (its count or an AbortError) and every other job's result arrives
 * exactly once.
 */
export const cancelPool: Scenario<CancelState, CancelWorkload> = {
  name: 'pool/cancel',
  workload: cancelWorkload,
  setup: async (_ctx, w) => ({ ...(await poolState(w.threads)), controllers: new Map(splitRange(w.jobs).filter((j) => cancelled(w, j.id)).map((j) => [j.id, new AbortController()])) }),
  tasks: (w) => [
    ...splitRange(w.jobs).map((job) => async (ctx: Parameters<typeof submit>[0], s: CancelState) => {
      try {
        const count = await submit(ctx, s, job, { start: job.start, end: job.end }, s.controllers.get(job.id)?.signal);
        ctx.note(count);
        await mergeLocked(ctx, s, { job: job.id, count });
      } catch (error) {
        await mergeLocked(ctx, s, { job: job.id, error: reason(error) });
      }
    }),
    async (ctx, s) => {
      await ctx.step('abort', { touches: ['signals'] });
      for (const c of s.controllers.values()) c.abort();
      ctx.note(`${s.controllers.size} aborted`);
    },
  ],
  invariant: (s, w) => everyJobOnce(s, splitRange(w.jobs), (j) => (cancelled(w, j.id) ? { mayFail: /^AbortError/ } : {})),
  teardown: releasePool,
};
