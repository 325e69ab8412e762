import type { TaskContext } from '../../src/scheduler/context.js';
import type { Scenario } from '../../src/scenario.js';

/** What the polling scenario keeps: the flag, a counter both tasks update, what A saw, how often it polled. */
export type Flagged = { ready: boolean; n: number; order: string[]; polls: number };

/**
 * A polls a flag, awaiting `wait` at each turn of its loop, until B sets it;
 * then both update a counter (a lost update when their reads interleave).
 * `wait` decides what the loop is: `await null` (no yield point), an
 * immediate, or a yield point (`ctx.step`).
 */
export function polling(wait: (ctx: TaskContext) => unknown = () => null): Scenario<Flagged> {
  return {
    name: 'polling a flag',
    setup: () => ({ ready: false, n: 0, order: [], polls: 0 }),
    tasks: [
      async (ctx, s) => {
        await ctx.step('start');
        while (!s.ready) {
          s.polls++;
          await wait(ctx);
        }
        s.order.push('A saw ready');
        const v = s.n;
        await ctx.step('read');
        s.n = v + 1;
      },
      async (ctx, s) => {
        await ctx.step('set ready');
        s.ready = true;
        const v = s.n;
        await ctx.step('read');
        s.n = v + 1;
      },
    ],
    invariant: (s) => s.n === 2 || `n = ${s.n}`,
  };
}
