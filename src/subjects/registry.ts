import { UnknownScenarioError } from '../errors.js';
import type { BuiltinScenario } from './builtin.js';
import { counterFamily } from './counter/index.js';
import { queueFamily } from './queue/index.js';
import { semaphoreFamily } from './semaphore/index.js';
import { eventFamily } from './event/index.js';
import { conditionFamily } from './condition/index.js';
import { cancellationFamily } from './cancellation/index.js';
import { serverHttpFamily } from './server-http/index.js';
import { serverTcpFamily } from './server-tcp/index.js';
import { serverWsFamily } from './server-ws/index.js';
import { mapFamily } from './map/index.js';
import { poolFamily } from './pool/index.js';
import { sharedMemoryFamily } from './shared-memory/index.js';
import { sharedMemoryControlledFamily } from './shared-memory-controlled/index.js';

export type { BuiltinScenario, Expectation } from './builtin.js';

/** Every built-in scenario, family by family. */
export function builtinScenarios(): readonly BuiltinScenario[] {
  return [...counterFamily, ...serverHttpFamily, ...serverWsFamily, ...serverTcpFamily, ...queueFamily, ...semaphoreFamily, ...eventFamily, ...conditionFamily, ...cancellationFamily, ...mapFamily, ...poolFamily, ...sharedMemoryFamily, ...sharedMemoryControlledFamily];
}

/**
 * The scenarios a list of names selects: a family name selects the whole
 * family, `family/variant` one scenario; no names selects all. An unknown
 * name throws {@link UnknownScenarioError}.
 */
export function selectScenarios(names: readonly string[]): BuiltinScenario[] {
  const all = builtinScenarios();
  if (names.length === 0) return [...all];
  const picked = new Set<BuiltinScenario>();
  for (const name of names) {
    const matches = all.filter((s) => s.name === name || s.family === name);
    if (matches.length === 0) throw new UnknownScenarioError(name, [...new Set(all.map((s) => s.family))]);
    for (const m of matches) picked.add(m);
  }
  return all.filter((s) => picked.has(s));
}
