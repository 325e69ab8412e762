import { describe, expect } from 'vitest';
import { raceTest } from '../src/vitest.js';
import { check } from '../src/check.js';
import { lockedCounter, safeCounter, splitLockCounter, unlockedCounter } from '../src/subjects/counter/index.js';

const strategies = ['random', 'pct', 'exhaustive', 'portfolio'] as const;

describe('counter/unlocked: the lost update', () => {
  for (const strategy of strategies) {
    raceTest(unlockedCounter, {
      expect: 'fail',
      strategy,
      runs: 2000,
      verify: async (result) => {
        expect(result.kind).toBe('invariant');
        expect(result.message).toMatch(/increment lost/);
        // A reads, B reads, B writes, A writes: the shortest lost update, with one preemption.
        expect(result.traceSteps).toBe(4);
        expect(result.preemptions).toBe(1);
        expect(result.workload).toEqual({ tasks: 2, increments: 1 });
        const replayed = await check(unlockedCounter, { replay: result.replay });
        expect(replayed.failed).toBe(true);
        expect(replayed.trace).toEqual(result.trace);
      },
    });
  }
});

describe('counter/locked: async-mutex makes the increment atomic', () => {
  for (const strategy of strategies) raceTest(lockedCounter, { expect: 'pass', strategy, runs: 150 });
});

describe('counter/split-lock: a lock that covers only the read', () => {
  raceTest(splitLockCounter, {
    expect: 'fail',
    runs: 2000,
    verify: (result) => {
      expect(result.traceSteps).toBe(4);
      expect(result.trace?.map((e) => e.label)).toEqual(['locked read', 'locked read', 'write', 'write']);
    },
  });
});

describe('counter/safe-counter: 10 tasks × 1,000 increments', () => {
  raceTest(safeCounter, {
    expect: 'pass',
    runs: 3,
    verify: (result) => {
      expect(result.runs).toBe(3);
      // Every run took two decisions per increment: who asks for the lock, then the step inside it.
      expect(result.steps).toBe(3 * 2 * 10_000);
      // Ten tasks asking for the lock at once: interleaved, so no warning.
      expect(result.warnings).toEqual([]);
    },
  });
});
