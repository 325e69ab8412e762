import type { CheckResult } from '../../src/model/check-result.js';
import { passedCheck } from '../../src/check/results.js';
import { coverageWarnings, NO_RUN } from '../../src/check/warnings.js';
import { mergedRun, type WorkerSlot } from './shares.js';
import { plural } from '../../src/model/plural.js';

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

/** What explore.ts begins every coverage warning with (the three kinds: no yield point, never two pending, a witness that saw no interleaving). */
const COVERAGE = 'nothing was interleaved: ';

/** The coverage warning with `runs` in place of the worker's own count (a witness warning ends in "(N runs)"). */
function withRuns(warning: string, runs: number): string {
  return warning.replace(/\(\d+ runs?\)$/, `(${runs} ${plural(runs, 'run')})`);
}

/**
 * Warnings of the union of the workers' runs: a coverage warning holds of
 * the union only when one held of every worker; it is said once, with the
 * summed counts, of the strongest kind that still holds (no yield point
 * anywhere, else no two pending anywhere, else the witness's); any other
 * warning once, in worker order.
 */
function mergedWarnings(results: readonly CheckResult[], runs: number, steps: number, failed: boolean): string[] {
  const others: string[] = [];
  let interleaved = false;
  let witness: string | undefined;
  let noRun: string | undefined;
  for (const r of results) {
    const own = r.warnings.find((w) => w.startsWith(COVERAGE));
    if (r.runs > 0 && own === undefined) interleaved = true;
    // Not the no-yield-point or never-two-pending warning its counts give: the scenario's witness saw no interleaving.
    if (own !== undefined && own !== coverageWarnings({ runs: r.runs, steps: r.steps, widest: 1, failed: r.failed })[0]) witness ??= own;
    // A worker that made no run (stopped, or its first run came after another's failure) says so; the whole check only when no worker ran.
    noRun ??= r.warnings.find((w) => w.startsWith(NO_RUN));
    for (const w of r.warnings) if (w !== own && !w.startsWith(NO_RUN) && !others.includes(w)) others.push(w);
  }
  if (runs === 0) return [noRun ?? coverageWarnings({ runs: 0, steps: 0, widest: 0 })[0]!, ...others];
  if (interleaved) return others;
  return [...(witness === undefined ? coverageWarnings({ runs, steps, widest: 1, failed }) : [withRuns(witness, runs)]), ...others];
}

/**
 * Equivalence classes the workers' exhaustive walks ran, summed: with a
 * workload arbitrary each worker walks the workloads its own seed draws;
 * with one workload only the first worker walks (explore-worker.ts).
 */
function mergedClasses(results: readonly CheckResult[]): CheckResult['classes'] {
  const walked = results.flatMap((r) => (r.classes === undefined ? [] : [r.classes]));
  if (walked.length === 0) return undefined;
  const count = walked.reduce((n, c) => n + c.count, 0);
  return { count, redundancy: walked.reduce((n, c) => n + c.count * c.redundancy, 0) / count };
}

/** The runs each portfolio member planned, summed over the workers (members in the first worker's order; a member only some workers have, such as the exhaustive walk, counts where it ran). */
function mergedMembers(results: readonly CheckResult[]): CheckResult['members'] {
  const sums = new Map<string, number>();
  for (const r of results) for (const m of r.members ?? []) sums.set(m.strategy, (sums.get(m.strategy) ?? 0) + m.runs);
  return sums.size === 0 ? undefined : [...sums].map(([strategy, runs]) => ({ strategy, runs }));
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
 * strategy was; `classes` sums the workers' walks, `members` their portfolios' runs; `ms` is the wall time of the whole.
 */
export function mergeWorkers(workers: readonly WorkerResult[], seed: number, ms: number): MergedCheck {
  const results = workers.map((w) => w.result);
  const runs = results.reduce((n, r) => n + r.runs, 0);
  const steps = results.reduce((n, r) => n + r.steps, 0);
  const exhausted = results.length > 0 && results.every((r) => r.exhausted);
  const warnings = mergedWarnings(results, runs, steps, results.some((r) => r.failed));
  const classes = mergedClasses(results);
  const members = mergedMembers(results);
  let first: { worker: WorkerResult; run: number } | undefined;
  for (const w of workers) {
    if (!w.result.failed) continue;
    const run = mergedRun(w.result.firstFailure, w.slot);
    if (first === undefined || run < first.run) first = { worker: w, run };
  }
  const count = workers.length;
  if (first !== undefined && first.worker.result.failed) {
    return { result: { ...first.worker.result, runs, steps, exhausted, ms, warnings, classes, members, firstFailure: first.run }, workers: count, worker: first.worker.slot.index };
  }
  const base = results[0];
  return {
    result: passedCheck({ name: base?.name ?? '', seed: seed >>> 0, strategy: base?.strategy ?? '', runs, exhausted, steps, ms, warnings, classes, members }),
    workers: count,
  };
}
