import { InvalidReplayError } from '../src/errors.js';
import type { Scenario } from '../src/scenario.js';

/** Loads a scenario exported by a user module (recorded in audit reports). */
export async function loadScenario(module: string, name: string): Promise<Scenario<unknown, unknown>> {
  throw new InvalidReplayError(`report comes from module ${module} (scenario "${name}"); replaying audited modules needs racekit audit`);
}
