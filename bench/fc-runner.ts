import * as fc from 'fast-check';
import type { Program } from './program.js';

/** How the fast-check version waits for its tasks. */
export type FcWait = 'waitFor' | 'waitIdle';

/** Outcome of a fast-check exploration of a program. */
export interface FcOutcome {
  readonly failed: boolean;
  /** Runs executed, the failing one included. */
  readonly runs: number;
  /** Yield points released by the scheduler over all runs. */
  readonly steps: number;
}

/**
 * Runs `program` the way fast-check's documentation writes it: one
 * `scheduleFunction`-wrapped no-op per yield point (each call is a task the
 * scheduler releases in a uniformly random order), all tasks started at once,
 * then `s.waitFor(Promise.all(tasks))` (or `s.waitIdle()`). No shrinking
 * (`endOnFailure`), like racekit's runs with `shrink: false`.
 */
export async function fcExplore<S>(program: Program<S>, options: { runs: number; seed: number; wait?: FcWait; check?: boolean }): Promise<FcOutcome> {
  const wait = options.wait ?? 'waitFor';
  const checkInvariant = options.check ?? true;
  let steps = 0;
  let runs = 0;
  const property = fc.asyncProperty(fc.scheduler(), async (s) => {
    runs++;
    const state = program.setup();
    const released = s.scheduleFunction(async function step(): Promise<void> {
      steps++;
    });
    const yieldPoint = () => released();
    const all = Promise.all(program.tasks.map((task) => task(yieldPoint, state)));
    if (wait === 'waitFor') await s.waitFor(all);
    else {
      await s.waitIdle();
      await all;
    }
    if (!checkInvariant) return true;
    const verdict = program.invariant(state);
    return verdict === true;
  });
  const details = await fc.check(property, { numRuns: options.runs, seed: options.seed, endOnFailure: true });
  return { failed: details.failed, runs, steps };
}
