/**
 * The trace model: what one run records, shared by the scheduler that writes
 * it and the report that renders it. A leaf module: it imports nothing.
 */

/**
 * Where a yield point comes from: `manual` is placed by hand (`ctx.step`),
 * `call` is a wrapped call's completion (`ctx.wrap`), `await` an
 * instrumented `await`, `timer` a due timer under virtual time.
 */
export type YieldKind = 'manual' | 'call' | 'await' | 'timer';

/** Why a run failed. */
export type FailureKind = 'invariant' | 'exception' | 'deadlock' | 'step-budget';

/** One step of a run, as its trace records it: which pending yield point was resumed, in which task. */
export interface TraceEvent {
  /** 1-based position in the run. */
  step: number;
  /** Index of the task (0 is A); -1 for yield points that belong to no task (a timer). */
  task: number;
  label: string;
  kind: YieldKind;
  /** What the task saw or wrote after resuming, as it noted with `ctx.note`. */
  value?: unknown;
  /** The scheduler switched away from a task that could have continued. */
  preemption?: boolean;
  /** Virtual time of the step in ms, under `time: 'virtual'`. */
  at?: number;
  /** Kind `call`: the arguments the wrapped call was made with, as short text. */
  args?: string;
  /** Kind `call`: the steps taken when the call was made, when other steps came before its answer (0: before the first step); kind `await`: when the await was reached (the call it awaits was made then). */
  madeAfter?: number;
  /** Kind `call`: what the call resolved with, as text (set unless it threw). */
  returned?: string;
  /** Kind `call`: what the call rejected with, as text. */
  threw?: string;
  /** Kind `await`: the text of the source line the label names. */
  source?: string;
}

const LETTERS = Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i));

/** Display name of a task: A, B, … Z, then T26, T27, … */
export function taskName(task: number): string {
  if (task < 0) return 'timer';
  return task < 26 ? LETTERS[task]! : `T${task}`;
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
