import { describe, expect, it } from 'vitest';

// Loads the built package through its exports, as a user's project does.
describe('the package', () => {
  it('exports check and the vitest helpers', async () => {
    const racekit = await import('racekit');
    const vitestEntry = await import('racekit/vitest');
    expect(typeof racekit.check).toBe('function');
    expect(typeof vitestEntry.raceTest).toBe('function');
    const r = await racekit.check(
      {
        name: 'lost update',
        setup: () => ({ counter: 0 }),
        tasks: [0, 1].map(() => async (ctx: { step(l: string): Promise<void> }, s: { counter: number }) => {
          const v = s.counter;
          await ctx.step('read');
          s.counter = v + 1;
        }),
        invariant: (s: { counter: number }) => s.counter === 2,
      },
      { strategy: 'pct', runs: 10_000, seed: 1, depth: 2 },
    );
    expect(r.failed).toBe(true);
    expect(r.replay).toMatch(/^rk1:1:/);
  });
});
