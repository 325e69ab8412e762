import { countPrimes, PRIMES_IN_RANGE, type Job } from './primes.js';
import type { JobOutcome, PoolState } from './state.js';

/** How each job may end: with its count, or (when allowed) with an error matching `error`. */
export interface JobRule {
  /** The job must end with an error matching this (a poisoned job). */
  readonly mustFail?: RegExp;
  /** The job may end with an error matching this instead of its count (a cancelled job). */
  readonly mayFail?: RegExp;
}

/**
 * The pool oracle: every job's outcome arrives exactly once and matches its
 * input, and the pool has drained (nothing queued, nothing running).
 */
export function everyJobOnce(s: PoolState, jobs: readonly Job[], rule: (job: Job) => JobRule = () => ({})): true | string {
  const byJob = new Map<number, JobOutcome[]>();
  for (const o of s.merged) byJob.set(o.job, [...(byJob.get(o.job) ?? []), o]);
  const missing = jobs.filter((j) => !byJob.has(j.id)).map((j) => j.id);
  if (missing.length > 0) return `${missing.length} of ${jobs.length} results lost (job${missing.length > 1 ? 's' : ''} ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ', …' : ''})`;
  for (const j of jobs) {
    const outcomes = byJob.get(j.id)!;
    if (outcomes.length > 1) return `job ${j.id} delivered ${outcomes.length} results`;
    const o = outcomes[0]!;
    const r = rule(j);
    if ('error' in o) {
      const allowed = r.mustFail ?? r.mayFail;
      if (!allowed?.test(o.error)) return `job ${j.id} failed: ${o.error}`;
    } else {
      if (r.mustFail) return `job ${j.id} should have failed (${r.mustFail.source}) but returned ${o.count}`;
      const expected = countPrimes(j.start, j.end);
      if (o.count !== expected) return `job ${j.id} [${j.start}, ${j.end}) returned ${o.count}, expected ${expected}`;
    }
  }
  if (s.pending !== 0 || s.pool.queueSize !== 0) return `pool did not drain: ${s.pending} job(s) unsettled, ${s.pool.queueSize} queued`;
  return true;
}

/** With every job delivered, the counts add up to the primes of the whole range. */
export function totalIsRange(s: PoolState): true | string {
  let total = 0;
  for (const o of s.merged) if ('count' in o) total += o.count;
  return total === PRIMES_IN_RANGE ? true : `total ${total} primes, expected ${PRIMES_IN_RANGE} in [1000000, 1000500)`;
}
