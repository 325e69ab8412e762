import { afterAll, describe, expect } from 'vitest';
import { raceTest } from '../src/vitest.js';
import { check } from '../src/check.js';
import { controlledAtomic, controlledUnlocked } from '../src/subjects/shared-memory-controlled/index.js';
import { threadSets } from '../src/threads/controlled/thread-set.js';

const options = { deadlockTimeout: 10_000 };

describe('shared-memory-controlled/unlocked: the lost update between two real threads', () => {
  for (const strategy of ['pct', 'exhaustive'] as const) {
    raceTest(controlledUnlocked, {
      expect: 'fail',
      strategy,
      runs: 200,
      ...options,
      verify: async (result) => {
        expect(result.kind).toBe('invariant');
        expect(result.message).toMatch(/increment lost/);
        expect(result.workload).toEqual({ threads: 2, increments: 1 });
        expect(result.traceSteps).toBe(4);
        expect(result.preemptions).toBe(1);
        expect(result.trace?.map((e) => e.label)).toEqual(['read', 'read', 'write', 'write']);
        // Each read saw 0 and each write stored 1: the values come from the threads' own notes.
        expect(result.trace?.map((e) => e.value)).toEqual([0, 0, 1, 1]);
        if (strategy !== 'pct') return;
        // Replayed from its token, the interleaving of real threads is identical every time.
        for (let i = 0; i < 20; i++) {
          const replayed = await check(controlledUnlocked, { replay: result.replay, ...options });
          expect(replayed.failed).toBe(true);
          expect(replayed.divergedAt).toBeUndefined();
          expect(replayed.trace).toEqual(result.trace);
        }
      },
    });
  }
});

describe('shared-memory-controlled/atomic: Atomics.add under every interleaving', () => {
  raceTest(controlledAtomic, { expect: 'pass', runs: 30, ...options });
});

afterAll(async () => {
  await threadSets.settled();
});
