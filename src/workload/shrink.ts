import type * as fc from 'fast-check';
import type { RunResult } from '../scheduler/run-spec.js';
import { realNow } from '../scheduler/real-time.js';
import { scheduleArbitrary, trimSchedule } from './schedule.js';

/** A failing run and what produced it. */
export interface Counterexample<W> {
  workload: fc.Value<W>;
  /** Indices taken in the workload's shrink tree, from the drawn workload. */
  path: number[];
  schedule: number[];
  result: RunResult;
}

/** Bounds on shrinking. */
export interface ShrinkLimits {
  readonly maxRuns: number;
  readonly maxMs: number;
  /** Stops shrinking, keeping the smallest counterexample so far. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Schedules to search on a smaller workload when the current schedule no
   * longer fails there. A schedule found for a large workload rarely means
   * the same interleaving on a smaller one (exhaustive's, especially), so
   * without a short search the workload would barely shrink.
   */
  readonly research: number;
}

/**
 * Shrinks a counterexample with fast-check's own shrinkers, greedily as
 * fast-check does: the workload first (fewer tasks, fewer operations), then
 * the schedule (fewer and lower choices: fewer preemptions, shorter trace),
 * again until neither shrinks. A candidate is kept when it fails the same way.
 */
export async function shrinkCounterexample<W>(
  arb: fc.Arbitrary<W>,
  start: Counterexample<W>,
  replay: (workload: W, schedule: readonly number[]) => Promise<RunResult>,
  limits: ShrinkLimits,
  /** Runs the workload under a random schedule drawn from `seed` (deterministic). */
  search: (workload: W, seed: number) => Promise<RunResult>,
): Promise<Counterexample<W> & { runs: number; cutShort?: 'runs' | 'time' }> {
  const began = realNow();
  const kind = start.result.kind;
  let best: Counterexample<W> = { ...start, schedule: trimSchedule(start.result.schedule) };
  let runs = 0;
  const withinLimits = () => runs < limits.maxRuns && realNow() - began < limits.maxMs && !limits.signal?.aborted;
  const fails = (r: RunResult) => r.outcome === 'fail' && r.kind === kind;

  let improved = true;
  while (improved && withinLimits()) {
    improved = false;
    let index = 0;
    for (const candidate of arb.shrink(best.workload.value, best.workload.context)) {
      if (!withinLimits()) break;
      runs++;
      let r = await replay(candidate.value, best.schedule);
      for (let k = 0; !fails(r) && k < limits.research && withinLimits(); k++) {
        runs++;
        r = await search(candidate.value, best.path.length * 0x10000 + index * 64 + k);
      }
      if (fails(r)) {
        best = { workload: candidate, path: [...best.path, index], schedule: trimSchedule(r.schedule), result: r };
        improved = true;
        break;
      }
      index++;
    }
    if (improved) continue;
    for (const candidate of scheduleArbitrary.shrink(best.schedule, undefined)) {
      if (!withinLimits()) break;
      runs++;
      const r = await replay(best.workload.value, candidate.value);
      const schedule = trimSchedule(r.schedule);
      if (fails(r) && isSmaller(r, schedule, best)) {
        best = { ...best, schedule, result: r };
        improved = true;
        break;
      }
    }
  }
  // Stopped by a limit with candidates left to try: the counterexample may not be the smallest (an abort is the caller's own doing).
  const cutShort = improved && !limits.signal?.aborted ? (runs >= limits.maxRuns ? 'runs' : 'time') : undefined;
  return cutShort === undefined ? { ...best, runs } : { ...best, runs, cutShort };
}

/**
 * Order on counterexamples of one workload: fewer preemptions, then fewer
 * steps, then the schedule shorter or lower. Keeping only smaller ones
 * guarantees shrinking ends.
 */
function isSmaller(r: RunResult, schedule: readonly number[], best: Counterexample<unknown>): boolean {
  if (r.preemptions !== best.result.preemptions) return r.preemptions < best.result.preemptions;
  if (r.steps !== best.result.steps) return r.steps < best.result.steps;
  const a = schedule;
  const b = best.schedule;
  if (a.length !== b.length) return a.length < b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}
