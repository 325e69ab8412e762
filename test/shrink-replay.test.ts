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
    // A label that differs at every execution: uncontrolled state outside the run.
    let executions = 0;
    const scenario = {
      name: 'nondeterministic',
      setup: () => ({ n: 0 }),
      tasks: [
        async (ctx: { step(l: string): Promise<void> }, s: { n: number }) => { await ctx.step(`x${++executions}`); s.n++; },
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

  it('a failure whose outcome the schedule does not decide says so: its replays, made before it is reported, passed too', async () => {
    // Every other execution of the invariant fails: state kept outside the run, as a thread pool's finishing order would be.
    let executions = 0;
    const scenario = {
      name: 'outcome outside the schedule',
      tasks: [async (ctx: { step(l: string): Promise<void> }) => ctx.step('a'), async (ctx: { step(l: string): Promise<void> }) => ctx.step('b')],
      invariant: () => (++executions % 2 === 1 ? 'odd execution' : true),
    };
    const r = await check(scenario, { runs: 1, shrink: false });
    expect(r.failed).toBe(true);
    expect(r.warnings).toEqual(['replay reproduced this failure 1 of 3 times (2 passed): the outcome depends on what the scheduler does not order (thread-pool jobs, sockets or real timers finishing in another order between yield points, Math.random, Date.now); ctx.wrap the call or instrument the code (--instrument) so that its completion is a yield point']);
    const steady = await check({ ...scenario, invariant: () => 'always' }, { runs: 1 });
    expect(steady.warnings).toEqual([]);
    // A clock or a count in the message is not another failure.
    const counting = await check({ ...scenario, invariant: () => `failed at execution ${++executions}` }, { runs: 1 });
    expect(counting.warnings).toEqual([]);
  });

  it('replays that fail with another message, or along another interleaving, are said as such (an exploratory tester saw "also passed" where every replay failed)', async () => {
    let executions = 0;
    const order = ['AB', 'BA'];
    const otherMessage = {
      name: 'which failure',
      tasks: [async (ctx: { step(l: string): Promise<void> }) => ctx.step('a'), async (ctx: { step(l: string): Promise<void> }) => ctx.step('b')],
      invariant: () => `order ${order[executions++ % 2]}`,
    };
    expect((await check(otherMessage, { runs: 1, shrink: false })).warnings).toEqual([expect.stringMatching(/^replay reproduced this failure 1 of 3 times \(2 failed otherwise\): /)]);
    let labels = 0;
    const otherPath = {
      name: 'which path',
      tasks: [async (ctx: { step(l: string): Promise<void> }) => ctx.step(`a${labels++ % 2}`), async (ctx: { step(l: string): Promise<void> }) => ctx.step('b')],
      invariant: () => 'always',
    };
    expect((await check(otherPath, { runs: 1, shrink: false })).warnings).toEqual([expect.stringMatching(/^replay reproduced this failure 1 of 3 times \(2 took another interleaving\): /)]);
  });

  it('a replay that takes the recorded interleaving and passes says why it may (a fix, or an order the scheduler does not choose)', async () => {
    let fixed = false;
    const scenario = {
      name: 'fixed since',
      tasks: [async (ctx: { step(l: string): Promise<void> }) => ctx.step('a'), async (ctx: { step(l: string): Promise<void> }) => ctx.step('b')],
      invariant: () => fixed || 'broken',
    };
    const r = await check(scenario, { runs: 1 });
    expect(r.failed).toBe(true);
    fixed = true;
    const again = await check(scenario, { replay: r.replay });
    expect(again.failed).toBe(false);
    expect(again.divergedAt).toBeUndefined();
    expect(again.message).toMatch(/^the replay took the recorded interleaving and passed: the code changed since the token was recorded \(a fix\?\)/);
  });
});

