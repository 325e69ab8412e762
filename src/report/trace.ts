import type { EventKind } from '../scheduler/event.js';

/** One decision of a run: which yield point fired, in which task. */
export interface TraceEvent {
  /** 1-based position in the run. */
  step: number;
  /** Index of the task (0 is A); -1 for events that belong to no task. */
  task: number;
  label: string;
  kind: EventKind;
  /** What the task saw or wrote after resuming, as it noted with `ctx.note`. */
  value?: unknown;
  /** The scheduler switched away from a task that could have continued. */
  preemption?: boolean;
  /** Virtual time of the event in ms, under `time: 'virtual'`. */
  at?: number;
}

/** Display name of a task: A, B, … Z, then T26, T27, … */
export function taskName(task: number): string {
  if (task < 0) return 'timer';
  return task < 26 ? String.fromCharCode(65 + task) : `T${task}`;
}

/** A task's display name: the one it was spawned with, else A, B, … */
export function nameOf(task: number, names?: readonly string[]): string {
  return (task >= 0 && names?.[task]) || taskName(task);
}

/**
 * The lanes of a trace: the tasks that took a step, in index order, with the
 * timer lane first when timers fired. Tasks that never reached a yield point
 * (a launcher, a client waiting on a socket) get no empty column.
 */
export function traceLanes(trace: readonly TraceEvent[]): number[] {
  return [...new Set(trace.map((e) => e.task))].sort((a, b) => a - b);
}

/** Short text of a noted value for tables. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  try {
    const s = JSON.stringify(value);
    return s === undefined ? String(value) : s;
  } catch {
    return String(value);
  }
}
