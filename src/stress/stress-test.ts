/** What one stress round ended with, judged. */
export interface StressOutcome {
  /** The observed final state, as text ("counter = 1999873"). */
  readonly outcome: string;
  readonly acceptable: boolean;
}

/**
 * A jcstress-style test: `threads` real threads run the `worker` script in
 * rounds, truly in parallel, and each round's final shared memory is
 * classified. The worker follows the round protocol of
 * workers/stress-increment.mjs: wait for control[0] (the round) to change,
 * check in on control[2], work, add 1 to control[1]; round -1 ends it.
 */
export interface StressTest {
  readonly name: string;
  readonly worker: URL;
  /** 2..4 threads. */
  readonly threads: number;
  /** Int32 words of shared data, zeroed before every round. */
  readonly words: number;
  /** Passed to every thread besides `control`, `data` and `threads`. */
  readonly workerData: Readonly<Record<string, unknown>>;
  /** Classifies a round's final data. */
  judge(data: Int32Array): StressOutcome;
}
