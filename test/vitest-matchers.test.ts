import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { check } from '../src/check.js';
import '../src/vitest.js';
import { sayWarnings } from '../src/vitest/warnings.js';
import type { CheckResult } from '../src/model/check-result.js';

const lostUpdate = {
  name: 'lost update',
  setup: () => ({ counter: 0 }),
  tasks: [0, 1].map(() => async (ctx: { step(l: string): Promise<void> }, s: { counter: number }) => {
    const v = s.counter;
    await ctx.step('read');
    s.counter = v + 1;
  }),
  invariant: (s: { counter: number }) => s.counter === 2 || `increment lost: counter is ${s.counter}`,
};
/** The message of the assertion error `fn` throws, without vitest's colours. */
function failure(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    return stripVTControlCharacters((error as Error).message);
  }
  return '(no error)';
}

const atomic = { ...lostUpdate, name: 'atomic', tasks: [0, 1].map(() => async (ctx: { step(l: string): Promise<void> }, s: { counter: number }) => { await ctx.step('read'); s.counter += 1; }) };

describe('racekit matchers', () => {
  it('on a result: at once, .not inverts, a kind or a message pattern narrows which failure counts', async () => {
    const raced = await check(lostUpdate, { seed: 1, runs: 200 });
    const clean = await check(atomic, { seed: 1, runs: 20 });
    expect(clean).toBeRaceFree();
    expect(raced).not.toBeRaceFree();
    expect(raced).toHaveRace();
    expect(raced).toHaveRace('invariant');
    expect(raced).toHaveRace(/increment lost/);
    expect(raced).not.toHaveRace('deadlock');
    expect(raced).toRace('invariant');
    expect(clean).not.toHaveRace();
    expect(failure(() => expect(raced).toHaveRace('deadlock'))).toMatch(/Expected: a failing run of kind deadlock\nReceived: invariant at run \d+ of \d+: increment lost/);
    expect(failure(() => expect(clean).toHaveRace())).toMatch(/expect\(result\)\.toHaveRace\(\)\n\nExpected: a failing run\nReceived: no failing run in 20 runs/);
  });

  it('on a scenario: runs the check first (await it)', async () => {
    await expect(lostUpdate).toHaveRace({ seed: 1, runs: 200, kind: 'invariant' });
    await expect(atomic).toBeRaceFree({ seed: 1, runs: 20 });
    await expect(expect(lostUpdate).toBeRaceFree({ seed: 1, runs: 200 })).rejects.toThrow(/replay outside vitest: await check\(scenario, \{ replay: 'rk1:/);
  });

  it('anything else is an error, even under .not', () => {
    expect(() => expect({ nope: 1 }).not.toBeRaceFree()).toThrow(/received must be a check result/);
    expect(() => expect({ nope: 1 }).toHaveRace()).toThrow(TypeError);
    expect(() => expect({ failed: true, runs: 1, seed: 1 }).toHaveRace('lost' as never)).toThrow(/a failure kind must be one of 'invariant'/);
  });

  it('warnings of a passing check go to the console and, in a test, to its annotations', async () => {
    const clean = await check(atomic, { seed: 1, runs: 5 });
    const warned: CheckResult = { ...clean, warnings: ['no run had two yield points pending at once'] };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const notes: string[] = [];
    try {
      expect(warned).toBeRaceFree();
      await sayWarnings(warned, { annotate: async (message, type) => void notes.push(`${type}: ${message}`) });
      expect(warn.mock.calls.map((c) => c[0])).toEqual(['racekit: atomic: no run had two yield points pending at once', 'racekit: atomic: no run had two yield points pending at once']);
      expect(notes).toEqual(['warning: racekit: no run had two yield points pending at once']);
    } finally {
      warn.mockRestore();
    }
  });

  it('toHaveRace({ kind }) explores past failures of another kind until one of that kind, and shrinks within it', async () => {
    // A lost wake-up (a deadlock) and a lost update (an invariant failure), depending on the order.
    type S = { flag: boolean; waiters: (() => void)[]; n: number };
    const both = {
      name: 'two kinds',
      setup: (): S => ({ flag: false, waiters: [], n: 0 }),
      tasks: [
        async (ctx: { step(l: string): Promise<void> }, s: S) => {
          if (!s.flag) {
            await ctx.step('checked flag');
            await new Promise<void>((resolve) => s.waiters.push(resolve));
          }
          const v = s.n;
          await ctx.step('read n');
          s.n = v + 1;
        },
        async (ctx: { step(l: string): Promise<void> }, s: S) => {
          await ctx.step('set');
          s.flag = true;
          s.waiters.splice(0).forEach((wake) => wake());
          const v = s.n;
          await ctx.step('read n');
          s.n = v + 1;
        },
      ],
      invariant: (s: S) => s.n === 2 || `n=${s.n}`,
    };
    const first = await check(both, { strategy: 'random', runs: 500, seed: 1 });
    expect(first.failed && first.kind).toBe('invariant');
    await expect(both).toHaveRace({ kind: 'deadlock', strategy: 'random', runs: 500, seed: 1 });
    await expect(both).toHaveRace({ kind: 'invariant', strategy: 'random', runs: 500, seed: 1 });
    const deadlock = await check(both, { strategy: 'random', runs: 500, seed: 1, failureFilter: (f) => f.kind === 'deadlock' });
    expect(deadlock.failed && deadlock.kind).toBe('deadlock');
    // The same runs as the check without a filter, whose invariant failure came first: this one went past it.
    expect(deadlock.failed && first.failed && deadlock.firstFailure > first.firstFailure).toBe(true);
  });
});
