import type { YieldPoint } from './yield-point.js';

/**
 * The most steps a yield point may stay pending: a tenth of the step budget,
 * at most 1,000. A real execution never leaves a flow that can continue
 * waiting for ever while others run, but a strategy can: the non-preemptive
 * default keeps resuming a task that polls (`while (!ready) await null`,
 * every await a yield point under instrumentation) while the task that
 * would set `ready` stays pending, until the step budget calls it a
 * livelock, a false alarm. Fair scheduling, as in CHESS (Musuvathi and
 * Qadeer, PLDI 2008). Each hand-over of tasks that take turns by polling
 * costs up to the limit: at 10,000 a dozen turns spent the default budget
 * of 100,000 (an exploratory tester's false alarm); runs shorter than the
 * limit, as every bench program's, are never forced.
 */
export function fairnessLimit(stepBudget: number): number {
  return Math.min(1_000, Math.ceil(stepBudget / 10));
}

/** Decisions between two looks for a yield point pending too long (a look scans them all). */
const LOOK_EVERY = 64;

/**
 * The yield points a decision at `step` offers: all of them, or the one that
 * has been pending longest when that is more than `limit` steps. Looked for
 * every {@link LOOK_EVERY} steps, at the same steps in every run.
 */
export function fairOffer(points: YieldPoint[], step: number, limit: number): YieldPoint[] {
  if (step % LOOK_EVERY !== 0 || step <= limit) return points;
  let earliest: YieldPoint | undefined;
  for (const p of points) if (p.pendingAfter !== undefined && (earliest === undefined || p.pendingAfter < earliest.pendingAfter!)) earliest = p;
  return earliest !== undefined && step - earliest.pendingAfter! > limit ? [earliest] : points;
}
