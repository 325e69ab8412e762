import { builtin, type BuiltinScenario } from '../builtin.js';
import { asCompletedScenario } from './as-completed-scenario.js';
import { gatherScenario } from './gather-scenario.js';
import { claimAcrossYield, claimAtomically } from './map-limit.js';
import { mapLimitScenario } from './map-limit-scenario.js';
import { timeoutScenario } from './timeout-scenario.js';

export { asCompleted } from './as-completed.js';
export { mapLimit } from './map-limit.js';
export { startJob } from './start-job.js';

/** A timed-out fetch keeps running and writes after its request fell back. */
export const zombieWrite = timeoutScenario('cancellation/zombie-write', false);
/** The fetch checks its AbortSignal right before writing. */
export const abortableFetch = timeoutScenario('cancellation/abortable', true);
/** `Promise.all` returns at the first failure; the other jobs write into a closed batch. */
export const gatherAll = gatherScenario('cancellation/all', 'all');
/** `Promise.allSettled` waits for every job before the batch closes. */
export const gatherAllSettled = gatherScenario('cancellation/all-settled', 'allSettled');
/** Bounded-concurrency map whose runners claim indices atomically. */
export const mapLimitAtomic = mapLimitScenario('cancellation/map-limit', claimAtomically);
/** The same map with the cursor read, yielded on, then written: an item done twice, another skipped. */
export const mapLimitRacy = mapLimitScenario('cancellation/map-limit-racy', claimAcrossYield);
/** Results through an as_completed iterator. */
export const asCompletedResults = asCompletedScenario('cancellation/as-completed');

/** The cancellation family: gather, timeouts, bounded maps, as_completed. */
export const cancellationFamily: readonly BuiltinScenario[] = [
  builtin({ family: 'cancellation', variant: 'zombie-write', expect: 'fail', runs: 1000, scenario: zombieWrite, summary: 'a timeout abandons a fetch that keeps running and writes the cache after the request fell back: the zombie write' }),
  builtin({ family: 'cancellation', variant: 'abortable', expect: 'pass', runs: 300, scenario: abortableFetch, summary: 'the fetch checks its AbortSignal right before its write: nothing is written after the timeout' }),
  builtin({ family: 'cancellation', variant: 'all', expect: 'fail', runs: 1000, scenario: gatherAll, summary: 'Promise.all settles at the first failure while the other jobs still run: they write into the closed batch' }),
  builtin({ family: 'cancellation', variant: 'all-settled', expect: 'pass', runs: 300, scenario: gatherAllSettled, summary: 'Promise.allSettled waits for every job before the batch closes' }),
  builtin({ family: 'cancellation', variant: 'map-limit', expect: 'pass', runs: 300, scenario: mapLimitAtomic, summary: 'a bounded-concurrency map: L runners claim indices atomically; every item once, in order, at most L in flight' }),
  builtin({ family: 'cancellation', variant: 'map-limit-racy', expect: 'fail', runs: 1000, scenario: mapLimitRacy, summary: 'the runners read the shared cursor, yield, then write it back: one item mapped twice' }),
  builtin({ family: 'cancellation', variant: 'as-completed', expect: 'pass', runs: 300, scenario: asCompletedResults, summary: 'an as_completed iterator yields every result exactly once, in completion order' }),
];
