import { builtin, type BuiltinScenario } from '../builtin.js';
import { operationScenario } from '../../audit/operation-spec.js';
import { lockedMap } from './locked.js';
import { unlockedMap } from './unlocked.js';

export { unlockedMap, lockedMap };
export { mapModel, type CounterMap } from './model.js';

/** The map family: get/set/incr on a map over an async store, checked for linearizability. */
export const mapFamily: readonly BuiltinScenario[] = [
  builtin({ family: 'map', variant: 'unlocked', expect: 'fail', runs: 2000, scenario: operationScenario(unlockedMap), summary: 'incr reads the store, awaits, writes: a history no sequential map explains (not linearizable)' }),
  builtin({ family: 'map', variant: 'locked', expect: 'pass', runs: 1000, scenario: operationScenario(lockedMap), summary: 'every operation under its key’s mutex: every history linearizable' }),
];
