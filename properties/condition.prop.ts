import { describe, expect } from 'vitest';
import { raceTest } from '../src/vitest.js';
import { ifCondition, whileCondition } from '../src/subjects/condition/index.js';

const strategies = ['random', 'pct', 'exhaustive', 'portfolio'] as const;

describe('condition/if: the predicate not re-checked after a wake', () => {
  for (const strategy of strategies) {
    raceTest(ifCondition, {
      expect: 'fail',
      strategy,
      runs: 2000,
      seed: 1,
      verify: (result) => {
        expect(result.kind).toBe('invariant');
        expect(result.message).toMatch(/got undefined/);
        expect(result.trace!.some((e) => e.label === 'take' && e.value === 'nothing: buffer empty')).toBe(true);
        expect(result.traceSteps).toBeLessThanOrEqual(14);
      },
    });
  }
});

describe('condition/while: re-checked after every wake; notify(n) wakes at most n', () => {
  for (const strategy of ['random', 'pct', 'exhaustive'] as const) raceTest(whileCondition, { expect: 'pass', strategy, runs: 200, seed: 7 });
});
