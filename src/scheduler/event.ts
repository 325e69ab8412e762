/** What kind of yield point a pending event is. */
export type EventKind = 'step' | 'wrap' | 'timer';

/**
 * A parked yield point: a task's `ctx.step`, a wrapped call whose result is
 * held back, or (under virtual time) a due timer. The scheduler's unit of
 * choice: at each decision it fires exactly one pending event.
 */
export interface PendingEvent {
  /** Creation order within the run: the canonical order of choices. */
  readonly seq: number;
  /** Index of the task the event belongs to (-1: none, e.g. a timer). */
  readonly task: number;
  /** Per-task ordinal, so an event keeps its identity across runs with the same prefix. */
  readonly ordinal: number;
  readonly kind: EventKind;
  readonly label: string;
  /**
   * Shared resources the code after this yield point touches, up to the task's
   * next yield point. Undefined means unknown: dependent with every event.
   * Used by the exhaustive strategy's sleep sets.
   */
  readonly touches: readonly string[] | undefined;
  /** Virtual time at which the event fires (timers only). */
  readonly at?: number;
  /** Virtual time at which the event was parked (under virtual time). */
  readonly since?: number;
  /** Lets the parked code continue. Called once, by the scheduler. */
  readonly fire: () => void;
}

/** Two events commute when both declare what they touch and share nothing. */
export function independent(a: { touches: readonly string[] | undefined }, b: { touches: readonly string[] | undefined }): boolean {
  if (a.touches === undefined || b.touches === undefined) return false;
  for (const r of a.touches) if (b.touches.includes(r)) return false;
  return true;
}
