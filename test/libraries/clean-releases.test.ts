import { describe, expect, it } from 'vitest';
import type { FailedCheck } from '../../src/index.js';
import { checkInstrumented, type PlannedCheck } from '../support/instrumented.js';

// Correct releases of four concurrency libraries, every await of theirs (and
// of the example) a yield point: a failure on any of them would be a false
// alarm. The wrong limiter and the pool's timeout show the same audit fails
// where it should.
const module = 'examples/libraries/clean-releases.ts';
const globs = ['node_modules/p-queue/**', 'node_modules/p-limit/**', 'node_modules/async-mutex/**', 'node_modules/generic-pool/**', module];
const clean = ['pQueue', 'pLimitTwo', 'mutex', 'semaphore', 'pool'];
const strategies = ['portfolio', 'random', 'pct', 'exhaustive'] as const;

describe('correct npm releases stay clean under every strategy', () => {
  it('p-queue, p-limit, async-mutex (Mutex, Semaphore) and generic-pool under virtual time: 1,000 runs each, no failure, nothing left unexplored; the wrong limiter and a pool client timing out are found', async () => {
    const plan: PlannedCheck[] = [
      ...clean.flatMap((variant) => strategies.map((strategy) => ({ variant, options: { strategy, runs: 1000, seed: 4 } }))),
      { variant: 'wrongLimiter', options: { seed: 4 } },
      { variant: 'poolTimeout', options: { seed: 4 } },
    ];
    const { results, realTimers } = await checkInstrumented(module, globs, plan);
    expect(realTimers).toBe(true);
    results.slice(0, clean.length * strategies.length).forEach((r, i) => {
      const what = `${plan[i]!.variant} under ${plan[i]!.options!.strategy}`;
      expect(r.failed, `${what}: ${r.message}`).toBe(false);
      expect(r.warnings, what).toEqual([]);
      // The exhaustive walk may cover a small scenario in fewer runs.
      if (!r.exhausted) expect(r.runs, what).toBe(1000);
    });
    const [wrong, timeout] = results.slice(-2) as [FailedCheck, FailedCheck];
    expect(wrong).toMatchObject({ failed: true, kind: 'invariant', message: '3 jobs ran at once (limit 2), 4 of 4 done' });
    expect(timeout).toMatchObject({ failed: true, kind: 'invariant' });
    expect(timeout.message).toMatch(/^an acquire timed out: .*TimeoutError/);
    // The limiter's own awaits are in the failing trace: what made it fail is the example's code, not a guess.
    expect(wrong.trace.some((e) => e.kind === 'await' && e.label.includes('clean-releases.ts'))).toBe(true);
  });
});
