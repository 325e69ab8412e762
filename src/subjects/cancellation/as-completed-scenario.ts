import * as fc from 'fast-check';
import type { Scenario } from '../../scenario.js';
import { History, firstViolation, type Verdict } from '../../oracles/history.js';
import { nothingLost } from '../../oracles/nothing-lost.js';
import { asCompleted } from './as-completed.js';
import { startJob } from './start-job.js';

/** Jobs of 1..3 steps each. */
export interface AsCompletedWorkload {
  readonly jobs: readonly number[];
}

/** 1..5 jobs. */
export const asCompletedWorkload: fc.Arbitrary<AsCompletedWorkload> = fc.record({ jobs: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 5 }) });

/** One run's history: `put` when a job finishes, `get` when the iterator yields it. */
export interface AsCompletedState {
  readonly history: History;
}

/** The iterator yields in the order the jobs finished. */
function inCompletionOrder(s: AsCompletedState): Verdict {
  const done = s.history.events.filter((e) => e.op === 'put').map((e) => e.value);
  const got = s.history.events.filter((e) => e.op === 'get').map((e) => e.value);
  return done.every((v, i) => got[i] === v) ? true : `yielded ${got.join(', ')} but jobs finished ${done.join(', ')}`;
}

/** Lane A starts jobs J0.. and consumes them through {@link asCompleted}: each result exactly once, in completion order. */
export function asCompletedScenario(name: string): Scenario<AsCompletedState, AsCompletedWorkload> {
  return {
    name,
    workload: asCompletedWorkload,
    setup: () => ({ history: new History() }),
    tasks: (w) => [
      async (ctx, s) => {
        const jobs = w.jobs.map((work, i) =>
          startJob(ctx, `J${i}`, async (jctx) => {
            for (let k = 0; k < work; k++) await jctx.step('work', { touches: k === work - 1 ? ['results'] : [] });
            s.history.put(`J${i}`, `J${i}`);
            return `J${i}`;
          }),
        );
        for await (const result of asCompleted(jobs)) {
          await ctx.step('receive', { touches: ['results'] });
          ctx.note(result);
          s.history.get('A', result);
        }
      },
    ],
    invariant: (s) => firstViolation(nothingLost(s.history.events), inCompletionOrder(s)),
  };
}
