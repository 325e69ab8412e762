import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { unlockedCounter } from '../src/subjects/counter/index.js';

describe('shrinking', () => {
  it.each([11, 12, 13, 14, 15])('reaches the 4-step lost update from a large workload (seed %i)', async (seed) => {
    const r = await check(unlockedCounter, { strategy: 'random', seed, runs: 100 });
    expect(r.failed).toBe(true);
    expect(r.traceSteps).toBe(4);
    expect(r.preemptions).toBe(1);
    expect(r.workload).toEqual({ tasks: 2, increments: 1 });
  });

  it('starts from large workloads often enough to matter', async () => {
    const originals: number[] = [];
    for (const seed of [11, 12, 13, 14, 15]) originals.push((await check(unlockedCounter, { strategy: 'random', seed, runs: 100 })).originalSteps);
    expect(Math.max(...originals)).toBeGreaterThan(40);
  });
});

describe('replay', () => {
  it('reproduces the identical trace 100 times out of 100', async () => {
    const r = await check(unlockedCounter, { seed: 2024, runs: 100 });
    expect(r.failed).toBe(true);
    for (let i = 0; i < 100; i++) {
      const again = await check(unlockedCounter, { replay: r.replay });
      expect(again.failed).toBe(true);
      expect(again.divergedAt).toBeUndefined();
      expect(again.trace).toEqual(r.trace);
      expect(again.message).toBe(r.message);
    }
  });

  it('an unshrunk failure replays too', async () => {
    const r = await check(unlockedCounter, { seed: 5, runs: 100, shrink: false });
    expect(r.failed).toBe(true);
    expect(r.shrinkRuns).toBe(0);
    expect(r.traceSteps).toBe(r.originalSteps);
    const again = await check(unlockedCounter, { replay: r.replay });
    expect(again.failed).toBe(true);
    expect(again.divergedAt).toBeUndefined();
    expect(again.trace).toEqual(r.trace);
  });

  it('says so when a replay departs from its recording', async () => {
    let flip = false;
    const scenario = {
      name: 'nondeterministic',
      setup: () => ({ n: 0 }),
      tasks: [
        async (ctx: { step(l: string): Promise<void> }, s: { n: number }) => { flip = !flip; await ctx.step(flip ? 'x' : 'y'); s.n++; },
        async (ctx: { step(l: string): Promise<void> }, s: { n: number }) => { await ctx.step('z'); s.n++; },
      ],
      invariant: () => 'report it',
    };
    const r = await check(scenario, { runs: 1 });
    expect(r.failed).toBe(true);
    const again = await check(scenario, { replay: r.replay });
    // The invariant always fails, so the replay fails too, but not along the recorded trace.
    expect(again.failed).toBe(true);
    expect(again.divergedAt).toBe(1);
    expect(again.trace?.[0]?.label).not.toBe(r.trace?.[0]?.label);
  });
});
