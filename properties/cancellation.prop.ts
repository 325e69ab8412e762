import { describe, expect } from 'vitest';
import { raceTest } from '../src/vitest.js';
import { abortableFetch, asCompletedResults, gatherAll, gatherAllSettled, mapLimitAtomic, mapLimitRacy, zombieWrite } from '../src/subjects/cancellation/index.js';

const strategies = ['random', 'pct', 'exhaustive', 'portfolio'] as const;
const passing = ['random', 'pct', 'exhaustive'] as const;

describe('cancellation/zombie-write: abandoned work writes after the timeout', () => {
  for (const strategy of strategies) {
    raceTest(zombieWrite, {
      expect: 'fail',
      strategy,
      runs: 1000,
      seed: 1,
      verify: (result) => {
        expect(result.message).toMatch(/zombie write/);
        // The 5-second timer fires (virtual time), the request falls back, then the fetch writes anyway.
        const labels = result.trace!.map((e) => e.label);
        const timer = result.trace!.findIndex((e) => e.kind === 'timer');
        expect(result.trace![timer]).toMatchObject({ label: 'timer 5000ms', at: 5000 });
        expect(timer).toBeLessThan(labels.indexOf('fallback'));
        expect(labels.lastIndexOf('fetch')).toBeGreaterThan(labels.indexOf('fallback'));
        expect(result.traceSteps).toBeLessThanOrEqual(10);
      },
    });
  }
});

describe('cancellation/all: Promise.all returns at the first failure, the others keep writing', () => {
  for (const strategy of strategies) {
    raceTest(gatherAll, {
      expect: 'fail',
      strategy,
      runs: 1000,
      seed: 1,
      verify: (result) => {
        expect(result.message).toMatch(/zombie write: J\d wrote batch/);
        expect(result.traceSteps).toBeLessThanOrEqual(12);
      },
    });
  }
});

describe('cancellation/map-limit-racy: the cursor read and written across a yield', () => {
  for (const strategy of strategies) {
    raceTest(mapLimitRacy, {
      expect: 'fail',
      strategy,
      runs: 1000,
      seed: 1,
      verify: (result) => expect(result.message).toMatch(/duplicated/),
    });
  }
});

describe('cancellation: the correct forms pass', () => {
  for (const strategy of passing) {
    raceTest(abortableFetch, { expect: 'pass', strategy, runs: 150, seed: 7 });
    raceTest(gatherAllSettled, { expect: 'pass', strategy, runs: 150, seed: 7 });
    raceTest(mapLimitAtomic, { expect: 'pass', strategy, runs: 150, seed: 7 });
    raceTest(asCompletedResults, { expect: 'pass', strategy, runs: 150, seed: 7 });
  }
});
