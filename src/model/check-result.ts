import type { FailureKind, TraceEvent } from './trace.js';

/** What every {@link CheckResult} has, passed or failed. Field names are part of the public contract. */
export interface CheckResultBase {
  name: string;
  /** Runs executed (all of them when nothing failed). */
  runs: number;
  /** With exhaustive (or a portfolio's exhaustive member): every schedule in the bound was visited. */
  exhausted: boolean;
  seed: number;
  strategy: string;
  /** Total steps taken across all runs. */
  steps: number;
  ms: number;
  /**
   * What the user must know about what was explored, e.g. that no run ever
   * had two yield points pending at once, so nothing was interleaved.
   */
  warnings: string[];
  /** Token for `check(scenario, { replay })` and `racekit replay` (on a passed check: only when it was a replay). */
  replay: string | undefined;
  /** On replay: the step at which the run departed from the recorded trace. */
  divergedAt: number | undefined;
  /**
   * With an exhaustive walk (strategy `exhaustive`, or the portfolio's
   * member): the equivalence classes of schedules it ran (schedules equal up
   * to the order of steps that touch nothing in common), and its runs per
   * class (1 when each class ran once).
   */
  classes?: { readonly count: number; readonly redundancy: number } | undefined;
  /**
   * With the portfolio: how it spent its runs, each member (its strategy's
   * name) and the runs it planned, in the portfolio's order. The allocation
   * follows what the runs so far showed, so this is where the budget went.
   */
  members?: readonly MemberRuns[] | undefined;
}

/** One member of a portfolio and the runs it planned (see CheckResultBase.members). */
export interface MemberRuns {
  readonly strategy: string;
  readonly runs: number;
}

/** A check in which some run broke the invariant, threw, deadlocked or ran out of steps. */
export interface FailedCheck extends CheckResultBase {
  failed: true;
  /** 1-based index of the first failing run. */
  firstFailure: number;
  kind: FailureKind;
  /** The invariant's string or the error. */
  message: string;
  /** The shrunk failing run. */
  trace: TraceEvent[];
  /** Display names of the trace's tasks, by index (A, B, … unless spawned with a name). */
  taskNames: string[];
  replay: string;
  /** The strategy (or portfolio member) whose run failed first; 'replay' on a replay. */
  foundBy: string;
  /** Steps of the shrunk trace. */
  traceSteps: number;
  /** Preemptions in the shrunk trace. */
  preemptions: number;
  /** Steps of the failing run before shrinking. */
  originalSteps: number;
  /** Preemptions of the failing run before shrinking (shrinking takes preemptions out first, and may lengthen the trace to do so). */
  originalPreemptions: number;
  shrinkRuns: number;
  /** The (shrunk) workload of the failing run. */
  workload: unknown;
}

/** A check in which no run failed (or a replay that did not reproduce its failure). */
export interface PassedCheck extends CheckResultBase {
  failed: false;
  firstFailure: undefined;
  kind: undefined;
  /** Set only on a replay that diverged from its recording: what departed. */
  message: string | undefined;
  /** Set only on a replay: the replayed run. */
  trace: TraceEvent[] | undefined;
  taskNames: string[] | undefined;
  foundBy: undefined;
  traceSteps: 0;
  preemptions: number;
  originalSteps: number;
  shrinkRuns: 0;
  workload: unknown;
}

/** The outcome of {@link check}: a union discriminated by `failed`. */
export type CheckResult = FailedCheck | PassedCheck;
