import type { StressTest } from '../../stress/stress-test.js';
import { workerFile } from '../../threads/worker-file.js';

/** How each thread increments the shared counter. */
export type IncrementMode = 'plain' | 'atomic' | 'locked';

/**
 * N threads each add 1 to `data[0]` `increments` times, in the given mode;
 * the only acceptable outcome is N × increments, anything less is a lost
 * update (forbidden).
 */
export function incrementStress(mode: IncrementMode, threads: number, increments: number): StressTest {
  const expected = threads * increments;
  return {
    name: `shared-memory/${mode}`,
    // Resolved when the test runs, not when the registry is loaded.
    get worker() {
      return workerFile('stress-increment.mjs');
    },
    threads,
    words: 2,
    workerData: { mode, increments },
    judge: (data) => {
      const counter = Atomics.load(data, 0);
      return { outcome: `counter = ${counter}`, acceptable: counter === expected };
    },
  };
}
