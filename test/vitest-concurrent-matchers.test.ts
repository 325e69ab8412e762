import { describe, expect, it, test } from 'vitest';
import '../src/vitest.js';
import { matcherTest } from '../src/vitest/test-signal.js';

// A check of six tasks whose runs it counts: 100,000 of them take seconds, far more than a 300 ms timeout.
const runs = { long: 0, next: 0 };
const counted = (key: keyof typeof runs, tasks: number) => ({
  name: `counted ${key}`,
  setup: () => {
    runs[key]++;
    return { value: 0 };
  },
  tasks: Array.from({ length: tasks }, () => async (ctx: { step(l: string): Promise<void> }, s: { value: number }) => {
    await ctx.step('add');
    s.value += 1;
  }),
  invariant: (s: { value: number }) => s.value === tasks || `lost an add: ${s.value}`,
});

// The global expect names the test vitest started last (here the second), not the one whose body calls it: the
// matcher finds its own test through the flow it runs in, and stops when vitest times that test out.
describe.concurrent('a matcher of the global expect under describe.concurrent', () => {
  test.fails('times out: its check stops', async () => {
    await expect(counted('long', 6)).toBeRaceFree({ runs: 100_000 });
  }, 300);

  test('the next check does not wait behind the whole of it', async () => {
    await expect(counted('next', 2)).toBeRaceFree({ runs: 50 });
    expect(runs.next).toBe(50);
    // Behind a check that ran on, this one would start only after its 100,000 runs.
    expect(runs.long).toBeLessThan(100_000);
  }, 20_000);
});

describe('the test a matcher belongs to', () => {
  const signal = new AbortController().signal;
  const test = (name: string, concurrent: boolean, state = 'run') => ({ name, type: 'test', concurrent, result: { state }, context: { signal } });

  it('a sequential test: the one vitest names', () => {
    const named = test('a', false);
    expect(matcherTest(named)).toEqual({ test: named });
  });

  it('a concurrent test outside the hook (a file the hook is not on), with others running: it cannot tell, and says why', () => {
    const named = test('b', true);
    const file = { tasks: [{ type: 'suite', tasks: [test('a', true), named, test('c', true, 'pass')] }] };
    const found = matcherTest({ ...named, file });
    expect(found).toEqual({ ambiguous: `vitest's global expect under concurrent tests names the test started last, here one of 2 running ("a", "b")` });
  });

  it('a concurrent test running alone: the one vitest names', () => {
    const named = test('b', true);
    const file = { tasks: [test('a', true, 'pass'), named] };
    expect(matcherTest({ ...named, file })).toEqual({ test: { ...named, file } });
  });
});
