/**
 * Exact odds of a two-task bug under uniform random scheduling, which is what
 * both `fc.scheduler()` (one pending call per unfinished task, the next drawn
 * uniformly) and racekit's `random` do. Lets the panel state what fast-check
 * would need when it finds nothing within the cap.
 */

/** A step of one task, as the i-th resume (0-based) of task A or B. */
export interface Resume {
  readonly task: 'A' | 'B';
  readonly index: number;
}

/**
 * Probability that, in a run of A (`stepsA` steps) and B (`stepsB` steps)
 * scheduled uniformly at random, one of the given transitions happens: B's
 * resume `b` while A has done exactly `a` resumes (task 'B'), or A's resume
 * `a` while B has done exactly `b` (task 'A').
 */
export function transitionProbability(stepsA: number, stepsB: number, transitions: readonly { task: 'A' | 'B'; a: number; b: number }[]): number {
  // reach[i][j]: probability that the run passes through A done i, B done j.
  const reach = Array.from({ length: stepsA + 1 }, () => new Float64Array(stepsB + 1));
  reach[0]![0] = 1;
  let p = 0;
  for (let i = 0; i <= stepsA; i++) {
    for (let j = 0; j <= stepsB; j++) {
      const r = reach[i]![j]!;
      if (r === 0) continue;
      const canA = i < stepsA;
      const canB = j < stepsB;
      const share = canA && canB ? 0.5 : 1;
      if (canA) {
        reach[i + 1]![j]! += r * share;
        if (transitions.some((t) => t.task === 'A' && t.a === i && t.b === j)) p += r * share;
      }
      if (canB) {
        reach[i]![j + 1]! += r * share;
        if (transitions.some((t) => t.task === 'B' && t.a === i && t.b === j)) p += r * share;
      }
    }
  }
  return p;
}

/** Median runs to first failure when each run fails independently with probability p. */
export function medianRuns(p: number): number {
  if (p <= 0) return Infinity;
  if (p >= 1) return 1;
  return Math.ceil(Math.log(0.5) / Math.log(1 - p));
}
