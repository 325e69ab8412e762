import { Mutex } from 'async-mutex';
import type { Scenario } from '../../scenario.js';
import { counterWorkload, countsEveryIncrement, type CounterWorkload } from './workload.js';

/** The same read–yield–write, each increment inside async-mutex's `runExclusive`. */
export const lockedCounter: Scenario<{ counter: number; mutex: Mutex }, CounterWorkload> = {
  name: 'counter/locked',
  workload: counterWorkload,
  setup: () => ({ counter: 0, mutex: new Mutex() }),
  tasks: (w) =>
    Array.from({ length: w.tasks }, () => async (ctx, s) => {
      for (let i = 0; i < w.increments; i++) {
        // Asking for the lock is a yield point of its own: which task takes it first is the scheduler's choice.
        await ctx.step('lock', { touches: ['mutex'] });
        await s.mutex.runExclusive(async () => {
          await ctx.step('read', { touches: ['counter'] });
          const v = s.counter;
          ctx.note(v);
          // The code after this step releases the lock too.
          await ctx.step('write', { touches: ['counter', 'mutex'] });
          s.counter = v + 1;
          ctx.note(v + 1);
        });
      }
    }),
  invariant: (s, w) => countsEveryIncrement(s.counter, w.tasks * w.increments),
};
