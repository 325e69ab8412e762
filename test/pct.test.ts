import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import type { Scenario } from '../src/scenario.js';

/** Fails only when the steps run strictly alternating A B A B: two preemptions, a bug of depth 3. */
const alternation: Scenario<{ order: string }> = {
  name: 'alternation',
  setup: () => ({ order: '' }),
  tasks: ['A', 'B'].map((name) => async (ctx, s: { order: string }) => {
    for (let i = 0; i < 2; i++) {
      await ctx.step(`${name}${i}`);
      s.order += name;
    }
  }),
  invariant: (s) => (s.order === 'ABAB' || s.order === 'BABA' ? `strict alternation ${s.order}` : true),
};

/** Fails when B runs between A's two steps: one preemption, a bug of depth 2. */
const atomicity: Scenario<{ log: string[] }> = {
  name: 'atomicity',
  setup: () => ({ log: [] }),
  tasks: [
    async (ctx, s) => {
      await ctx.step('a1');
      s.log.push('a1');
      await ctx.step('a2');
      s.log.push('a2');
    },
    async (ctx, s) => {
      await ctx.step('b');
      s.log.push('b');
    },
  ],
  invariant: (s) => (s.log.join() === 'a1,b,a2' ? 'b ran inside a1..a2' : true),
};

describe('pct depth', () => {
  it('d = 1 never preempts, so never finds a depth-2 bug', async () => {
    const r = await check(atomicity, { strategy: 'pct', depth: 1, seed: 3, runs: 300 });
    expect(r.failed).toBe(false);
  });

  it('d = 2 finds the depth-2 bug', async () => {
    const r = await check(atomicity, { strategy: 'pct', depth: 2, seed: 3, runs: 300 });
    expect(r.failed).toBe(true);
    expect(r.preemptions).toBe(1);
  });

  it('d = 2 never finds a bug needing two priority changes; d = 3 and random do', async () => {
    expect((await check(alternation, { strategy: 'pct', depth: 2, seed: 5, runs: 500 })).failed).toBe(false);
    expect((await check(alternation, { strategy: 'pct', depth: 3, seed: 5, runs: 500 })).failed).toBe(true);
    expect((await check(alternation, { strategy: 'random', seed: 5, runs: 500 })).failed).toBe(true);
  });

  it('the portfolio (the default) finds both', async () => {
    expect((await check(atomicity, { seed: 9, runs: 500 })).failed).toBe(true);
    expect((await check(alternation, { seed: 9, runs: 500 })).failed).toBe(true);
  });
});

describe('soft PCT and SURW', () => {
  it('soft PCT (d = 3) finds the depth-2 and the depth-3 bug', async () => {
    expect((await check(atomicity, { strategy: 'soft-pct', seed: 3, runs: 300 })).failed).toBe(true);
    expect((await check(alternation, { strategy: 'soft-pct', seed: 5, runs: 500 })).failed).toBe(true);
  });

  it('SURW finds strict alternation within its first balanced runs (tasks take turns in a random order)', async () => {
    const r = await check(alternation, { strategy: 'surw', seed: 1, runs: 20, shrink: false });
    expect(r.failed).toBe(true);
    expect(r.firstFailure).toBeLessThanOrEqual(4);
  });

  it('SURW keeps tasks in step in every run when no step declares touches, the first run included', async () => {
    const { SurwStrategy } = await import('../src/scheduler/surw.js');
    const surw = new SurwStrategy(7);
    for (let run = 1; run <= 5; run++) {
      const plan = surw.plan(run)!;
      const taken = [0, 0, 0];
      let step = 0;
      while (taken.some((t) => t < 4)) {
        const pending = taken.flatMap((t, task) => (t < 4 ? [{ seq: step, task, ordinal: t, kind: 'manual' as const, label: 's', touches: undefined }] : []));
        const task = pending[plan.chooser.choose({ pending, current: -1, step: ++step })]!.task;
        taken[task]!++;
        // In step: no task is ever more than one step ahead of another.
        expect(Math.max(...taken) - Math.min(...taken)).toBeLessThanOrEqual(1);
      }
      surw.done(plan, { steps: step, pruned: false });
    }
  });
});
