import type * as fc from 'fast-check';
import { validateScenario, type Scenario } from './scenario.js';
import { resolveOptions, type CheckOptions, type ResolvedOptions } from './options.js';
import { RacekitError, VirtualTimeRefusedError } from './errors.js';
import { executeRun, type RunResult } from './scheduler/run.js';
import type { CheckResult, FailedCheck } from './model/check-result.js';

export type { CheckResult, FailedCheck, PassedCheck } from './model/check-result.js';
import type { RunChooser } from './scheduler/strategy.js';
import { createStrategy } from './scheduler/create-strategy.js';
import { followSchedule } from './scheduler/follow.js';
import { RandomStrategy } from './scheduler/random.js';
import { captureRejections } from './scheduler/rejections.js';
import { ForeignActivity } from './scheduler/foreign-activity.js';
import { VirtualClock } from './scheduler/virtual-clock.js';
import { installTimerCensus } from './scheduler/timer-census.js';
import { decodeReplay, encodeReplay, findDivergence, hashLabels, type ReplayToken } from './scheduler/replay-token.js';
import { realNow } from './scheduler/real-time.js';
import { drawWorkload, followShrinkPath, noWorkload } from './workload/draw.js';
import { shrinkCounterexample, type Counterexample } from './workload/shrink.js';

/** Keeps the shrinker's schedule searches apart from exploration's random runs. */
const SHRINK_SALT = 0x5348524b;

/** Internal: the scenario bound to one workload. */
function bind<S, W>(scenario: Scenario<S, W>, workload: W) {
  return {
    setup: (ctx: Parameters<NonNullable<Scenario<S, W>['setup']>>[0]) => (scenario.setup ? scenario.setup(ctx, workload) : (undefined as S)),
    invariant: (state: S) => (scenario.invariant ? scenario.invariant(state, workload) : true),
    teardown: scenario.teardown ? (state: S) => scenario.teardown!(state, workload) : undefined,
  };
}

/** The tasks of one run: a function of the workload is called for every run, so closures it creates are fresh. */
function tasksOf<S, W>(scenario: Scenario<S, W>, workload: W) {
  const tasks = typeof scenario.tasks === 'function' ? scenario.tasks(workload) : scenario.tasks;
  if (tasks.length === 0) throw new RacekitError('RACEKIT_INVALID_SCENARIO', `scenario "${scenario.name}": tasks(workload) returned no task`);
  return tasks;
}

/**
 * Explores interleavings (and workloads) of a scenario until a run fails or
 * the budget is spent; shrinks a failure and gives it a replay token.
 */
export async function check<S, W = undefined>(scenario: Scenario<S, W>, options: CheckOptions = {}): Promise<CheckResult> {
  validateScenario(scenario);
  const opts = resolveOptions(options);
  const time = opts.time ?? scenario.time ?? 'real';
  const maxLatency = opts.maxLatency ?? scenario.maxLatency;
  const arb = (scenario.workload ?? noWorkload) as fc.Arbitrary<W>;
  const foreign = new ForeignActivity();
  let clock: VirtualClock | undefined;
  let restoreTimers: (() => void) | undefined;
  // Bound once per workload, and the run's spec built as a literal: a spread
  // spec cost 40 % of a short run (bench/FINDINGS.md) and made decide() slower.
  let boundFor: { workload: W; bound: ReturnType<typeof bind<unknown, W>> } | undefined;
  const runOnce = async (workload: W, chooser: RunChooser): Promise<RunResult> => {
    if (boundFor === undefined || boundFor.workload !== workload) boundFor = { workload, bound: bind(scenario, workload) };
    const b = boundFor.bound;
    const result = await executeRun({
      setup: b.setup,
      tasks: tasksOf(scenario, workload),
      invariant: b.invariant,
      teardown: b.teardown,
      chooser,
      stepBudget: opts.stepBudget,
      deadlockTimeout: opts.deadlockTimeout,
      foreign,
      clock,
      maxLatency,
      name: scenario.name,
    });
    // A scenario that cannot run under virtual time is bad input, not a race.
    if (result.error instanceof VirtualTimeRefusedError) throw result.error;
    return result;
  };
  const release = captureRejections();
  try {
    if (time === 'virtual') clock = new VirtualClock();
    else restoreTimers = installTimerCensus();
    return opts.replay !== undefined ? await replayRun(scenario.name, arb, opts, decodeReplay(opts.replay), runOnce) : await explore(scenario.name, arb, opts, scenario.workload !== undefined, runOnce);
  } finally {
    // Even when a run failed or threw: the caller must get real timers back.
    clock?.uninstall();
    restoreTimers?.();
    release();
  }
}

type RunOnce<W> = (workload: W, chooser: RunChooser) => Promise<RunResult>;

