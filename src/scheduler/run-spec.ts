import type { FailureKind, TraceEvent } from '../model/trace.js';
import type { SetupContext, TaskContext } from './context.js';
import type { Orphan } from './failure-capture.js';
import type { OutsideResources } from './outside-resources.js';
import type { RunChooser } from './strategy.js';
import type { VirtualClock } from './virtual-clock.js';

/** Everything one run needs; the scenario is already resolved for its workload. */
export interface RunSpec<S> {
  readonly setup: (ctx: SetupContext) => S | Promise<S>;
  readonly tasks: readonly ((ctx: TaskContext, state: S) => unknown)[];
  readonly invariant: (state: S) => unknown;
  /** Called after every run, passed or failed, to release what setup acquired. */
  readonly teardown: ((state: S) => unknown) | undefined;
  readonly chooser: RunChooser;
  readonly stepBudget: number;
  /** Real ms to wait for outside work (I/O, real timers, holds) before calling a stall a deadlock. */
  readonly deadlockTimeout: number;
  /** The check's signal: once aborted, a wait for outside work ends the run as pruned instead of waiting out deadlockTimeout. */
  readonly signal: AbortSignal | undefined;
  readonly resources: OutsideResources;
  /**
   * Reruns, with unlisted work tracked, a run about to be called a deadlock
   * while nothing outside was visible: a task may await unlisted work the
   * process does not list (UnlistedWork). The rerun follows the run's
   * schedule, then `chooser`. Undefined once unlisted work is tracked.
   */
  readonly confirm: ((schedule: readonly number[], chooser: RunChooser) => Promise<RunResult>) | undefined;
  /** Under virtual time, the installed clock (reset at the start of the run); every pending timer is a yield point. */
  readonly clock: VirtualClock | undefined;
  /** Under virtual time: the most virtual ms a yield point may stay pending while timers fire. */
  readonly maxLatency: number | undefined;
  /** Scenario name, for errors. */
  readonly name: string;
  /** Whether a run interleaved what the scenario is about, asked when every task ended (see InterleavingWitness). */
  readonly interleaved: ((state: S) => boolean) | undefined;
}

/** How a run ended, before the trace is attached. */
export interface RunEnd {
  readonly outcome: 'pass' | 'fail' | 'pruned';
  readonly kind?: FailureKind;
  readonly message?: string;
  readonly error?: unknown;
  /**
   * The run failed on an error that surfaced while it executed but that no
   * flow said was its own (a callback of an earlier run's leftover timer may
   * have raised it while this one waited for outside work). The failure
   * counts only if the run fails again alone; otherwise this is the error as
   * the test runner gets it.
   */
  readonly unattributed?: Orphan;
  /** The run failed in the scenario's setup, before any task ran. */
  readonly inSetup?: true;
}

/** What one run did and how it ended. */
export interface RunResult extends RunEnd {
  readonly trace: TraceEvent[];
  /** The decisions taken, as relative choices (see decision.ts). */
  readonly schedule: number[];
  readonly steps: number;
  readonly preemptions: number;
  /** The most yield points pending at one decision. */
  readonly widest: number;
  /** What the scenario's interleaving witness said of this run (undefined: it has none, or the run did not end normally). */
  readonly interleaved: boolean | undefined;
  /** Display name of every task, by index (spawned tasks included). */
  readonly taskNames: string[];
  /** Where an error the run's code raises after it passed is put (see {@link LateSlot}). */
  readonly after: LateSlot;
}

/**
 * An error the run's code raised that surfaced only after the run had passed
 * (an unhandled rejection is reported at the next turn of the event loop):
 * the run failed after all. A small object of its own, so that a check can
 * keep it for a batch of runs without keeping the runs.
 */
export interface LateSlot {
  late: RunEnd | undefined;
}
