import { Mutex } from 'async-mutex';
import type { Scenario } from '../../scenario.js';
import type { TaskContext } from '../../scheduler/context.js';
import { countsEveryIncrement } from './workload.js';

/** The seeds' SafeCounter: a class that holds its own lock around every increment. */
export class SafeCounter {
  private count = 0;
  private readonly lock = new Mutex();

  /** Adds one; the yield point sits where an unlocked counter would lose the update. */
  async increment(ctx: TaskContext): Promise<void> {
    // Asking for the lock is a yield point of its own: which task takes it first is the scheduler's choice.
    await ctx.step('lock', { touches: ['safe-counter-lock'] });
    await this.lock.runExclusive(async () => {
      const v = this.count;
      await ctx.step('increment', { touches: ['safe-counter'] });
      this.count = v + 1;
      ctx.note(this.count);
    });
  }

  get value(): number {
    return this.count;
  }
}

const TASKS = 10;
const INCREMENTS = 1000;

/** 10 tasks × 1,000 increments through a SafeCounter: exactly 10,000. */
export const safeCounter: Scenario<SafeCounter> = {
  name: 'counter/safe-counter',
  setup: () => new SafeCounter(),
  tasks: Array.from({ length: TASKS }, () => async (ctx: TaskContext, counter: SafeCounter) => {
    for (let i = 0; i < INCREMENTS; i++) await counter.increment(ctx);
  }),
  invariant: (counter) => countsEveryIncrement(counter.value, TASKS * INCREMENTS),
};
