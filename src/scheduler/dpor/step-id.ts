import type { Decision } from '../decision.js';
import { independent } from '../yield-point.js';

/**
 * A step's identity across runs: the same key names the same step in every
 * run whose schedule is equivalent up to it (same task, same per-task
 * ordinal, same kind), so a planned step can be found again among the
 * pending yield points of a replayed prefix.
 */
export interface StepId {
  readonly key: string;
  readonly task: number;
  readonly touches: readonly string[] | undefined;
}

/** The step ids of a decision's pending yield points, in the decision's order. */
export function stepIds(d: Decision): StepId[] {
  return d.pending.map((p) => ({ key: `${p.kind}:${p.task}:${p.ordinal}`, task: p.task, touches: p.touches }));
}

/**
 * Two steps conflict when their order may matter: the same task (program
 * order), or touches that share a resource, or a step that declares nothing.
 * Timers and orphan calls (task −1) are never independent of anything,
 * because they declare no touches.
 */
export function conflict(a: StepId, b: StepId): boolean {
  return a.task === b.task || !independent(a, b);
}
