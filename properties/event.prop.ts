import { describe, expect } from 'vitest';
import { raceTest } from '../src/vitest.js';
import { lockedEvent, unlockedEvent } from '../src/subjects/event/index.js';

const strategies = ['random', 'pct', 'exhaustive', 'portfolio'] as const;

describe('event/unlocked: set() between the flag check and the subscription', () => {
  for (const strategy of strategies) {
    raceTest(unlockedEvent, {
      expect: 'fail',
      strategy,
      runs: 1000,
      seed: 1,
      verify: (result) => {
        // The lost wake-up: a waiter sleeps for ever, reported as a deadlock with its trace.
        expect(result.kind).toBe('deadlock');
        const labels = result.trace!.map((e) => e.label);
        expect(labels.slice(-3)).toEqual(['wait', 'set', 'subscribe']);
        expect(result.traceSteps).toBeLessThanOrEqual(4);
        expect(result.workload).toMatchObject({ waiters: 1 });
      },
    });
  }
});

describe('event/locked: every waiter wakes, none before set()', () => {
  for (const strategy of ['random', 'pct', 'exhaustive'] as const) raceTest(lockedEvent, { expect: 'pass', strategy, runs: 200, seed: 7 });
});
