import { beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { auditTargets } from '../../src/audit/targets.js';
import type { CheckResult, FailedCheck } from '../../src/model/check-result.js';
import * as memoCache from '../../examples/hand-placed/memo-cache.js';
import * as rateLimiter from '../../examples/hand-placed/rate-limiter.js';
import * as connectionPool from '../../examples/hand-placed/connection-pool.js';
import * as plainConnectionPool from '../../examples/connection-pool.js';
import * as plainMemoCache from '../../examples/memo-cache.js';
import * as plainRateLimiter from '../../examples/rate-limiter.js';
import * as userSignup from '../../examples/hand-placed/user-signup.js';
import { checkInstrumented } from '../support/instrumented.js';
import { expectAwaitsOf, expectNoHandPlacedYieldPoints, expectSameFailure } from '../support/plain-example.js';

/** Each example: its hand-placed form, and what its bug's message says. */
const examples = {
  'memo-cache': { handPlaced: memoCache, message: /^not linearizable/ },
  'rate-limiter': { handPlaced: rateLimiter, message: /^not linearizable/ },
  'connection-pool': { handPlaced: connectionPool, message: /^task [A-Z] threw: connection \d+ handed to [A-Z] while [A-Z] still holds it$/ },
  // Its hash is a thread-pool job the process does not list: awaited by every task at once, it is unlisted work, not a deadlock.
  'user-signup': { handPlaced: userSignup, message: /^not linearizable \(partition "(ada|bob)"\)/ },
};

describe.each(Object.entries(examples))('examples/%s.ts', (name, { handPlaced, message }) => {
  const module = `examples/${name}.ts`;

  describe('plain code under instrumentation (node --import racekit/register)', () => {
    let buggy: FailedCheck;
    let replayed: CheckResult;
    let fixed: CheckResult;

    beforeAll(async () => {
      const { results } = await checkInstrumented(module, [module], [{ variant: 'buggy', options: { seed: 1 } }, { variant: 'buggy', replayOf: 0 }, { variant: 'fixed', options: { seed: 1 } }]);
      [buggy, replayed, fixed] = results as [FailedCheck, CheckResult, CheckResult];
    });

    it('the code under test places no yield point: no ctx.step, ctx.wrap or wrapObject', () => {
      expectNoHandPlacedYieldPoints(module);
    });

    it("the bug is found on a trace of the module's own awaits, and its replay token reproduces it", () => {
      expect(buggy.failed).toBe(true);
      expect(buggy.message).toMatch(message);
      expect(buggy.warnings).toEqual([]);
      expectAwaitsOf(buggy, module);
      expectSameFailure(replayed, buggy);
    });

    it('the fix passes every run, with no warning', () => {
      expect(fixed.failed, fixed.message).toBe(false);
      expect(fixed.runs).toBe(1000);
      expect(fixed.warnings).toEqual([]);
    });
  });

  describe(`hand-placed (examples/hand-placed/${name}.ts), no instrumentation`, () => {
    const targets = auditTargets(handPlaced as Record<string, unknown>, `examples/hand-placed/${name}.ts`);

    it('exports a buggy variant expected to fail and a fixed one expected to pass', () => {
      expect(targets.map((t) => [t.name, t.expect])).toEqual([
        [`${name}/buggy`, 'fail'],
        [`${name}/fixed`, 'pass'],
      ]);
    });

    it('the bug is found and shrunk to a short trace', async () => {
      const buggy = targets.find((t) => t.variant === 'buggy')!;
      const r = await check(buggy.scenario, { seed: 1, runs: buggy.runs });
      expect(r.failed).toBe(true);
      expect(r.traceSteps).toBeLessThanOrEqual(12);
      expect(r.message).toMatch(message);
      expect(r.trace!.some((e) => e.kind === 'call')).toBe(true);
    });

    it('the fix passes', async () => {
      const fixed = targets.find((t) => t.variant === 'fixed')!;
      const r = await check(fixed.scenario, { seed: 1, runs: 50 });
      expect(r.failed, r.message).toBe(false);
    });
  });
});

describe('plain examples without instrumentation (vitest loads them untransformed)', () => {
  it('connection-pool: plain Node order alone hands a connection out twice; the result says nothing was interleaved', async () => {
    const r = await check(plainConnectionPool.buggy, { seed: 1, runs: 100 });
    expect(r.failed).toBe(true);
    expect(r.traceSteps).toBe(0);
    expect(r.warnings).toEqual([expect.stringMatching(/^nothing was interleaved: no yield point was reached in 1 run\./)]);
  });

  it.each([
    ['memo-cache', plainMemoCache],
    ['rate-limiter', plainRateLimiter],
  ])('%s: the bug is missed (only the operations start in an order the scheduler picks)', async (name, exports) => {
    const [buggy] = auditTargets(exports as Record<string, unknown>, `examples/${name}.ts`);
    const r = await check(buggy!.scenario, { seed: 1, runs: 300 });
    expect(r.failed, r.message).toBe(false);
    // The operation spec's own yield points sit between operations; it says that no two operations were ever in flight at once.
    expect(r.warnings).toEqual([expect.stringMatching(/^nothing was interleaved: no two operations were ever in flight at once: .* \(300 runs\)$/)]);
  });
});
