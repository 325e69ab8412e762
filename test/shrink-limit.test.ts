import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { shrinkCounterexample } from '../src/workload/shrink.js';
import type { RunResult } from '../src/scheduler/run-spec.js';

/** A run that fails as an invariant whatever the workload: every shrink candidate is kept. */
const failing = { outcome: 'fail', kind: 'invariant', message: 'broken', trace: [], schedule: [], steps: 1, preemptions: 0, widest: 1, taskNames: [], after: { late: undefined }, interleaved: undefined } as unknown as RunResult;

describe('shrinking at its limit', () => {
  const arb = fc.array(fc.integer(), { minLength: 200, maxLength: 200 });
  const value = fc.sample(arb, { seed: 1, numRuns: 1 })[0]!;
  const start = { workload: new fc.Value(value, undefined), path: [], schedule: [], result: failing };
  const replay = () => Promise.resolve(failing);

  it('says it was cut short when candidates were left', async () => {
    const cut = await shrinkCounterexample(arb, start, replay, { maxRuns: 3, maxMs: 60_000, research: 0 }, replay);
    expect(cut.runs).toBe(3);
    expect(cut.cutShort).toBe('runs');
  });

  it('says nothing when it ran to the end', async () => {
    const done = await shrinkCounterexample(fc.constant(1), { ...start, workload: new fc.Value(1, undefined) }, replay, { maxRuns: 5000, maxMs: 60_000, research: 0 }, replay);
    expect(done.cutShort).toBeUndefined();
  });
});
