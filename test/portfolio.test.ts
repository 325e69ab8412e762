import { describe, expect, it } from 'vitest';
import type { Decision } from '../src/scheduler/decision.js';
import { createStrategy } from '../src/scheduler/create-strategy.js';
import { PortfolioStrategy } from '../src/scheduler/portfolio.js';
import type { RunPlan, Strategy } from '../src/scheduler/strategy.js';
import { Prng } from '../src/scheduler/prng.js';

/** A member that resumes the first pending yield point (`fixed`) or a random one, and can run out. */
function member(name: string, fixed: boolean, runs = Infinity): Strategy & { planned: number } {
  let planned = 0;
  return {
    name,
    get exhausted() {
      return planned >= runs;
    },
    get planned() {
      return planned;
    },
    plan(run: number): RunPlan {
      planned++;
      const prng = new Prng(run);
      return { workload: 0, strategy: name, chooser: { choose: (d: Decision) => (fixed ? 0 : prng.int(d.pending.length)) } };
    },
    done() {},
  };
}

/** Drives a strategy over synthetic runs of `tasks` tasks × `steps` steps (no engine: pending points only). */
function drive(strategy: Strategy, runs: number, tasks: number, steps: number): Record<string, number> {
  const by: Record<string, number> = {};
  for (let run = 1; run <= runs; run++) {
    const plan = strategy.plan(run);
    if (!plan) break;
    by[plan.strategy] = (by[plan.strategy] ?? 0) + 1;
    const left = Array.from({ length: tasks }, () => steps);
    let current = -1;
    let step = 0;
    while (left.some((l) => l > 0)) {
      const pending = left.flatMap((l, task) => (l > 0 ? [{ seq: step, task, ordinal: steps - l, kind: 'manual' as const, label: 's', touches: undefined }] : []));
      const i = plan.chooser.choose({ pending, current, step: ++step });
      current = pending[i]!.task;
      left[current]!--;
    }
    strategy.done(plan, { steps: step, pruned: false });
  }
  return by;
}

describe('portfolio allocation', () => {
  it('follows the novelty of each member: one whose runs repeat the same orderings gets less of the budget', () => {
    const repeating = member('repeating', true);
    const exploring = member('exploring', false);
    const p = new PortfolioStrategy(1, [
      { strategy: repeating, weight: (e) => 0.1 + e.novelty },
      { strategy: exploring, weight: (e) => 0.1 + e.novelty },
    ]);
    drive(p, 400, 4, 10);
    expect(exploring.planned).toBeGreaterThan(1.3 * repeating.planned);
    const [r, x] = p.evidence();
    expect(r!.novelty).toBeLessThan(x!.novelty);
  });

  it('gives a fixed share off the top and drops members that are exhausted', () => {
    const proof = member('proof', true, 5);
    const other = member('other', false);
    const p = new PortfolioStrategy(2, [{ strategy: proof, share: 0.5 }, { strategy: other }]);
    const by = drive(p, 100, 2, 3);
    expect(by['proof']).toBe(5);
    expect(by['other']).toBe(95);
    expect(p.exhausted).toBe(false);
  });

  it('the default lets SURW plan its first runs, then gives it 4/k of them (at most half) and soft PCT the rest', () => {
    const portfolio = () => createStrategy('portfolio', { seed: 3, depth: 2, preemptionBound: 2, manyWorkloads: false });
    const first = portfolio();
    const planned = Array.from({ length: 6 }, (_, i) => {
      const plan = first.plan(i + 1)!;
      first.done(plan, { steps: 10, pruned: false });
      return plan.strategy;
    });
    expect(planned.filter((s) => s !== 'exhaustive').slice(0, 4)).toEqual(['surw', 'surw', 'surw', 'surw']);
    // 2 tasks × 5 steps: k = 10, SURW's share 0.4 of the runs that are not exhaustive's (novelty moves it at most threefold).
    const short = drive(portfolio(), 400, 2, 5);
    expect(short['surw']!).toBeGreaterThan(0.25 * 400);
    expect(short['surw']!).toBeLessThan(0.6 * 400);
    // 4 tasks × 100 steps: k = 400, SURW's share 1 %: its first 4 runs and a few more.
    const long = drive(portfolio(), 400, 4, 100);
    expect(long['surw']!).toBeLessThan(4 + 0.05 * 400);
    expect(long['soft-pct(d=3)']!).toBeGreaterThan(0.9 * 400);
  });

  it('is deterministic: the same seed allocates the same runs to the same members', () => {
    const a = drive(createStrategy('portfolio', { seed: 9, depth: 2, preemptionBound: 2, manyWorkloads: false }), 200, 3, 20);
    const b = drive(createStrategy('portfolio', { seed: 9, depth: 2, preemptionBound: 2, manyWorkloads: false }), 200, 3, 20);
    expect(b).toEqual(a);
  });
});

describe('how a check says its portfolio spent the runs', () => {
  it('members: each member and its runs, summing to the runs explored, the same for the same seed; absent for other strategies', async () => {
    const { check } = await import('../src/check.js');
    const { formatFailure } = await import('../src/report/text.js');
    const { stepsScenario } = await import('./helpers.js');
    const scenario = stepsScenario(3, 20);
    const r = await check(scenario, { runs: 300, seed: 9 });
    expect(r.failed).toBe(false);
    expect(r.members?.map((m) => m.strategy)).toEqual(['exhaustive', 'surw', 'soft-pct(d=3)', 'pos']);
    expect(r.members!.reduce((n, m) => n + m.runs, 0)).toBe(r.runs);
    // 60 steps per run: soft PCT gets most of the runs, the walk about one in 32, POS none (no step declares touches).
    const runs = Object.fromEntries(r.members!.map((m) => [m.strategy, m.runs]));
    expect(runs['soft-pct(d=3)']).toBeGreaterThan(runs.surw!);
    expect(runs.pos).toBe(0);
    expect(runs.exhaustive).toBeGreaterThan(0);
    expect((await check(scenario, { runs: 300, seed: 9 })).members).toEqual(r.members);
    expect(formatFailure(r)).toMatch(new RegExp(`runs by member: exhaustive ${runs.exhaustive}, surw ${runs.surw}, soft-pct\\(d=3\\) ${runs['soft-pct(d=3)']}$`, 'm'));
    expect((await check(scenario, { runs: 10, seed: 9, strategy: 'random' })).members).toBeUndefined();
  });
});
