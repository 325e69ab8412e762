import type { YieldPoint } from './yield-point.js';

/** What a strategy sees when the run is quiescent and one pending yield point must be resumed. */
export interface Decision {
  /** The pending yield points, in the order they became pending (never empty). */
  readonly pending: readonly YieldPoint[];
  /** The task whose yield point was resumed last (-1 before the first decision). */
  readonly current: number;
  /** 1-based index of this decision within the run. */
  readonly step: number;
}

/**
 * The non-preemptive choice: the current task's earliest pending yield point
 * if it has one, otherwise the earliest pending yield point. Choice 0 of every
 * schedule.
 */
export function defaultIndex(d: Decision): number {
  const { pending, current } = d;
  if (current >= 0) {
    for (let i = 0; i < pending.length; i++) if (pending[i]!.task === current) return i;
  }
  return 0;
}

/** Whether resuming `pending[index]` switches away from a task that could have continued. */
export function isPreemption(d: Decision, index: number, def: number = defaultIndex(d)): boolean {
  return d.current >= 0 && d.pending[def]!.task === d.current && d.pending[index]!.task !== d.current;
}

/**
 * Schedules are stored as relative choices: 0 is the default (no preemption),
 * k > 0 the k-th other pending yield point in order. Shrinking the numbers
 * toward 0 therefore removes preemptions, and a schedule stays meaningful when
 * the workload shrinks (choices wrap around the pending yield points there are).
 */
export function toRelative(d: Decision, index: number): number {
  return relativeChoice(defaultIndex(d), index);
}

/** {@link toRelative} when the default index is already known (the scheduler's hot path). */
export function relativeChoice(def: number, index: number): number {
  if (index === def) return 0;
  return index < def ? index + 1 : index;
}

/** Inverse of {@link toRelative}; any natural number maps to a valid index. */
export function fromRelative(d: Decision, choice: number): number {
  const n = d.pending.length;
  const def = defaultIndex(d);
  if (choice === 0 || n === 1) return def;
  const k = (choice - 1) % (n - 1);
  return k < def ? k : k + 1;
}
