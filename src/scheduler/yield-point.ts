import type { YieldKind } from '../model/trace.js';

/**
 * A pending yield point as strategies see it: read-only, without the means to
 * resume it (the scheduler keeps that). At each decision exactly one pending
 * yield point is resumed.
 */
export interface YieldPoint {
  /** Order in which the yield points of the run became pending: the canonical order of choices. */
  readonly seq: number;
  /** Index of the task the yield point belongs to (-1: none, e.g. a timer). */
  readonly task: number;
  /** Per-task ordinal, so a yield point keeps its identity across runs with the same prefix. */
  readonly ordinal: number;
  readonly kind: YieldKind;
  readonly label: string;
  /**
   * Shared resources the code after this yield point touches, up to the
   * flow's next yield point. Undefined means unknown: dependent with every
   * other yield point.
   */
  readonly touches: readonly string[] | undefined;
  /** Virtual time at which it fires (timers only). */
  readonly at?: number | undefined;
  /** Virtual time at which it became pending (under virtual time). */
  readonly since?: number | undefined;
  /** Steps the run had taken when it became pending (not for timers): how long it has waited, for fairness. */
  readonly pendingAfter?: number;
}

/** Two yield points commute when both declare what they touch and share nothing. */
export function independent(a: { touches: readonly string[] | undefined }, b: { touches: readonly string[] | undefined }): boolean {
  if (a.touches === undefined || b.touches === undefined) return false;
  for (const r of a.touches) if (b.touches.includes(r)) return false;
  return true;
}
