import { builtin, type BuiltinScenario } from '../builtin.js';
import { CountingSemaphore } from './counting-semaphore.js';
import { LockedSemaphore } from './locked-semaphore.js';
import { semaphoreScenario } from './scenario.js';

export { CountingSemaphore, LockedSemaphore, semaphoreScenario };
export { acquireWithSignal } from './acquire-with-signal.js';
export { semaphoreWorkload, type SemaphoreWorkload } from './workload.js';

/** A hand-rolled permit counter, checked then decremented across a yield. */
export const unlockedSemaphore = semaphoreScenario('semaphore/unlocked', (limit) => new CountingSemaphore(limit), false);
/** async-mutex's Semaphore; a waiter cancelled before its grant hands the late permit back. */
export const lockedSemaphore = semaphoreScenario('semaphore/locked', (limit) => new LockedSemaphore(limit), true);
/** The same, but the permit granted to a waiter that was cancelled is never released. */
export const leakOnCancelSemaphore = semaphoreScenario('semaphore/leak-on-cancel', (limit) => new LockedSemaphore(limit, false), true);

/** The semaphore family: T tasks, L permits, cancels and timeouts. */
export const semaphoreFamily: readonly BuiltinScenario[] = [
  // A depth-3 bug (A checks < B takes < A takes < B releases): PCT with d = 2 cannot order it.
  builtin({ family: 'semaphore', variant: 'unlocked', expect: 'fail', runs: 5000, options: { depth: 3 }, scenario: unlockedSemaphore, summary: 'a hand-rolled counter checked, then decremented after a yield: two tasks take the last permit, L+1 hold at once' }),
  builtin({ family: 'semaphore', variant: 'locked', expect: 'pass', runs: 300, scenario: lockedSemaphore, summary: "async-mutex's Semaphore; cancelled waiters hand their late permit back, holders release in finally: never more than L, every permit back" }),
  builtin({ family: 'semaphore', variant: 'leak-on-cancel', expect: 'fail', runs: 2000, scenario: leakOnCancelSemaphore, summary: 'a waiter cancelled before its grant never releases the permit granted to it later: one permit fewer for ever' }),
];
