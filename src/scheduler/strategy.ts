import type { MemberRuns } from '../model/check-result.js';
import type { Decision } from './decision.js';

/** The names a user may pass as `strategy`. */
export type StrategyName = 'random' | 'pct' | 'surw' | 'soft-pct' | 'pos' | 'exhaustive' | 'portfolio';

/** Returned by a run's chooser to abandon a run whose remainder is already covered. */
export const PRUNE = -1;

/** Decides one run: an index into `decision.pending`, or {@link PRUNE}. */
export interface RunChooser {
  choose(decision: Decision): number;
}

/** The plan for one run: which workload to draw and who decides. */
export interface RunPlan {
  /** Index of the workload to use (drawn from the seed); runs may share one. */
  readonly workload: number;
  readonly chooser: RunChooser;
  /** Name of the strategy that made this plan (a portfolio names its member). */
  readonly strategy: string;
}

/** What a strategy learns from a finished run. */
export interface RunFeedback {
  readonly steps: number;
  readonly pruned: boolean;
  /** The run failed (invariant, exception, deadlock or step budget); absent when the engine does not say. */
  readonly failed?: boolean;
}

/**
 * A way of exploring schedules across runs. Random and PCT plan independent
 * runs; exhaustive walks a tree and says when it is covered.
 */
export interface Strategy {
  readonly name: string;
  /** The next run, or undefined when there is nothing left to explore. */
  plan(run: number): RunPlan | undefined;
  /** Called after every planned run. */
  done(plan: RunPlan, feedback: RunFeedback): void;
  /** True when every schedule within the strategy's bound was visited. */
  readonly exhausted: boolean;
  /** With an exhaustive walk (its own, or a portfolio member's): its runs, pruned ones included, and the equivalence classes of schedules they covered. */
  readonly walked?: Walked | undefined;
  /** A portfolio: each member's strategy name and the runs it planned so far. */
  readonly members?: readonly MemberRuns[] | undefined;
}

/** What an exhaustive walk covered: redundancy is runs ÷ classes (1 when each class ran once). */
export interface Walked {
  readonly runs: number;
  readonly classes: number;
}