async function explore<W>(name: string, arb: fc.Arbitrary<W>, opts: ResolvedOptions, manyWorkloads: boolean, runOnce: RunOnce<W>): Promise<CheckResult> {
  const began = realNow();
  const strategy = createStrategy(opts.strategy, { seed: opts.seed, depth: opts.depth, preemptionBound: opts.preemptionBound, manyWorkloads });
  let drawn: { index: number; value: fc.Value<W> } | undefined;
  let runs = 0;
  let steps = 0;
  let lastProgress = began;
  for (let run = 1; run <= opts.runs; run++) {
    if (realNow() - began > opts.budgetMs || opts.signal?.aborted) break;
    const plan = strategy.plan(run);
    if (!plan) break;
    if (drawn?.index !== plan.workload) drawn = { index: plan.workload, value: drawWorkload(arb, opts.seed, plan.workload) };
    const result = await runOnce(drawn.value.value, plan.chooser);
    strategy.done(plan, { steps: result.steps, pruned: result.outcome === 'pruned' });
    runs++;
    steps += result.steps;
    if (result.outcome === 'fail') {
      const start: Counterexample<W> = { workload: drawn.value, path: [], schedule: result.schedule, result };
      const shrunk = opts.shrink
        ? await shrinkCounterexample(arb, start, (w, schedule) => runOnce(w, followSchedule(schedule)), { maxRuns: 5000, maxMs: 10_000, signal: opts.signal, research: 4 }, (w, seed) =>
            runOnce(w, new RandomStrategy(opts.seed ^ SHRINK_SALT).plan(seed).chooser),
          )
        : { ...start, runs: 0 };
      const token: ReplayToken = {
        seed: opts.seed,
        workload: plan.workload,
        path: shrunk.path,
        schedule: shrunk.schedule,
        tasks: shrunk.result.trace.map((e) => e.task),
        labels: hashLabels(shrunk.result.trace),
      };
      return failure(name, opts, shrunk.result, {
        runs,
        firstFailure: run,
        exhausted: strategy.exhausted,
        foundBy: plan.strategy,
        originalSteps: result.steps,
        shrinkRuns: shrunk.runs,
        workload: shrunk.workload.value,
        steps,
        replay: encodeReplay(token),
        ms: realNow() - began,
        divergedAt: undefined,
      });
    }
    if (opts.onProgress && (run & 31) === 0 && realNow() - lastProgress > 100) {
      lastProgress = realNow();
      opts.onProgress({ runs, budget: opts.runs, elapsedMs: lastProgress - began, phase: 'explore' });
    }
  }
  return {
    name,
    failed: false,
    runs,
    firstFailure: undefined,
    kind: undefined,
    message: undefined,
    trace: undefined,
    taskNames: undefined,
    replay: undefined,
    exhausted: strategy.exhausted,
    seed: opts.seed,
    strategy: opts.strategy,
    foundBy: undefined,
    traceSteps: 0,
    preemptions: 0,
    originalSteps: 0,
    shrinkRuns: 0,
    workload: undefined,
    steps,
    ms: realNow() - began,
    divergedAt: undefined,
    warnings: [],
  };
}

async function replayRun<W>(name: string, arb: fc.Arbitrary<W>, opts: ResolvedOptions, token: ReplayToken, runOnce: RunOnce<W>): Promise<CheckResult> {
  const began = realNow();
  const workload = followShrinkPath(arb, drawWorkload(arb, token.seed, token.workload), token.path);
  const result = await runOnce(workload.value, followSchedule(token.schedule));
  const divergedAt = findDivergence(token, result.trace);
  const base = {
    runs: 1,
    exhausted: false,
    originalSteps: result.steps,
    shrinkRuns: 0 as const,
    workload: workload.value,
    steps: result.steps,
    replay: encodeReplay(token),
    ms: realNow() - began,
    divergedAt,
  };
  const seeded = { ...opts, seed: token.seed };
  if (result.outcome === 'fail') return failure(name, seeded, result, { ...base, foundBy: 'replay', firstFailure: 1 });
  return {
    ...base,
    name,
    failed: false,
    firstFailure: undefined,
    kind: undefined,
    foundBy: undefined,
    message: divergedAt === undefined ? undefined : divergenceMessage(divergedAt),
    trace: result.trace,
    taskNames: result.taskNames,
    seed: token.seed,
    strategy: 'replay',
    traceSteps: 0,
    preemptions: result.preemptions,
    warnings: [],
  };
}

/** The one-line explanation of a replay that did not follow its recording. */
export function divergenceMessage(step: number): string {
  return `replay diverged at step ${step}: uncontrolled nondeterminism (Math.random, Date.now, real timers or I/O in the scenario)`;
}

function failure(
  name: string,
  opts: ResolvedOptions,
  result: RunResult,
  extra: Pick<FailedCheck, 'runs' | 'firstFailure' | 'exhausted' | 'foundBy' | 'originalSteps' | 'shrinkRuns' | 'workload' | 'steps' | 'replay' | 'ms' | 'divergedAt'>,
): FailedCheck {
  return {
    name,
    failed: true,
    kind: result.kind ?? 'exception',
    message: result.message ?? '',
    warnings: [],
    trace: result.trace,
    taskNames: result.taskNames,
    seed: opts.seed,
    strategy: extra.foundBy === 'replay' ? 'replay' : opts.strategy,
    traceSteps: result.steps,
    preemptions: result.preemptions,
    ...extra,
  };
}
