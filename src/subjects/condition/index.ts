import { builtin, type BuiltinScenario } from '../builtin.js';
import { conditionScenario, wakesWithinNotifies } from './scenario.js';

export { Condition } from './condition.js';
export { conditionScenario, wakesWithinNotifies };

/** `if` instead of `while`: a woken consumer does not re-check, and another one took its item. */
export const ifCondition = conditionScenario('condition/if', false);
/** The predicate re-checked after every wake. */
export const whileCondition = conditionScenario('condition/while', true);

/** The condition family: consumers waiting for items under a mutex. */
export const conditionFamily: readonly BuiltinScenario[] = [
  builtin({ family: 'condition', variant: 'if', expect: 'fail', runs: 2000, scenario: ifCondition, summary: 'wait under `if`: while the woken consumer queues for the mutex, another takes its item, and it takes from an empty buffer' }),
  builtin({ family: 'condition', variant: 'while', expect: 'pass', runs: 300, scenario: whileCondition, summary: 'wait in a `while` loop: the predicate is re-checked after every wake; notify(n) wakes at most n' }),
];
