import * as fc from 'fast-check';
import type { Scenario } from '../../scenario.js';
import { History, firstViolation } from '../../oracles/history.js';
import { noZombieWrite } from '../../oracles/no-zombie-write.js';
import { allTerminated } from '../../oracles/all-terminated.js';
import { startJob } from './start-job.js';

/** One job of a batch: steps of work, then it writes its result or fails. */
export interface GatherJob {
  readonly work: number;
  readonly fails: boolean;
}

/** A batch of 2..5 jobs. */
export interface GatherWorkload {
  readonly jobs: readonly GatherJob[];
}

/** 2..5 jobs of 1..3 steps, some failing. */
export const gatherWorkload: fc.Arbitrary<GatherWorkload> = fc.record({
  jobs: fc.array(fc.record({ work: fc.integer({ min: 1, max: 3 }), fails: fc.boolean() }), { minLength: 2, maxLength: 5 }),
});

/** One run's batch results and history. */
export interface GatherState {
  readonly results: string[];
  readonly history: History;
}

/** How the caller waits for the batch: the seeds' `gather` as `Promise.all` or `Promise.allSettled`. */
export type Gather = 'all' | 'allSettled';

/**
 * The caller (lane A) starts jobs J0.. and waits for them, then closes the
 * batch (rolls back, reports). `Promise.all` settles at the first failure
 * while the other jobs still run: they write into a closed batch.
 * `Promise.allSettled` waits for every job first.
 */
export function gatherScenario(name: string, gather: Gather): Scenario<GatherState, GatherWorkload> {
  return {
    name,
    workload: gatherWorkload,
    setup: () => ({ results: [], history: new History() }),
    tasks: (w) => [
      async (ctx, s) => {
        const jobs = w.jobs.map((job, i) =>
          startJob(ctx, `J${i}`, async (jctx) => {
            for (let k = 0; k < job.work; k++) await jctx.step('work', { touches: k === job.work - 1 ? ['batch'] : [] });
            if (job.fails) {
              jctx.note('fails');
              throw new Error(`J${i} failed`);
            }
            s.results.push(`J${i}`);
            jctx.note(`writes J${i}'s result`);
            s.history.record('write', `J${i}`, 'batch');
          }),
        );
        if (gather === 'all') await Promise.all(jobs).catch(() => {});
        else await Promise.allSettled(jobs);
        await ctx.step('close batch', { touches: ['batch'] });
        ctx.note(`${s.results.length} result(s)`);
        s.history.record('abandon', 'A', 'batch');
        s.history.end('A');
      },
    ],
    invariant: (s) => firstViolation(noZombieWrite(s.history.events), allTerminated(s.history.events, ['A'])),
  };
}
