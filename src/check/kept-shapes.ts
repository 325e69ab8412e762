import type { OutsideResources } from '../scheduler/outside-resources.js';
import { RandomStrategy } from '../scheduler/random.js';
import { executeRun } from '../scheduler/run.js';
import type { RunPlan } from '../scheduler/strategy.js';

/** What the inert run left: its contexts (which hold the rest), its plan and its result. */
interface Kept {
  readonly contexts: unknown[];
  readonly plan: RunPlan;
  result?: unknown;
}

/**
 * V8 optimizes the engine's hot paths for the hidden classes of a run's
 * objects and holds those classes only weakly: a full garbage collection
 * that finds no object of a class alive (between two checks, while other
 * tests run) drops the class and throws away every optimized function
 * built on it, so the next check starts over in the interpreter. 2×1 runs
 * took 2.3 µs warm and 5.5–7 µs after each collection (scratch
 * measurement, bench/FINDINGS.md). One inert run, made once per thread and
 * kept for its life, keeps an object of every class a run makes (its
 * contexts hold the surface, which holds the run, its parts and its
 * result), so the classes, and the optimized code, survive.
 */
let kept: Kept | undefined;

/** Makes and keeps the inert run, the first time a check of this thread asks. */
export async function keepShapes(resources: OutsideResources): Promise<void> {
  if (kept !== undefined) return;
  const plan = new RandomStrategy(0).plan(1);
  const contexts: unknown[] = [];
  const keeper: Kept = (kept = { contexts, plan });
  const task = async (ctx: { step(label: string): Promise<void> }) => {
    contexts.push(ctx);
    await ctx.step('keep');
  };
  keeper.result = await executeRun({
    setup: (ctx) => void contexts.push(ctx),
    tasks: [task, task],
    invariant: () => true,
    teardown: undefined,
    chooser: plan.chooser,
    stepBudget: 10,
    deadlockTimeout: 0,
    signal: undefined,
    resources,
    confirm: undefined,
    clock: undefined,
    maxLatency: undefined,
    name: 'racekit/kept-shapes',
    interleaved: undefined,
  });
}
