/**
 * vitest integration, `racekit/vitest`: `raceTest` declares a test that
 * checks a scenario, and importing this entry adds racekit's matchers to
 * `expect` (`toBeRaceFree`, `toHaveRace`, `toBeLinearizable`).
 * @packageDocumentation
 */
import { expect } from 'vitest';
import { raceMatchers, type RaceMatchers } from './vitest/matchers.js';
import { followConcurrentTests } from './vitest/test-signal.js';

export { raceTest, type RaceTest, type RaceTestFunction, type RaceTestOptions, type EachRow } from './vitest/race-test.js';
export type { RaceMatchers, RaceExpectation, RaceAssertion } from './vitest/matchers.js';

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any
  interface Matchers<T = any> extends RaceMatchers<T> {}
}

// The side effects of this entry (package.json lists it in sideEffects): the matchers join vitest's expect, and an
// aroundEach hook on the test file that loads it lets them find their own test under describe.concurrent.
expect.extend(raceMatchers);
followConcurrentTests();
