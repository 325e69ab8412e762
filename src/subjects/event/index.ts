import { builtin, type BuiltinScenario } from '../builtin.js';
import { AsyncEvent } from './async-event.js';
import { SplitEvent } from './split-event.js';
import { eventScenario } from './scenario.js';

export { AsyncEvent, SplitEvent, eventScenario };

/** Check the flag, yield, subscribe: a set() in between is a lost wake-up (deadlock). */
export const unlockedEvent = eventScenario('event/unlocked', () => new SplitEvent());
/** Check and subscribe with no yield between. */
export const lockedEvent = eventScenario('event/locked', () => new AsyncEvent());

/** The event family: waiters and one `set()`. */
export const eventFamily: readonly BuiltinScenario[] = [
  builtin({ family: 'event', variant: 'unlocked', expect: 'fail', runs: 1000, scenario: unlockedEvent, summary: 'wait checks the flag, yields, then subscribes: a set() in between wakes nobody and the waiter sleeps for ever (deadlock)' }),
  builtin({ family: 'event', variant: 'locked', expect: 'pass', runs: 300, scenario: lockedEvent, summary: 'flag check and subscription with no yield between: every waiter wakes, none before set(), a late waiter does not block' }),
];
