import { describe, expect } from 'vitest';
import { raceTest } from '../src/vitest.js';
import { check } from '../src/check.js';
import { leakOnCancelSemaphore, lockedSemaphore, unlockedSemaphore } from '../src/subjects/semaphore/index.js';

// Seeds are pinned so every run of the suite explores the same schedules (no flaky red).

describe('semaphore/unlocked: a permit counter checked, then decremented after a yield', () => {
  // A depth-3 bug (A checks < B takes < A takes < B releases): PCT needs d = 3.
  // Bounded exhaustive search spends its budget deep in the first, large
  // workload and misses it on most seeds (see the issue note); portfolio mixes both.
  for (const strategy of ['random', 'pct', 'portfolio'] as const) {
    raceTest(unlockedSemaphore, {
      expect: 'fail',
      strategy,
      depth: 3,
      runs: 2000,
      seed: 1,
      verify: async (result) => {
        expect(result.kind).toBe('invariant');
        expect(result.message).toMatch(/holders at once/);
        expect(result.traceSteps).toBeLessThanOrEqual(10);
        const replayed = await check(unlockedSemaphore, { replay: result.replay });
        expect(replayed.trace).toEqual(result.trace);
      },
    });
  }
});

describe('semaphore/leak-on-cancel: the permit granted to a cancelled waiter is never returned', () => {
  for (const strategy of ['random', 'pct', 'portfolio'] as const) {
    raceTest(leakOnCancelSemaphore, {
      expect: 'fail',
      strategy,
      runs: 2000,
      seed: 1,
      verify: (result) => {
        // Either the count is short at the end, or a later waiter starves on the missing permit.
        expect(['invariant', 'deadlock']).toContain(result.kind);
        if (result.kind === 'invariant') expect(result.message).toMatch(/permit leaked/);
        expect(result.trace!.some((e) => /^(cancel|timeout) /.test(e.label))).toBe(true);
        expect(result.traceSteps).toBeLessThanOrEqual(12);
      },
    });
  }
});

describe('semaphore/locked: never more than L holders, every permit back after cancels and timeouts', () => {
  raceTest(lockedSemaphore, { expect: 'pass', strategy: 'random', runs: 60, seed: 7 });
  raceTest(lockedSemaphore, { expect: 'pass', strategy: 'pct', runs: 200, seed: 7 });
  raceTest(lockedSemaphore, { expect: 'pass', strategy: 'exhaustive', runs: 200, seed: 7 });
});
