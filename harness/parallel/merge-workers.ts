import type { CheckResult } from '../../src/model/check-result.js';
import { passedCheck } from '../../src/check/results.js';
import { coverageWarnings } from '../../src/check/warnings.js';
import { mergedRun, type WorkerSlot } from './shares.js';

/** One worker's check, with where it stood among the workers. */
export interface WorkerResult {
  readonly slot: WorkerSlot;
  readonly result: CheckResult;
}

/** The workers' checks merged into one result, and which worker's failure it reports. */
export interface MergedCheck {
  readonly result: CheckResult;
  /** Workers that explored the check (1: the main thread alone). */
  readonly workers: number;
  /** 0-based index of the worker whose run failed. */
  readonly worker?: number | undefined;
}

/** The coverage warning a check of these runs and steps would carry (explore.ts), if it carried one. */
function coverageWarningOf(r: CheckResult): string | undefined {
  return coverageWarnings({ runs: r.runs, steps: r.steps, widest: 1 })[0];
}

/**
 * Warnings of the union of the workers' runs: the coverage warning holds of
 * the union only when it held of every worker, and is said once with the
 * summed counts; any other warning once, in worker order.
 */
function mergedWarnings(results: readonly CheckResult[], runs: number, steps: number): string[] {
  const others: string[] = [];
  let interleaved = false;
  for (const r of results) {
    const coverage = coverageWarningOf(r);
    if (r.runs > 0 && (coverage === undefined || !r.warnings.includes(coverage))) interleaved = true;
    for (const w of r.warnings) if (w !== coverage && !others.includes(w)) others.push(w);
  }
  return [...coverageWarnings({ runs, steps, widest: interleaved ? 2 : 1 }), ...others];
}

/**
 * Merges the checks of the workers of one check. The failure reported is
 * the one earliest in the merged order (run r of worker i is run
 * (r − 1) · count + i + 1, shares.ts), so the same seed and worker count
 * report the same failure however the threads were timed: a worker never
 * skips a run that comes before a failure another worker found (see
 * EarliestFailure). `firstFailure` is that run's number in the merged order;
 * `runs` and `steps` sum what every worker did (which depends on how soon
 * the others heard of the failure); `exhausted` holds when every worker's
 * strategy was; `ms` is the wall time of the whole.
 */
export function mergeWorkers(workers: readonly WorkerResult[], seed: number, ms: number): MergedCheck {
  const results = workers.map((w) => w.result);
  const runs = results.reduce((n, r) => n + r.runs, 0);
  const steps = results.reduce((n, r) => n + r.steps, 0);
  const exhausted = results.length > 0 && results.every((r) => r.exhausted);
  const warnings = mergedWarnings(results, runs, steps);
  let first: { worker: WorkerResult; run: number } | undefined;
  for (const w of workers) {
    if (!w.result.failed) continue;
    const run = mergedRun(w.result.firstFailure, w.slot);
    if (first === undefined || run < first.run) first = { worker: w, run };
  }
  const count = workers.length;
  if (first !== undefined && first.worker.result.failed) {
    return { result: { ...first.worker.result, runs, steps, exhausted, ms, warnings, firstFailure: first.run }, workers: count, worker: first.worker.slot.index };
  }
  const base = results[0];
  return {
    result: passedCheck({ name: base?.name ?? '', seed: seed >>> 0, strategy: base?.strategy ?? '', runs, exhausted, steps, ms, warnings }),
    workers: count,
  };
}
