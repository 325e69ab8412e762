import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { fairOffer } from '../src/scheduler/fairness.js';
import type { StrategyName } from '../src/scheduler/strategy.js';
import type { YieldPoint } from '../src/scheduler/yield-point.js';
import { polling, type Flagged } from './support/polling.js';

/** A polls a flag with a yield point at every turn of its loop. */
const atYieldPoints = () => polling((ctx) => ctx.step('poll'));

describe('fairness: no yield point stays pending for ever while others run', () => {
  it('a task polling at yield points does not starve the one that would end its loop, under any strategy (no false livelock)', async () => {
    const ends = { ...atYieldPoints(), invariant: (s: Flagged) => s.ready || 'never ready' };
    for (const strategy of ['exhaustive', 'portfolio', 'pct', 'random'] as StrategyName[]) {
      const r = await check(ends, { strategy, runs: 8, seed: 1, stepBudget: 2000 });
      expect(r.failed, `${strategy}: ${r.failed ? r.message : ''}`).toBe(false);
    }
  });

  it('two tasks that take turns by polling hand over a dozen times within the default step budget, under any strategy (no false livelock)', async () => {
    const turns = {
      name: 'turn taking',
      setup: () => ({ turn: 0, log: [] as number[] }),
      tasks: [0, 1].map((me) => async (ctx: { step(label: string): Promise<void> }, s: { turn: number; log: number[] }) => {
        for (let i = 0; i < 12; i++) {
          while (s.turn !== me) await ctx.step('spin');
          s.log.push(me);
          await ctx.step('io');
          s.turn = 1 - me;
        }
      }),
      invariant: (s: { log: number[] }) => s.log.join('') === '01'.repeat(12) || s.log.join(''),
    };
    for (const strategy of ['exhaustive', 'portfolio', 'pct', 'random'] as StrategyName[]) {
      const r = await check(turns, { strategy, runs: 16, seed: 1 });
      expect(r.failed, `${strategy}: ${r.failed ? r.message : ''}`).toBe(false);
    }
  });

  it('a failure after a forced decision replays the same trace', async () => {
    const r = await check(atYieldPoints(), { strategy: 'exhaustive', stepBudget: 2000 });
    expect(r.failed).toBe(true);
    expect(r.message).toBe('n = 1');
    const again = await check(atYieldPoints(), { replay: r.replay, stepBudget: 2000 });
    expect(again.trace).toEqual(r.trace);
  });

  it('a livelock of tasks that all keep stepping is still a step-budget failure', async () => {
    const r = await check(
      {
        name: 'ping-pong for ever',
        setup: () => ({ turns: 0 }),
        tasks: [
          async (ctx, s) => { for (;;) { s.turns++; await ctx.step('ping'); } },
          async (ctx, s) => { for (;;) { s.turns++; await ctx.step('pong'); } },
        ],
      },
      { strategy: 'random', runs: 1, seed: 1, stepBudget: 500 },
    );
    expect(r.failed).toBe(true);
    expect(r.failed && r.kind).toBe('step-budget');
  });

  it('offers only the yield point pending longest once it has waited more than the limit, looked for at fixed steps', () => {
    const point = (task: number, pendingAfter: number): YieldPoint => ({ seq: task, task, ordinal: 0, kind: 'manual', label: 'x', touches: undefined, pendingAfter });
    const points = [point(0, 150), point(1, 3), point(2, 100)];
    expect(fairOffer(points, 128, 100)).toEqual([points[1]]);
    expect(fairOffer(points, 129, 100)).toBe(points);
    expect(fairOffer(points, 64, 100)).toBe(points);
    expect(fairOffer([point(0, 100)], 192, 100)).toHaveLength(1);
    expect(fairOffer([point(0, 100)], 128, 100)).toHaveLength(1);
  });
});
