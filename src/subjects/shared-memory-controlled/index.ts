import { builtin, type BuiltinScenario } from '../builtin.js';
import { incrementScenario } from './workload.js';

/** Real threads, `memory[0] = memory[0] + 1` with a yield point between read and write. */
export const controlledUnlocked = incrementScenario('shared-memory-controlled/unlocked', 'increment-plain.mjs');
/** Real threads, `Atomics.add`: nothing to interleave inside the increment. */
export const controlledAtomic = incrementScenario('shared-memory-controlled/atomic', 'increment-atomic.mjs');

// Threads start in real time (slowly on a loaded machine): allow for it before calling a stall a deadlock.
const options = { deadlockTimeout: 10_000 } as const;

/**
 * Controlled cross-thread mode: worker threads park at yield points on their
 * own Atomics.wait slot and the scheduler wakes one at a time, so a race
 * between real threads is found, shrunk and replayed exactly.
 */
export const sharedMemoryControlledFamily: readonly BuiltinScenario[] = [
  builtin({ family: 'shared-memory-controlled', variant: 'unlocked', expect: 'fail', runs: 200, scenario: controlledUnlocked, options, startsThreads: true, summary: 'two worker threads read memory[0], both write it + 1: the lost update between real threads, replayed exactly' }),
  builtin({ family: 'shared-memory-controlled', variant: 'atomic', expect: 'pass', runs: 40, scenario: controlledAtomic, options, startsThreads: true, summary: 'Atomics.add: each increment is one indivisible step, every interleaving counts them all' }),
];
