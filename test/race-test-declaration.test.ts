import { describe, expect, it } from 'vitest';
import { raceTest } from '../src/vitest.js';
import type { Scenario } from '../src/scenario.js';

const atomic: Scenario<{ n: number }> = {
  name: 'atomic',
  setup: () => ({ n: 0 }),
  tasks: [async (ctx, s) => { await ctx.step('add'); s.n++; }, async (ctx, s) => { await ctx.step('add'); s.n++; }],
  invariant: (s) => s.n === 2,
};

describe('RACEKIT_SEED pins the seed of every raceTest given none; names carry no seed', () => {
  process.env.RACEKIT_SEED = '4242';
  try {
    raceTest('pinned by the environment', atomic, {
      runs: 3,
      verify: (result) => {
        expect(result.seed).toBe(4242);
        expect(expect.getState().currentTestName).toMatch(/> pinned by the environment$/);
      },
    });
    raceTest.each(['random', 'pct'] as const)('pinned under %s', atomic, (strategy) => ({ strategy, runs: 3, verify: (result) => expect(result.seed).toBe(4242) }));
    raceTest('a seed given wins', atomic, { seed: 7, runs: 3, verify: (result) => expect(result.seed).toBe(7) });
  } finally {
    delete process.env.RACEKIT_SEED;
  }

  it('a RACEKIT_SEED that is no seed is an error naming it, as the test is declared', () => {
    process.env.RACEKIT_SEED = 'abc';
    try {
      expect(() => raceTest('never declared', atomic)).toThrow(/RACEKIT_SEED must be an integer from 0 to 4294967295, got "abc"/);
    } finally {
      delete process.env.RACEKIT_SEED;
    }
  });
});

describe('a raceTest with a bad option', () => {
  it('is an error as the test is declared, pointing at the raceTest line, not into racekit', () => {
    let error: Error | undefined;
    try {
      raceTest('never declared', atomic, { runs: -1 });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toBe('runs must be an integer ≥ 1, got -1 (number)');
    // The first frame is this file's, where vitest shows its code frame.
    expect(error?.stack?.split('\n')[1]).toContain('race-test-declaration.test.ts');
  });

  // Declared as the file is collected, as a user's table is: the bad row throws before any test of it is declared.
  let eachError: Error | undefined;
  try {
    raceTest.each([0])('row %i', atomic, (n) => ({ runs: n }));
  } catch (e) {
    eachError = e as Error;
  }
  it('of a .each row is too, at the .each line', () => {
    expect(eachError?.message).toBe('runs must be an integer ≥ 1, got 0 (number)');
    expect(eachError?.stack?.split('\n')[1]).toContain('race-test-declaration.test.ts');
  });
});
