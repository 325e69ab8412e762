import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { recordingScenario } from './helpers.js';
import type { StrategyName } from '../src/scheduler/strategy.js';

// One contract for every strategy: the same seed gives the same schedules, in the same order.
describe.each(['random', 'pct', 'surw', 'soft-pct', 'pos', 'exhaustive', 'portfolio'] as StrategyName[])('strategy %s', (strategy) => {
  it('is deterministic: same seed, same schedule sequence', async () => {
    const a: string[] = [];
    const b: string[] = [];
    await check(recordingScenario(3, 3, a), { strategy, seed: 42, runs: 60 });
    await check(recordingScenario(3, 3, b), { strategy, seed: 42, runs: 60 });
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it('explores more than one schedule', async () => {
    const seen: string[] = [];
    await check(recordingScenario(3, 2, seen), { strategy, seed: 7, runs: 60 });
    expect(new Set(seen).size).toBeGreaterThan(3);
  });
});

describe('seeds', () => {
  it('different seeds give different random schedules', async () => {
    const a: string[] = [];
    const b: string[] = [];
    await check(recordingScenario(3, 3, a), { strategy: 'random', seed: 1, runs: 30 });
    await check(recordingScenario(3, 3, b), { strategy: 'random', seed: 2, runs: 30 });
    expect(b).not.toEqual(a);
  });
});
