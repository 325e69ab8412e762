import { Mutex } from 'async-mutex';
import type { Scenario } from '../../scenario.js';
import { counterWorkload, countsEveryIncrement, type CounterWorkload } from './workload.js';

/**
 * "I added a lock": the read happens under the mutex, but the lock is
 * released before the write, so two tasks can still read the same value.
 * The lock makes each read atomic, not the read-modify-write.
 */
export const splitLockCounter: Scenario<{ counter: number; mutex: Mutex }, CounterWorkload> = {
  name: 'counter/split-lock',
  workload: counterWorkload,
  setup: () => ({ counter: 0, mutex: new Mutex() }),
  tasks: (w) =>
    Array.from({ length: w.tasks }, () => async (ctx, s) => {
      for (let i = 0; i < w.increments; i++) {
        const v = await s.mutex.runExclusive(async () => {
          await ctx.step('locked read', { touches: ['counter', 'mutex'] });
          ctx.note(s.counter);
          return s.counter;
        });
        await ctx.step('write', { touches: ['counter'] });
        s.counter = v + 1;
        ctx.note(v + 1);
      }
    }),
  invariant: (s, w) => countsEveryIncrement(s.counter, w.tasks * w.increments),
};
