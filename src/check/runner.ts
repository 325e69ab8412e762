import { RacekitError } from '../errors.js';
import type { ResolvedOptions } from '../options.js';
import { interleavingWitness, type Scenario } from '../scenario.js';
import { adoptByLastRun } from '../scheduler/failure-capture.js';
import { followThen } from '../scheduler/follow.js';
import { nextTurn } from '../scheduler/real-time.js';
import { executeRun } from '../scheduler/run.js';
import type { RunEnd, RunResult } from '../scheduler/run-spec.js';
import type { RunChooser } from '../scheduler/strategy.js';
import type { CheckEnvironment } from './environment.js';

/** The scenario bound to one workload. */
function bind<S, W>(scenario: Scenario<S, W>, workload: W) {
  const witness = interleavingWitness(scenario);
  return {
    setup: (ctx: Parameters<NonNullable<Scenario<S, W>['setup']>>[0]) => (scenario.setup ? scenario.setup(ctx, workload) : (undefined as S)),
    invariant: (state: S) => (scenario.invariant ? scenario.invariant(state, workload) : true),
    teardown: scenario.teardown ? (state: S) => scenario.teardown!(state, workload) : undefined,
    interleaved: witness ? (state: S) => witness.test(state, workload) : undefined,
  };
}

/** The tasks of one run: a function of the workload is called for every run, so closures it creates are fresh. */
function tasksOf<S, W>(scenario: Scenario<S, W>, workload: W) {
  const tasks = typeof scenario.tasks === 'function' ? scenario.tasks(workload) : scenario.tasks;
  if (tasks.length === 0) throw new RacekitError('RACEKIT_INVALID_SCENARIO', `scenario "${scenario.name}": tasks(workload) returned no task`);
  return tasks;
}

/** Runs one scenario's runs under a check's options and environment. */
export class Runner<S, W> {
  // Bound once per workload, and each run's spec built as a literal (a spread
  // spec cost 40 % of a short run, bench/FINDINGS.md).
  private boundFor: { workload: W; bound: ReturnType<typeof bind<S, W>> } | undefined;

  constructor(
    readonly scenario: Scenario<S, W>,
    private readonly opts: ResolvedOptions,
    private readonly env: CheckEnvironment,
    private readonly maxLatency: number | undefined,
  ) {}

  /**
   * One run. An unhandled rejection its code raised may surface only at the
   * next turn of the event loop; it then sets the result's `after.late`. A
   * scenario that cannot run under virtual time rejects: bad input, not a race.
   */
  run(workload: W, chooser: RunChooser): Promise<RunResult> {
    if (this.boundFor === undefined || this.boundFor.workload !== workload) this.boundFor = { workload, bound: bind(this.scenario, workload) };
    const b = this.boundFor.bound;
    const done = executeRun({
      setup: b.setup,
      tasks: tasksOf(this.scenario, workload),
      invariant: b.invariant,
      teardown: b.teardown,
      chooser,
      stepBudget: this.opts.stepBudget,
      deadlockTimeout: this.opts.deadlockTimeout,
      signal: this.opts.signal,
      resources: this.env.resources,
      confirm: this.env.resources.unlisted.tracking ? undefined : this.confirm,
      clock: this.env.clock,
      maxLatency: this.maxLatency,
      name: this.scenario.name,
      interleaved: b.interleaved,
    });
    return this.opts.failureFilter === undefined ? done : done.then((r) => this.filtered(r));
  }

  /** A failure the check's failureFilter does not accept counts as a passed run. */
  private filtered(r: RunResult): RunResult {
    const accepts = this.opts.failureFilter;
    if (r.outcome !== 'fail' || accepts === undefined || accepts({ kind: r.kind!, message: r.message ?? '' })) return r;
    return endedAs(r, { outcome: 'pass' });
  }

  /**
   * A run about to be called a deadlock with nothing outside visible may be
   * waiting for unlisted work (UnlistedWork): from now on the check tracks it,
   * and the same run is done again, tracked. A real deadlock is declared
   * then; a wait for unlisted work is waited out. The rerun's result stands
   * for the run (the same prefix; its schedule replays it).
   */
  private readonly confirm = (schedule: readonly number[], chooser: RunChooser): Promise<RunResult> => {
    this.env.resources.unlisted.track();
    return this.run(this.boundFor!.workload, followThen(schedule, chooser));
  };

  /**
   * One run whose outcome is final: a turn of the event loop lets every
   * error it raised surface first, and any that surfaces then is its own
   * (shrinking, replay, finding which run of a batch raised an error).
   */
  async runSettled(workload: W, chooser: RunChooser): Promise<RunResult> {
    adoptByLastRun(true);
    try {
      const result = await this.run(workload, chooser);
      await nextTurn();
      return this.filtered(withLate(result));
    } finally {
      adoptByLastRun(false);
    }
  }
}

/** The result as it stands: a late failure (see LateSlot) makes it a failure. */
function withLate(result: RunResult): RunResult {
  const late = result.after.late;
  return late === undefined ? result : endedAs(result, late);
}

/** The result's run, ended as `how` says instead. */
function endedAs(result: RunResult, how: RunEnd): RunResult {
  const { trace, schedule, steps, preemptions, widest, taskNames, after, interleaved } = result;
  return { outcome: how.outcome, kind: how.kind, message: how.message, error: how.error, trace, schedule, steps, preemptions, widest, taskNames, after, interleaved };
}
