import { builtin, type BuiltinScenario } from '../builtin.js';
import { lockedCounter } from './locked.js';
import { safeCounter } from './safe-counter.js';
import { splitLockCounter } from './split-lock.js';
import { unlockedCounter } from './unlocked.js';

export { unlockedCounter, lockedCounter, splitLockCounter, safeCounter };
export { SafeCounter } from './safe-counter.js';

/** The counter family: `counter = counter + 1` by N tasks × K increments. */
export const counterFamily: readonly BuiltinScenario[] = [
  builtin({ family: 'counter', variant: 'unlocked', expect: 'fail', runs: 2000, scenario: unlockedCounter, summary: 'read, yield, write: two tasks reading the same value lose an update' }),
  builtin({ family: 'counter', variant: 'locked', expect: 'pass', runs: 300, scenario: lockedCounter, summary: "each increment inside async-mutex's runExclusive" }),
  builtin({ family: 'counter', variant: 'split-lock', expect: 'fail', runs: 2000, scenario: splitLockCounter, summary: 'the read is locked, the write is not: a lock that does not cover the read-modify-write' }),
  builtin({ family: 'counter', variant: 'safe-counter', expect: 'pass', runs: 5, scenario: safeCounter, summary: "the seeds' SafeCounter: 10 tasks × 1,000 increments through a class with its own lock, exactly 10,000" }),
];
