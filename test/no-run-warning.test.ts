import { describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import type { CheckResult } from '../src/model/check-result.js';
import { formatFailure } from '../src/report/text.js';
import { coverageWarnings } from '../src/check/warnings.js';
import { passedCheck } from '../src/check/results.js';
import { mergeWorkers } from '../harness/parallel/merge-workers.js';
import type { Scenario } from '../src/scenario.js';

const counter: Scenario<{ n: number }> = {
  name: 'counter',
  setup: () => ({ n: 0 }),
  tasks: [
    async (ctx, s) => {
      const v = s.n;
      await ctx.step('read');
      s.n = v + 1;
    },
    async (ctx, s) => {
      const v = s.n;
      await ctx.step('read');
      s.n = v + 1;
    },
  ],
  invariant: (s) => s.n === 2,
};

describe('a check that made no run says so', () => {
  it('an already-aborted signal: no run, and a warning saying none was made and why, also in the printed result', async () => {
    const stop = new AbortController();
    stop.abort();
    const r = await check(counter, { signal: stop.signal, runs: 100, seed: 1 });
    expect(r).toMatchObject({ failed: false, runs: 0 });
    expect(r.warnings).toEqual([expect.stringMatching(/^nothing was explored: no run was made \(.*signal was aborted.*\); the check says nothing about races$/)]);
    expect(formatFailure(r)).toContain(`warning: ${r.warnings[0]}`);
  });

  it('the same check with its runs says nothing of the kind', async () => {
    const r = await check(counter, { runs: 20, seed: 1 });
    expect(r.runs).toBeGreaterThan(0);
    expect(r.warnings.filter((w) => w.includes('no run was made'))).toEqual([]);
  });

  it('says which reason when the caller knows it', () => {
    expect(coverageWarnings({ runs: 0, steps: 0, widest: 0, stopped: 'aborted' })).toEqual(['nothing was explored: no run was made (the signal was aborted before the first run); the check says nothing about races']);
    expect(coverageWarnings({ runs: 0, steps: 0, widest: 0, stopped: 'budget' })).toEqual(['nothing was explored: no run was made (the time budget, budgetMs, was spent before the first run); the check says nothing about races']);
  });

  it('over workers: said once when no worker ran, not at all when another worker ran', () => {
    const none = coverageWarnings({ runs: 0, steps: 0, widest: 0 });
    const idle = (index: number): { slot: { index: number; count: number }; result: CheckResult } => ({
      slot: { index, count: 2 },
      result: passedCheck({ name: 'counter', seed: 1, strategy: 'random', runs: 0, exhausted: false, steps: 0, ms: 1, warnings: none }),
    });
    const busy = { slot: { index: 1, count: 2 }, result: passedCheck({ name: 'counter', seed: 1, strategy: 'random', runs: 5, exhausted: false, steps: 10, ms: 1, warnings: [] }) };
    expect(mergeWorkers([idle(0), idle(1)], 1, 2).result.warnings).toEqual(none);
    expect(mergeWorkers([idle(0), busy], 1, 2).result.warnings).toEqual([]);
  });
});

describe('a failure found with nothing interleaved', () => {
  it('says no order racekit chose made it, alone and merged over workers', async () => {
    const r = await check({ name: 'fails alone', tasks: [async (ctx) => { await ctx.step('only'); throw new Error('always'); }] }, { runs: 5, seed: 1 });
    expect(r.failed).toBe(true);
    expect(r.warnings).toEqual([expect.stringMatching(/^nothing was interleaved: no run had two yield points pending at once \(1 run, \d+ steps?\); the tasks never overlapped at a yield point; so no order racekit chose made the failure: /)]);
    // The merge tells it from a scenario witness's warning, and says it once.
    expect(mergeWorkers([{ slot: { index: 0, count: 1 }, result: r }], 1, 1).result.warnings).toEqual(r.warnings);
  });
});
