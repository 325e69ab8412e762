import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { recordingScenario } from './helpers.js';

describe('exhaustive', () => {
  it.each([
    [0, 2], // AABB, BBAA
    [1, 4], // + ABBA, BAAB
    [2, 6], // + ABAB, BABA: all C(4,2) interleavings
  ])('2 tasks × 2 steps with preemption bound %i visits exactly %i schedules', async (bound, expected) => {
    const seen: string[] = [];
    const r = await check(recordingScenario(2, 2, seen), { strategy: 'exhaustive', preemptionBound: bound, runs: 1000 });
    expect(r.exhausted).toBe(true);
    expect(r.runs).toBe(expected);
    expect(new Set(seen).size).toBe(expected);
  });

  it('3 tasks × 1 step: 3! orders, none a preemption', async () => {
    const seen: string[] = [];
    const r = await check(recordingScenario(3, 1, seen), { strategy: 'exhaustive', preemptionBound: 0, runs: 1000 });
    expect(r.exhausted).toBe(true);
    expect(new Set(seen).size).toBe(6);
  });

  it('sleep sets: steps on disjoint resources are explored in one order only', async () => {
    const seen: string[] = [];
    const r = await check(recordingScenario(2, 2, seen, (t) => [`own-${t}`]), { strategy: 'exhaustive', runs: 1000 });
    expect(r.exhausted).toBe(true);
    expect(seen.length).toBe(1);
  });

  it('sleep sets keep every order of dependent steps', async () => {
    const seen: string[] = [];
    await check(recordingScenario(2, 2, seen, () => ['shared']), { strategy: 'exhaustive', runs: 1000 });
    expect(new Set(seen).size).toBe(6);
  });

  it('stops when the budget ends before the space is covered', async () => {
    const seen: string[] = [];
    const r = await check(recordingScenario(4, 4, seen), { strategy: 'exhaustive', runs: 10 });
    expect(r.exhausted).toBe(false);
    expect(r.runs).toBe(10);
  });
});

describe('check() says what the walk covered', () => {
  const grid = (touches: (t: number) => string[] | undefined) => ({
    name: 'grid',
    tasks: [0, 1].map((t) => async (ctx: { step(l: string, o?: { touches?: string[] }): Promise<void> }) => {
      for (let i = 0; i < 2; i++) await ctx.step(`s${i}`, { touches: touches(t) });
    }),
  });

  it('steps that touch nothing in common are one class, run once', async () => {
    const r = await check(grid((t) => [`own${t}`]), { strategy: 'exhaustive', preemptionBound: Infinity });
    expect(r.exhausted).toBe(true);
    expect(r.classes).toEqual({ count: 1, redundancy: 1 });
  });

  it('undeclared steps conflict with everything: every interleaving of 2 × 2 steps is its own class, each run once', async () => {
    const r = await check(grid(() => undefined), { strategy: 'exhaustive', preemptionBound: Infinity });
    expect(r.exhausted).toBe(true);
    // C(4, 2) = 6 orders of two tasks' two steps each.
    expect(r.classes).toEqual({ count: 6, redundancy: 1 });
  });

  it('random and pct walk nothing, so they report no classes', async () => {
    const r = await check(grid(() => undefined), { strategy: 'random', runs: 10, seed: 1 });
    expect(r.classes).toBeUndefined();
  });
});

describe('long runs', () => {
  // 2 × 760 steps: longer than the walk analyses for races, so it branches everywhere the bound allows (plain depth-first).
  const window = {
    name: 'late window',
    setup: () => ({ open: false, seen: false }),
    tasks: [
      async (ctx: { step(l: string): Promise<void> }, s: { open: boolean; seen: boolean }) => {
        for (let i = 0; i < 760; i++) {
          await ctx.step('a');
          if (i === 700) s.open = true;
          if (i === 701) s.open = false;
        }
      },
      async (ctx: { step(l: string): Promise<void> }, s: { open: boolean; seen: boolean }) => {
        for (let i = 0; i < 760; i++) {
          await ctx.step('b');
          if (i === 5 && s.open) s.seen = true;
        }
      },
    ],
    invariant: (s: { seen: boolean }) => !s.seen || 'B saw the window A keeps open at its step 700',
  };

  it('are walked depth-first within the bound: a bug one preemption deep is still found, and no classes are claimed', async () => {
    const r = await check(window, { strategy: 'exhaustive', preemptionBound: 1, runs: 5000, shrink: false });
    expect(r.failed).toBe(true);
    expect(r.message).toMatch(/B saw the window/);
    expect(r.preemptions).toBe(1);
    expect(r.classes).toBeUndefined();
  });
});
