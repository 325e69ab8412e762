import { builtin, type BuiltinScenario } from '../builtin.js';
import { stressScenario } from '../../stress/stress-scenario.js';
import { incrementStress } from './increments.js';

export { incrementStress, type IncrementMode } from './increments.js';

/**
 * 2 threads × 100,000 plain `data[0]++` on a SharedArrayBuffer: on this
 * shared two-core machine 2% to 100% of rounds lose updates, depending on the
 * load (losses come in bursts), hence 200 rounds by default.
 */
export const plainStress = incrementStress('plain', 2, 100_000);
/** The same with `Atomics.add`: never a lost update. */
export const atomicStress = incrementStress('atomic', 2, 100_000);
/** 2 threads × 10,000 increments under a compareExchange + wait/notify lock (slower per increment). */
export const lockedStress = incrementStress('locked', 2, 10_000);

/** The shared-memory family: stress mode (jcstress-style outcome histograms over real parallel threads). */
export const sharedMemoryFamily: readonly BuiltinScenario[] = [
  builtin({ family: 'shared-memory', variant: 'plain', expect: 'fail', runs: 200, scenario: stressScenario(plainStress), stress: plainStress, summary: '2 threads × 100,000 plain data[0]++ on a SharedArrayBuffer, truly in parallel: increments are lost' }),
  builtin({ family: 'shared-memory', variant: 'atomic', expect: 'pass', runs: 40, scenario: stressScenario(atomicStress), stress: atomicStress, summary: 'the same with Atomics.add: every round counts 200,000' }),
  builtin({ family: 'shared-memory', variant: 'locked', expect: 'pass', runs: 40, scenario: stressScenario(lockedStress), stress: lockedStress, summary: "the seeds' cross-process Lock: compareExchange to take it, Atomics.wait/notify to sleep and wake; every round counts 20,000" }),
];
