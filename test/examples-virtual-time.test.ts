import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { auditTargets } from '../src/audit/targets.js';
import { realSetTimeout } from '../src/scheduler/real-time.js';
import * as poolAcquireTimeout from '../examples/pool-acquire-timeout.js';
import * as swrCache from '../examples/swr-cache.js';

/** Each example, what its bug's message says, and the timer the race turns on. */
const modules = {
  'examples/pool-acquire-timeout.ts': { exports: poolAcquireTimeout, message: /connection \d+ was handed to a waiter that timed out at 30000 ms/, timer: 'timer 30000ms' },
  'examples/swr-cache.ts': { exports: swrCache, message: /the cache serves v0 but the database holds v1: a revalidation answering v0 arrived at \d+ ms and replaced v1/, timer: 'timer 5000ms' },
};

describe.each(Object.entries(modules))('%s under virtual time', (module, { exports, message, timer }) => {
  const targets = auditTargets(exports as Record<string, unknown>, module);
  const variant = (name: string) => targets.find((t) => t.variant === name)!;

  it('exports a buggy variant expected to fail and a fixed one expected to pass, both virtual', () => {
    expect(targets.map((t) => [t.variant, t.expect, t.scenario.time])).toEqual([
      ['buggy', 'fail', 'virtual'],
      ['fixed', 'pass', 'virtual'],
    ]);
  });

  it('the bug is found, its trace shows the timer firing at its virtual time, and replay reproduces it', async () => {
    const buggy = variant('buggy');
    const r = await check(buggy.scenario, { seed: 1, runs: buggy.runs });
    expect(r.failed).toBe(true);
    expect(r.kind).toBe('invariant');
    expect(r.message).toMatch(message);
    expect(r.traceSteps).toBeLessThanOrEqual(8);
    const fired = r.trace!.find((e) => e.kind === 'timer' && e.label === timer);
    expect(fired, JSON.stringify(r.trace)).toBeDefined();
    expect(fired!.task).toBe(-1);
    expect(fired!.at).toBe(Number(timer.match(/\d+/)![0]));
    // Every step carries the clock, and the clock never runs backwards.
    const clock = r.trace!.map((e) => e.at!);
    expect(clock.every((at) => typeof at === 'number')).toBe(true);
    expect(clock).toEqual([...clock].sort((a, b) => a - b));

    const again = await check(buggy.scenario, { replay: r.replay });
    expect(again.failed).toBe(true);
    expect(again.message).toBe(r.message);
    expect(again.trace).toEqual(r.trace);
  });

  it('the bug is found under every strategy', async () => {
    for (const strategy of ['random', 'pct', 'exhaustive'] as const) {
      const r = await check(variant('buggy').scenario, { strategy, seed: 2, runs: 1000, shrink: false });
      expect(r.failed, `${module} under ${strategy}`).toBe(true);
    }
  });

  it('the fix passes, and no fake clock is left installed', async () => {
    const r = await check(variant('fixed').scenario, { seed: 1, runs: 150 });
    expect(r.failed, r.message).toBe(false);
    expect(r.runs).toBe(150);
    expect(globalThis.setTimeout).toBe(realSetTimeout);
  });
});
