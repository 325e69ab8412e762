import * as fc from 'fast-check';
import { countsEveryIncrement } from '../counter/workload.js';
import { ControlledWorkers } from '../../threads/controlled/controlled-workers.js';
import { workerFile } from '../../threads/worker-file.js';
import type { Scenario } from '../../scenario.js';

/** N worker threads (2..4) each doing K increments (1..4) of one shared Int32. */
export interface ThreadsWorkload {
  readonly threads: number;
  readonly increments: number;
}

/** threads 2..4, increments 1..4. */
export const threadsWorkload: fc.Arbitrary<ThreadsWorkload> = fc.record({
  threads: fc.integer({ min: 2, max: 4 }),
  increments: fc.integer({ min: 1, max: 4 }),
});

/**
 * A controlled scenario of real threads incrementing `memory[0]` with the
 * worker program `workers/controlled/<program>`: one proxy task per thread,
 * the threads terminated after every run.
 */
export function incrementScenario(name: string, program: string): Scenario<ControlledWorkers, ThreadsWorkload> {
  return {
    name,
    workload: threadsWorkload,
    setup: (_ctx, w) => ControlledWorkers.start({ program: workerFile(`controlled/${program}`), count: w.threads, words: 1, args: { increments: w.increments } }),
    tasks: (w) => Array.from({ length: w.threads }, (_, i) => (ctx, set) => set.tasks()[i]!(ctx)),
    invariant: (set, w) => countsEveryIncrement(Atomics.load(set.memory, 0), w.threads * w.increments),
    teardown: (set) => set.close(),
  };
}
