import type { Scenario } from '../../src/scenario.js';

/** The scenario with its workload pinned to `w`: exploration varies only the schedule. */
export function fixedWorkload<S, W>(s: Scenario<S, W>, w: W, name = `${s.name} (fixed workload)`): Scenario<S, undefined> {
  const tasks = typeof s.tasks === 'function' ? s.tasks(w) : s.tasks;
  return {
    name,
    setup: (ctx) => (s.setup ? s.setup(ctx, w) : (undefined as S)),
    tasks,
    invariant: (state) => s.invariant?.(state, w),
    teardown: (state) => s.teardown?.(state, w),
  };
}
