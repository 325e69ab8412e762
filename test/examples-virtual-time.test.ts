import { beforeAll, describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { auditTargets } from '../src/audit/targets.js';
import type { CheckResult, FailedCheck } from '../src/model/check-result.js';
import type { TraceEvent } from '../src/model/trace.js';
import * as poolAcquireTimeout from '../examples/hand-placed/pool-acquire-timeout.js';
import * as swrCache from '../examples/hand-placed/swr-cache.js';
import * as plainPoolAcquireTimeout from '../examples/pool-acquire-timeout.js';
import * as plainSwrCache from '../examples/swr-cache.js';
import { checkInstrumented } from './support/instrumented.js';
import { expectAwaitsOf, expectNoHandPlacedYieldPoints, expectSameFailure } from './support/plain-example.js';

// The real one, as the module found it (no check has installed a clock yet).
const realSetTimeout = globalThis.setTimeout;

/**
 * Each example, its two forms, what its bug's message says, and the timer the race turns on: in the hand-placed form a
 * wrapped call's answer may come after any timer; in the plain form the network's latency decides (pool: a connection
 * slower than the acquire timeout; swr: a stale read sent at the same instant as a write, answered after it). No timer
 * comes before an instrumented await whose value has settled, as in Node, so the plain pool's clients, each woken by its own
 * timer, never have two yield points pending at once, and its check says nothing was interleaved.
 */
const examples = {
  'pool-acquire-timeout': { handPlaced: poolAcquireTimeout, plain: plainPoolAcquireTimeout, message: /connection \d+ was handed to a waiter that timed out at 30000 ms/, timer: /^timer 30000ms$/, plainTimer: /^timer 30000ms$/, plainInterleaves: false },
  'swr-cache': { handPlaced: swrCache, plain: plainSwrCache, message: /the cache serves v0 but the database holds v1: a revalidation answering v0 arrived at \d+ ms and replaced v1/, timer: /^timer 5000ms$/, plainTimer: /^timer ([5-9]|1[0-2])000ms$/, plainInterleaves: true },
};

/** The timer the race turns on fired at its virtual time (it was set at 0), in the timer lane; every step carries the clock, which never runs backwards. */
function expectTimerRace(trace: readonly TraceEvent[], timer: RegExp): void {
  const fired = trace.find((e) => e.kind === 'timer' && timer.test(e.label));
  expect(fired, JSON.stringify(trace)).toBeDefined();
  expect(fired!.task).toBe(-1);
  expect(fired!.at).toBe(Number(fired!.label.match(/\d+/)![0]));
  const clock = trace.map((e) => e.at!);
  expect(clock.every((at) => typeof at === 'number')).toBe(true);
  expect(clock).toEqual([...clock].sort((a, b) => a - b));
}

describe.each(Object.entries(examples))('examples/%s.ts under virtual time', (name, { handPlaced, plain, message, timer, plainTimer, plainInterleaves }) => {
  const module = `examples/${name}.ts`;

  it('both forms export a buggy variant expected to fail and a fixed one expected to pass, both virtual', () => {
    for (const [path, exports] of [
      [module, plain],
      [`examples/hand-placed/${name}.ts`, handPlaced],
    ] as const) {
      expect(auditTargets(exports as Record<string, unknown>, path).map((t) => [t.variant, t.expect, t.scenario.time])).toEqual([
        ['buggy', 'fail', 'virtual'],
        ['fixed', 'pass', 'virtual'],
      ]);
    }
  });

  describe('plain code under instrumentation (node --import racekit/register): timers stay yield points', () => {
    let results: CheckResult[];
    let realTimers: boolean;

    beforeAll(async () => {
      ({ results, realTimers } = await checkInstrumented(module, [module], [
        { variant: 'buggy', options: { seed: 1 } },
        { variant: 'buggy', replayOf: 0 },
        ...(['random', 'pct', 'exhaustive'] as const).map((strategy) => ({ variant: 'buggy', options: { strategy, seed: 2, runs: 1000, shrink: false } })),
        { variant: 'fixed', options: { seed: 1 } },
      ]));
    });

    it('the code under test places no yield point: no ctx.step, ctx.wrap or wrapObject', () => {
      expectNoHandPlacedYieldPoints(module);
    });

    it("the bug is found on a trace of the module's awaits and the timer firing at its virtual time; replay reproduces it", () => {
      const buggy = results[0] as FailedCheck;
      expect(buggy.failed).toBe(true);
      expect(buggy.kind).toBe('invariant');
      expect(buggy.message).toMatch(message);
      expect(buggy.warnings).toEqual(plainInterleaves ? [] : [expect.stringMatching(/^nothing was interleaved/)]);
      expectAwaitsOf(buggy, module);
      expectTimerRace(buggy.trace, plainTimer);
      expectSameFailure(results[1]!, buggy);
    });

    it('the bug is found under every strategy', () => {
      expect(results.slice(2, 5).map((r) => [r.strategy, r.failed])).toEqual([
        ['random', true],
        ['pct', true],
        ['exhaustive', true],
      ]);
    });

    it('the fix passes every run with no warning, and no fake clock is left installed', () => {
      const fixed = results[5]!;
      expect(fixed.failed, fixed.message).toBe(false);
      expect(fixed.runs).toBe(1000);
      expect(fixed.warnings).toEqual(plainInterleaves ? [] : [expect.stringMatching(/^nothing was interleaved/)]);
      expect(realTimers).toBe(true);
    });
  });

  describe(`hand-placed (examples/hand-placed/${name}.ts), no instrumentation`, () => {
    const targets = auditTargets(handPlaced as Record<string, unknown>, `examples/hand-placed/${name}.ts`);
    const variant = (v: string) => targets.find((t) => t.variant === v)!;

    it('the bug is found, its trace shows the timer firing at its virtual time, and replay reproduces it', async () => {
      const buggy = variant('buggy');
      const r = await check(buggy.scenario, { seed: 1, runs: buggy.runs });
      expect(r.failed).toBe(true);
      expect(r.kind).toBe('invariant');
      expect(r.message).toMatch(message);
      expect(r.traceSteps).toBeLessThanOrEqual(8);
      expectTimerRace(r.trace!, timer);
      expectSameFailure(await check(buggy.scenario, { replay: r.replay }), r as FailedCheck);
    });

    it('the bug is found under every strategy', async () => {
      for (const strategy of ['random', 'pct', 'exhaustive'] as const) {
        const r = await check(variant('buggy').scenario, { strategy, seed: 2, runs: 1000, shrink: false });
        expect(r.failed, `${name} under ${strategy}`).toBe(true);
      }
    });

    it('the fix passes, and no fake clock is left installed', async () => {
      const r = await check(variant('fixed').scenario, { seed: 1, runs: 150 });
      expect(r.failed, r.message).toBe(false);
      expect(r.runs).toBe(150);
      expect(globalThis.setTimeout).toBe(realSetTimeout);
    });
  });

  it('plain code without instrumentation: the bug is in the timing alone, so it is found with nothing interleaved, and the result says so', async () => {
    const [buggy, fixed] = auditTargets(plain as Record<string, unknown>, module);
    const r = await check(buggy!.scenario, { seed: 1, runs: 200 });
    expect(r.failed).toBe(true);
    expect(r.message).toMatch(message);
    expect(r.warnings).toEqual([expect.stringMatching(/^nothing was interleaved: no run had two yield points pending at once/)]);
    expect((await check(fixed!.scenario, { seed: 1, runs: 200 })).failed).toBe(false);
  });
});
