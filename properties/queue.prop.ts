import { describe, expect, test } from 'vitest';
import { raceTest } from '../src/vitest.js';
import { check } from '../src/check.js';
import type { Scenario } from '../src/scenario.js';
import { History } from '../src/oracles/history.js';
import { earlySentinelQueue, lockedQueue, LockedQueue, STOP, unlockedQueue } from '../src/subjects/queue/index.js';

// Seeds are pinned so every run of the suite explores the same schedules (no flaky red).
const racyStrategies = ['random', 'pct', 'exhaustive', 'portfolio'] as const;

describe('queue/unlocked: check-then-act on the length', () => {
  for (const strategy of racyStrategies) {
    raceTest(unlockedQueue, {
      expect: 'fail',
      strategy,
      depth: 3,
      runs: 2000,
      seed: 1,
      verify: async (result) => {
        expect(result.kind).toBe('invariant');
        expect(result.message).toMatch(/undefined|capacity exceeded|lost|duplicated/);
        expect(result.traceSteps).toBeLessThanOrEqual(30);
        const replayed = await check(unlockedQueue, { replay: result.replay });
        expect(replayed.trace).toEqual(result.trace);
      },
    });
  }
});

describe('queue/early-sentinel: a producer reports done before its last put landed', () => {
  for (const strategy of ['random', 'pct', 'portfolio'] as const) {
    raceTest(earlySentinelQueue, {
      expect: 'fail',
      strategy,
      runs: 3000,
      seed: 1,
      verify: (result) => {
        expect(result.kind).toBe('invariant');
        const lost = /item lost \(put, never got\): (\S+)/.exec(result.message ?? '')?.[1];
        expect(lost, result.message).toBeDefined();
        // Shrunk to the whole story: the coordinator puts the sentinel, the forgotten put lands after it, the consumer takes the sentinel and stops.
        expect(result.trace!.map((e) => `${result.taskNames![e.task]} ${e.label} ${String(e.value)}`)).toEqual([`A put ${STOP}`, `P0 put ${lost!}`, `C0 get ${STOP}`]);
      },
    });
  }
});

describe('queue/locked: nothing lost, FIFO per producer, capacity kept, every consumer ends', () => {
  raceTest(lockedQueue, { expect: 'pass', strategy: 'random', runs: 60, seed: 7 });
  raceTest(lockedQueue, { expect: 'pass', strategy: 'pct', runs: 100, seed: 7 });
  raceTest(lockedQueue, { expect: 'pass', strategy: 'exhaustive', runs: 100, seed: 7 });
});

/** One sentinel too few: the last consumer waits for ever. */
const missingSentinel: Scenario<{ queue: LockedQueue; history: History }> = {
  name: 'queue/missing-sentinel',
  setup: () => {
    const history = new History();
    return { queue: new LockedQueue(Infinity, history), history };
  },
  tasks: [
    async (ctx, s) => {
      ctx.spawn(async (c) => {
        while ((await s.queue.get(c, 'C0')) !== STOP);
      }, 'C0');
      ctx.spawn(async (c) => {
        while ((await s.queue.get(c, 'C1')) !== STOP);
      }, 'C1');
      await s.queue.put(ctx, 'main', 'P0#0');
      await s.queue.put(ctx, 'main', STOP);
    },
  ],
};

test('a consumer waiting for ever is reported as a deadlock, with its trace', async () => {
  const result = await check(missingSentinel, { strategy: 'random', runs: 50, seed: 1 });
  expect(result.kind).toBe('deadlock');
  expect(result.message).toMatch(/C[01] blocked and nothing pending/);
  expect(result.trace!.length).toBeGreaterThan(0);
  expect(result.taskNames).toContain('C1');
});
