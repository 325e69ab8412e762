import { describe, expect, it } from 'vitest';
import { EarliestFailure } from '../harness/parallel/earliest-failure.js';
import { mergedRun, workerRuns, workerSeed, workersFor } from '../harness/parallel/shares.js';

describe('how --workers deals out a check', () => {
  it.each([
    [1, 1],
    [7, 2],
    [8, 2],
    [10, 3],
    [301, 4],
  ])('%i runs over %i workers: the shares add up, and the merged order numbers every run 1..runs once', (runs, count) => {
    const numbers: number[] = [];
    for (let index = 0; index < count; index++) {
      const slot = { index, count };
      for (let r = 1; r <= workerRuns(runs, slot); r++) numbers.push(mergedRun(r, slot));
    }
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: runs }, (_, i) => i + 1));
  });

  it('no more workers than runs; worker 0 keeps the seed, the others get distinct ones', () => {
    expect([workersFor(4, 2), workersFor(2, 1000), workersFor(3, 0)]).toEqual([2, 2, 1]);
    const seeds = [0, 1, 2, 3].map((index) => workerSeed(42, { index, count: 4 }));
    expect(seeds[0]).toBe(42);
    expect(new Set(seeds).size).toBe(4);
  });

  it('the earliest failure is shared through memory and only ever lowered', () => {
    const a = new EarliestFailure();
    const b = new EarliestFailure(a.buffer);
    expect(a.run).toBe(Infinity);
    a.lower(2 ** 31);
    expect(a.run).toBe(Infinity);
    b.lower(9);
    a.lower(12);
    expect([a.run, b.run]).toEqual([9, 9]);
    a.lower(4);
    expect(b.run).toBe(4);
  });
});
