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

/**
 * Exact odds of the depth-3 relay bug (bench/panel.ts relayBug) under uniform
 * random scheduling, with `tasks` − 3 noise tasks (at most one): a walk over
 * every task's progress that remembers whether B relayed while A's flag was
 * up. A's flag is up while A has done exactly a+1 resumes (its step a ran,
 * a+1 not yet); B relays at its step b if the flag is up, and drops the relay
 * at b+1; C fails at its step c when both are up.
 */
export function relayProbability(tasks: number, steps: number, a: number, b: number, c: number): number {
  if (tasks < 3 || tasks > 4) throw new RangeError(`relayProbability: 3 or 4 tasks, got ${tasks}`);
  const side = steps + 1;
  const size = side ** tasks * 2;
  const reach = new Float64Array(size);
  reach[0] = 1;
  let p = 0;
  const pos = new Array<number>(tasks);
  const weight = Array.from({ length: tasks }, (_, t) => side ** t * 2);
  // A resume only raises the index, so one pass in index order sees every state after all its predecessors.
  for (let s = 0; s < size; s++) {
    const r = reach[s]!;
    if (r === 0) continue;
    const relayed = s & 1;
    let open = 0;
    for (let rest = s >> 1, t = 0; t < tasks; t++, rest = Math.floor(rest / side)) {
      pos[t] = rest % side;
      if (pos[t]! < steps) open++;
    }
    const flag = pos[0] === a + 1;
    const share = r / open;
    for (let t = 0; t < tasks; t++) {
      if (pos[t]! >= steps) continue;
      if (t === 2 && pos[2] === c && flag && relayed === 1 && pos[1] === b + 1) {
        p += share;
        continue;
      }
      const nextRelayed = t === 1 && pos[1] === b ? (flag ? 1 : 0) : relayed;
      reach[s - relayed + weight[t]! + nextRelayed]! += share;
    }
  }
  return p;
}
