import { describe, expect, it, vi } from 'vitest';
import { check } from '../src/check.js';

// A test runner's own fake timers (vi.useFakeTimers()) around a check: racekit's census of real timers wraps what it finds
// installed and puts that back, and its virtual clock says plainly that it cannot be installed over them.
describe("a check under the test runner's fake timers", () => {
  const scenario = { name: 'x', tasks: [async (ctx: { step(l: string): Promise<void> }) => ctx.step('a'), async (ctx: { step(l: string): Promise<void> }) => ctx.step('b')] };

  it('a real-time check leaves vi.useFakeTimers() installed, and vi.useRealTimers() then restores the real timers', async () => {
    const real = globalThis.setTimeout;
    vi.useFakeTimers();
    try {
      const fake = globalThis.setTimeout;
      expect(fake).not.toBe(real);
      expect((await check(scenario, { runs: 3 })).failed).toBe(false);
      expect(globalThis.setTimeout).toBe(fake);
    } finally {
      vi.useRealTimers();
    }
    // Before, the check put Node's functions back over the fakes, and vi.useRealTimers() then deleted them: every later test failed.
    expect(globalThis.setTimeout).toBe(real);
    expect([typeof setInterval, typeof setImmediate, typeof clearTimeout]).toEqual(['function', 'function', 'function']);
  });

  it("time: 'virtual' over vi.useFakeTimers() is one error naming both, not fake-timers' own", async () => {
    vi.useFakeTimers();
    try {
      await expect(check({ ...scenario, time: 'virtual' }, { runs: 1 })).rejects.toThrow(/^time: 'virtual' cannot install its clock: fake timers are installed already \(vi\.useFakeTimers\(\)\?\); call vi\.useRealTimers\(\) before the check/);
    } finally {
      vi.useRealTimers();
    }
    expect((await check({ ...scenario, time: 'virtual' }, { runs: 1 })).failed).toBe(false);
  });
});
