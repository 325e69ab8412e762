import { builtin, type BuiltinScenario } from '../builtin.js';
import { LockedQueue } from './locked-queue.js';
import { queueScenario } from './scenario.js';
import { UnlockedQueue } from './unlocked-queue.js';

export { LockedQueue, UnlockedQueue, queueScenario };
export { queueWorkload, STOP, type QueueWorkload } from './workload.js';

/** Check-then-act on the queue's length across a yield. */
export const unlockedQueue = queueScenario('queue/unlocked', (cap, h) => new UnlockedQueue(cap, h), 'awaits-every-put');
/** async-mutex plus conditions in `while` loops. */
export const lockedQueue = queueScenario('queue/locked', (cap, h) => new LockedQueue(cap, h), 'awaits-every-put');
/** The locked queue, but a producer forgets to await its last put: the sentinel can overtake it. */
export const earlySentinelQueue = queueScenario('queue/early-sentinel', (cap, h) => new LockedQueue(cap, h), 'last-put-unawaited');

/** The queue family: producers P0.., consumers C0.., a sentinel per consumer or close. */
export const queueFamily: readonly BuiltinScenario[] = [
  // A double take orders four steps (two checks before two shifts): PCT finds it far sooner with d = 3.
  builtin({ family: 'queue', variant: 'unlocked', expect: 'fail', runs: 2000, options: { depth: 3 }, scenario: unlockedQueue, summary: 'check-then-act on length across a yield: two consumers take the last item (one gets undefined), or a wake-up is lost' }),
  builtin({ family: 'queue', variant: 'locked', expect: 'pass', runs: 150, scenario: lockedQueue, summary: 'async-mutex plus not-empty/not-full conditions waited on in while loops: nothing lost, FIFO per producer, capacity kept' }),
  builtin({ family: 'queue', variant: 'early-sentinel', expect: 'fail', runs: 2000, scenario: earlySentinelQueue, summary: 'a producer forgets to await its last put, so it reports done early and the sentinel overtakes its last item' }),
];
