import type { Scenario } from '../../scenario.js';
import { counterWorkload, countsEveryIncrement, type CounterWorkload } from './workload.js';

const touches = ['counter'];

/**
 * `counter = counter + 1` with a yield point between the read and the write:
 * two tasks that both read before either writes lose an update.
 */
export const unlockedCounter: Scenario<{ counter: number }, CounterWorkload> = {
  name: 'counter/unlocked',
  workload: counterWorkload,
  setup: () => ({ counter: 0 }),
  tasks: (w) =>
    Array.from({ length: w.tasks }, () => async (ctx, s) => {
      for (let i = 0; i < w.increments; i++) {
        await ctx.step('read', { touches });
        const v = s.counter;
        ctx.note(v);
        await ctx.step('write', { touches });
        s.counter = v + 1;
        ctx.note(v + 1);
      }
    }),
  invariant: (s, w) => countsEveryIncrement(s.counter, w.tasks * w.increments),
};
