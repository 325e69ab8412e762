import type * as fc from 'fast-check';
import type { CheckResult } from '../model/check-result.js';
import type { ResolvedOptions } from '../options.js';
import { createStrategy } from '../scheduler/create-strategy.js';
import { followSchedule } from '../scheduler/follow.js';
import { RandomStrategy } from '../scheduler/random.js';
import { forwardOrphans, takeOrphans, type Orphan } from '../scheduler/failure-capture.js';
import { nextTurn, realNow } from '../scheduler/real-time.js';
import { encodeReplay, hashLabels } from '../scheduler/replay-token.js';
import type { LateSlot, RunEnd, RunResult } from '../scheduler/run-spec.js';
import { drawWorkload } from '../workload/draw.js';
import { shrinkCounterexample } from '../workload/shrink.js';
import { failedCheck, passedCheck } from './results.js';
import type { Runner } from './runner.js';
import { coverageWarnings, shrinkCutWarning } from './warnings.js';
import { untaskedAwaits } from '../scheduler/await-points.js';
import { replays, unreproducedWarning } from './reproduced.js';
import { interleavingWitness } from '../scenario.js';

/** Keeps the shrinker's schedule searches apart from exploration's random runs. */
const SHRINK_SALT = 0x5348524b;
/**
 * Runs follow one another without a turn of the event loop (a turn costs
 * about as much as a short run); every this many runs, or this many ms, a
 * turn lets unhandled rejections surface (each is credited to the run whose
 * code created the promise) and the rest of the process breathe.
 */
const RUNS_PER_TURN = 16;
const MS_PER_TURN = 5;

/** How a check that is one worker's share of a spread check differs from a check of its own (harness/parallel). */
export interface CheckShare {
  /** The portfolio's exhaustive walk (StrategySettings.walk). @default true */
  readonly walk?: boolean;
}

/** A run of the current batch, kept small: the whole result only when it failed (a passed run is not kept, its schedule reproduces it). */
interface Done<W> {
  readonly run: number;
  readonly workload: { readonly index: number; readonly value: fc.Value<W> };
  readonly strategy: string;
  readonly schedule: readonly number[];
  readonly after: LateSlot;
  readonly failed: RunResult | undefined;
}

/** A run of the batch and its failing result. */
type Failing<W> = Done<W> & { readonly failed: RunResult };

