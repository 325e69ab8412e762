import type { Decision } from '../src/scheduler/decision.js';
import { PRUNE, type Strategy } from '../src/scheduler/strategy.js';
import type { YieldPoint as PendingPoint } from '../src/scheduler/yield-point.js';
import type { Program, Touches } from './program.js';

/**
 * A lean driver for bench programs: it makes the same decisions `check()`
 * would (pending yield points in the order they became pending, one per
 * unfinished task, the current task, the step number) but without the
 * engine's machinery, so a strategy study of millions of runs takes minutes.
 * Exact for bench programs only: their tasks do nothing but take steps, so a
 * resumed task has parked again or ended as soon as it calls the yield point
 * or its promise settles. Runs-to-failure counts must match `check()` with
 * the same strategy and seed (bench/strategy-study.ts verifies it).
 */

interface Parked extends PendingPoint {
  readonly resume: () => void;
}

/** What one driven run did. */
export interface DrivenRun {
  readonly outcome: 'pass' | 'fail' | 'pruned';
  readonly steps: number;
}

/** Runs `program` once under `choose`. `touches` declares, per task and label, what a step touches. */
export async function driveRun<S>(program: Program<S>, choose: (d: Decision) => number, touches?: Touches): Promise<DrivenRun> {
  const state = program.setup();
  const pending: Parked[] = [];
  const ordinals = program.tasks.map(() => 0);
  let seq = 0;
  let wake: (() => void) | undefined;
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  let error: unknown;
  const done = program.tasks.map((task, i) =>
    task((label) => new Promise<void>((resume) => {
      const ordinal = ordinals[i]!++;
      pending.push({ seq: seq++, task: i, ordinal, kind: 'manual', label, touches: touches?.(i, label, ordinal), resume });
      signal();
    }), state).then(signal, (e: unknown) => {
      error ??= e;
      signal();
    }),
  );
  let current = -1;
  let steps = 0;
  while (pending.length > 0) {
    const d: Decision = { pending, current, step: steps + 1 };
    const index = choose(d);
    if (index === PRUNE) return { outcome: 'pruned', steps };
    const [point] = pending.splice(index, 1);
    steps++;
    current = point!.task;
    const parked = new Promise<void>((r) => (wake = r));
    point!.resume();
    await parked;
  }
  await Promise.all(done);
  if (error !== undefined) return { outcome: 'fail', steps };
  return { outcome: program.invariant(state) === true ? 'pass' : 'fail', steps };
}

/** Runs to first failure of `strategy` on `program`, or undefined when `cap` runs found nothing. */
export async function driveStrategy<S>(program: Program<S>, strategy: Strategy, cap: number, touches?: Touches): Promise<number | undefined> {
  for (let run = 1; run <= cap; run++) {
    const plan = strategy.plan(run);
    if (!plan) return undefined;
    const r = await driveRun(program, (d) => plan.chooser.choose(d), touches);
    strategy.done(plan, { steps: r.steps, pruned: r.outcome === 'pruned', failed: r.outcome === 'fail' });
    if (r.outcome === 'fail') return run;
  }
  return undefined;
}

/** Failing runs of `strategy` on `program` over `runs` runs, the strategy learning from each as in a check. */
export async function countFailures<S>(program: Program<S>, strategy: Strategy, runs: number): Promise<number> {
  let failed = 0;
  for (let run = 1; run <= runs; run++) {
    const plan = strategy.plan(run);
    if (!plan) break;
    const r = await driveRun(program, (d) => plan.chooser.choose(d));
    strategy.done(plan, { steps: r.steps, pruned: r.outcome === 'pruned', failed: r.outcome === 'fail' });
    if (r.outcome === 'fail') failed++;
  }
  return failed;
}
