import { builtin, type BuiltinScenario } from '../builtin.js';
import { cancelPool } from './cancel.js';
import { crashPool } from './crash.js';
import { lockedPool } from './locked.js';
import { unlockedPool } from './unlocked.js';

export { unlockedPool, lockedPool, cancelPool, crashPool };
export { poolKeeper } from './state.js';
export { countPrimes, splitRange, PRIME_RANGE, PRIMES_IN_RANGE } from './primes.js';

/**
 * Worker threads start (and restart after a crash) in real time, which on a
 * loaded two-core machine can take over a second: wait longer than the
 * default before calling a stall a deadlock.
 */
export const poolOptions = { deadlockTimeout: 10_000 } as const;
const options = poolOptions;

/** The pool family: a piscina pool of 1..4 threads counting primes over 1..200 jobs. */
export const poolFamily: readonly BuiltinScenario[] = [
  builtin({ family: 'pool', variant: 'unlocked', expect: 'fail', runs: 300, scenario: unlockedPool, options, startsThreads: true, summary: 'job results merged into a shared list by copy, await, write back: a merge in between is lost' }),
  builtin({ family: 'pool', variant: 'locked', expect: 'pass', runs: 30, scenario: lockedPool, options, startsThreads: true, summary: "the same merge inside async-mutex's runExclusive: every result exactly once, 39 primes in [1,000,000, 1,000,500)" }),
  builtin({ family: 'pool', variant: 'cancel', expect: 'pass', runs: 40, scenario: cancelPool, options, startsThreads: true, summary: 'AbortSignal cancels some jobs at a point the scheduler picks: the others are never lost or duplicated' }),
  builtin({ family: 'pool', variant: 'crash', expect: 'pass', runs: 8, scenario: crashPool, options, startsThreads: true, summary: 'one job throws or calls process.exit in its worker: only that job fails, the pool recovers for the rest' }),
];