/** Explores runs until one fails or the budget is spent; shrinks the failure and gives it a replay token. */
export async function explore<S, W>(runner: Runner<S, W>, name: string, arb: fc.Arbitrary<W>, opts: ResolvedOptions, manyWorkloads: boolean, share: CheckShare = {}): Promise<CheckResult> {
  const began = realNow();
  const untaskedBefore = untaskedAwaits();
  const strategy = createStrategy(opts.strategy, { seed: opts.seed, depth: opts.depth, preemptionBound: opts.preemptionBound, manyWorkloads, walk: share.walk ?? true });
  let drawn: Done<W>['workload'] | undefined;
  const batch: Done<W>[] = [];
  let runs = 0;
  let steps = 0;
  let widest = 0;
  /** Runs the scenario's interleaving witness (if it has one) said interleaved. */
  let witnessed = 0;
  let lastTurn = began;
  let lastProgress = began;
  /** The first run of the batch that failed, once every error of the batch has surfaced. */
  const settle = async (): Promise<Failing<W> | undefined> => {
    await nextTurn();
    lastTurn = realNow();
    const orphans = takeOrphans();
    let failing: Failing<W> | undefined;
    for (const d of batch) {
      if (d.failed?.unattributed !== undefined) failing = await again(runner, d, orphans, d.failed.unattributed);
      else if (d.failed !== undefined) failing = { ...d, failed: d.failed };
      else if (d.after.late !== undefined) failing = await again(runner, d, orphans, lateOrphan(d.after.late));
      if (failing !== undefined) break;
    }
    if (failing === undefined && orphans.length > 0) failing = await whichRaised(runner, batch);
    if (failing === undefined) forwardOrphans(orphans, name);
    batch.length = 0;
    return failing;
  };
  let failing: Failing<W> | undefined;
  let stopped: 'aborted' | 'budget' | undefined;
  for (let run = 1; run <= opts.runs; run++) {
    const now = realNow();
    if (opts.signal?.aborted) stopped = 'aborted';
    else if (now - began > opts.budgetMs) stopped = 'budget';
    if (stopped !== undefined || opts.shouldRun?.(run) === false) break;
    const plan = strategy.plan(run);
    if (!plan) break;
    // Without a workload arbitrary every run has the same (undefined) workload: draw it once.
    const index = manyWorkloads ? plan.workload : 0;
    if (drawn?.index !== index) drawn = { index, value: drawWorkload(arb, opts.seed, index) };
    const result = await runner.run(drawn.value.value, plan.chooser);
    strategy.done(plan, { steps: result.steps, pruned: result.outcome === 'pruned', failed: result.outcome === 'fail' });
    runs++;
    steps += result.steps;
    if (result.widest > widest) widest = result.widest;
    if (result.interleaved === true) witnessed++;
    batch.push({ run, workload: drawn, strategy: plan.strategy, schedule: result.schedule, after: result.after, failed: result.outcome === 'fail' ? result : undefined });
    if (result.outcome === 'fail' || batch.length >= RUNS_PER_TURN || now - lastTurn > MS_PER_TURN) {
      failing = await settle();
      if (failing) break;
    }
    if (opts.onProgress && (run & 31) === 0 && now - lastProgress > 100) {
      lastProgress = now;
      opts.onProgress({ runs, budget: opts.runs, elapsedMs: now - began, phase: 'explore' });
    }
  }
  failing ??= await settle();
  if (failing) opts.onFailure?.(failing.run);
  const witness = interleavingWitness(runner.scenario);
  // A failure in setup, before any task ran, says what happened itself: that nothing was interleaved is no news.
  const untasked = untaskedAwaits() - untaskedBefore;
  const warnings = failing?.failed.inSetup === true ? [] : coverageWarnings({ runs, steps, widest, witness: witness && { interleaved: witnessed, otherwise: witness.otherwise }, stopped, failed: failing !== undefined, untasked });
  const walked = strategy.walked;
  const classes = walked !== undefined && walked.classes > 0 ? { count: walked.classes, redundancy: walked.runs / walked.classes } : undefined;
  // Where the portfolio's runs went, as exploration left it (shrinking runs are not the members').
  const members = strategy.members?.map((m) => ({ strategy: m.strategy, runs: m.runs }));
  if (!failing) return passedCheck({ name, seed: opts.seed, strategy: opts.strategy, runs, exhausted: strategy.exhausted, steps, ms: realNow() - began, warnings, classes, members });

  const found = failing.failed;
  const start = { workload: failing.workload.value, path: [], schedule: found.schedule, result: found };
  const shrunk = opts.shrink
    ? await shrinkCounterexample(
        arb,
        start,
        (w, schedule) => runner.runSettled(w, followSchedule(schedule)),
        { maxRuns: 5000, maxMs: 10_000, signal: opts.signal, research: 4 },
        (w, seed) => runner.runSettled(w, new RandomStrategy(opts.seed ^ SHRINK_SALT).plan(seed).chooser),
      )
    : { ...start, runs: 0 };
  const token = {
    seed: opts.seed,
    workload: failing.workload.index,
    path: shrunk.path,
    schedule: shrunk.schedule,
    tasks: shrunk.result.trace.map((e) => e.task),
    labels: hashLabels(shrunk.result.trace),
  };
  const replay = encodeReplay(token);
  // Every failure must replay from its token; one whose outcome the schedule does not decide is said to be so.
  const replayed = await replays(runner, shrunk.workload.value, token, shrunk.result);
  if (replayed.reproduced < replayed.tries) warnings.push(unreproducedWarning(replayed));
  if ('cutShort' in shrunk && shrunk.cutShort !== undefined) warnings.push(shrinkCutWarning(shrunk.cutShort, shrunk.runs));
  return failedCheck(
    {
      name,
      seed: opts.seed,
      strategy: opts.strategy,
      runs,
      firstFailure: failing.run,
      exhausted: strategy.exhausted,
      foundBy: failing.strategy,
      originalSteps: found.steps,
      originalPreemptions: found.preemptions,
      shrinkRuns: shrunk.runs,
      workload: shrunk.workload.value,
      steps,
      replay,
      ms: realNow() - began,
      divergedAt: undefined,
      warnings,
      classes,
      members,
    },
    shrunk.result,
  );
}

/**
 * An error surfaced at a turn between runs that followed one another, and
 * its promise did not say whose it was: runs each run of the batch again
 * alone (runs are deterministic: same workload, same schedule) until one
 * raises it. Undefined when none does (the error was not the runs').
 */
async function whichRaised<S, W>(runner: Runner<S, W>, batch: readonly Done<W>[]): Promise<Failing<W> | undefined> {
  for (const d of batch) {
    const result = await runner.runSettled(d.workload.value.value, followSchedule(d.schedule));
    if (result.outcome === 'fail') return { ...d, failed: result };
  }
  return undefined;
}

/**
 * A run of the batch raised an error that may not be its own (after it
 * passed, or unattributed while it ran): run it again alone (same workload,
 * same schedule) for the failing result with its trace. If it does not fail
 * again, the error goes to the test runner as an error nobody raised, rather
 * than as a failure that does not replay.
 */
async function again<S, W>(runner: Runner<S, W>, d: Done<W>, orphans: Orphan[], error: Orphan): Promise<Failing<W> | undefined> {
  const result = await runner.runSettled(d.workload.value.value, followSchedule(d.schedule));
  if (result.outcome === 'fail') return { ...d, failed: result };
  orphans.push(error);
  return undefined;
}

/** A late failure as the error the test runner would have had. */
function lateOrphan(late: RunEnd): Orphan {
  return { event: 'unhandledRejection', args: [late.error, undefined], message: late.message ?? '', error: late.error };
}
