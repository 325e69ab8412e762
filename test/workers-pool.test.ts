import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../src/check.js';
import { ExplorePool } from '../harness/parallel/explore-pool.js';
import { mergedRun, workerRuns, workerSeed } from '../harness/parallel/shares.js';
import { alone, rareWorkload, unwitnessed } from './workers/targets.js';
import { osThreads, threadsSettledTo } from './support/os-threads.js';

// The pool as `racekit run/audit --workers N` uses it, in this process: its
// threads load racekit from source through tsx, and the scenarios from
// test/workers/targets.ts as an audited module.
const module = 'test/workers/targets.ts';
const before = osThreads();
const pool = new ExplorePool(3);

afterAll(() => pool.close());

describe('checks spread over worker threads (ExplorePool)', () => {
  it('reports the earliest failure of the merged order, the one single-threaded checks with the worker seeds place first, however the threads were timed', async () => {
    const runs = rareWorkload.runs;
    const count = 3;
    /** Where each worker's first failure lies for a seed, from the same checks on this thread. */
    const aloneFor = (seed: number) =>
      Promise.all(
        [0, 1, 2].map(async (index) => {
          const slot = { index, count };
          const r = await check(rareWorkload, { seed: workerSeed(seed, slot), runs: workerRuns(runs, slot) });
          return { index, r, merged: r.failed ? mergedRun(r.firstFailure, slot) : Infinity };
        }),
      );
    // Seeds where a worker other than the first fails first: a rule such as "the lowest worker that failed" would report another failure.
    const cases: { seed: number; earliest: Awaited<ReturnType<typeof aloneFor>>[number] }[] = [];
    for (let seed = 1; cases.length < 2 && seed <= 40; seed++) {
      const earliest = (await aloneFor(seed)).reduce((a, b) => (b.merged < a.merged ? b : a));
      if (earliest.index !== 0 && earliest.merged < Infinity) cases.push({ seed, earliest });
    }
    expect(cases).toHaveLength(2);

    for (const { seed, earliest } of cases) {
      const spread = () => pool.explore({ target: { name: 'targets/rareWorkload', module }, strategy: 'portfolio', runs, seed });
      const first = await spread();
      expect(first.workers).toBe(3);
      expect(first.worker).toBe(earliest.index);
      expect(first.result).toMatchObject({ failed: true, firstFailure: earliest.merged, seed: workerSeed(seed, { index: earliest.index, count }), replay: earliest.r.replay, message: earliest.r.message });
      // Every run before the reported one was made, by some worker.
      expect(first.result.runs).toBeGreaterThanOrEqual(earliest.merged);
      const again = await spread();
      expect({ worker: again.worker, firstFailure: again.result.firstFailure, replay: again.result.replay }).toEqual({ worker: first.worker, firstFailure: first.result.firstFailure, replay: first.result.replay });
      // The token replays on this thread.
      const replayed = await check(rareWorkload, { replay: first.result.replay! });
      expect(replayed).toMatchObject({ failed: true, message: first.result.message, divergedAt: undefined });
    }
  });

  it('a passing check makes every run of every share once: runs and steps sum; warnings are those of the same check on one thread', async () => {
    const r = await pool.explore({ target: { name: 'targets/neverFails', module }, strategy: 'random', runs: 61, seed: 5 });
    expect(r.result).toMatchObject({ failed: false, runs: 61, steps: 61 * 2, seed: 5, warnings: [] });
    const lonely = await pool.explore({ target: { name: 'targets/alone', module }, strategy: 'random', runs: 61, seed: 5 });
    const one = await check(alone, { strategy: 'random', runs: 61, seed: 5 });
    expect(one.warnings).toHaveLength(1);
    expect(lonely.result.warnings).toEqual(one.warnings);
    const unseen = await pool.explore({ target: { name: 'targets/unwitnessed', module }, strategy: 'random', runs: 61, seed: 5 });
    const here = await check(unwitnessed, { strategy: 'random', runs: 61, seed: 5 });
    expect(here.warnings).toEqual(['nothing was interleaved: no two operations were ever in flight at once (61 runs)']);
    expect(unseen.result.warnings).toEqual(here.warnings);
  });

  it('with one workload only the first worker walks exhaustively: the classes are counted once, and a preemption bound reaches the workers', async () => {
    const bounded = await pool.explore({ target: { name: 'targets/grid', module }, strategy: 'portfolio', runs: 600, seed: 2 });
    // Bound 2 admits every one of the 6 classes; three walks of the same tree counted 18.
    expect(bounded.workers).toBe(3);
    expect(bounded.result.classes).toEqual({ count: 6, redundancy: 1 });
    // The members' runs, summed over the workers, are every run explored; the walk's are the first worker's alone.
    expect(bounded.result.members!.reduce((n, m) => n + m.runs, 0)).toBe(bounded.result.runs);
    expect(bounded.result.members!.find((m) => m.strategy === 'exhaustive')!.runs).toBeLessThanOrEqual(6);
    const none = await pool.explore({ target: { name: 'targets/grid', module }, strategy: 'portfolio', preemptionBound: 0, runs: 600, seed: 2 });
    // No preemption: A then B, or B then A.
    expect(none.result.classes).toEqual({ count: 2, redundancy: 1 });
  });

  it('aborting the signal stops every worker under way; the result covers what they explored', async () => {
    const stop = new AbortController();
    const r = await pool.explore({ target: { name: 'targets/neverFails', module }, strategy: 'random', runs: 10_000_000, seed: 5, signal: stop.signal, onProgress: () => stop.abort() });
    expect(r.result.failed).toBe(false);
    expect(r.result.runs).toBeGreaterThan(0);
    expect(r.result.runs).toBeLessThan(10_000_000);
  });

  it('a worker that cannot find its scenario fails the check with a one-line RacekitError', async () => {
    await expect(pool.explore({ target: { name: 'targets/missing', module }, strategy: 'random', runs: 4, seed: 1 })).rejects.toMatchObject({ code: 'RACEKIT_WORKER_TARGET' });
  });

  it('closing the pool ends its threads', async () => {
    await pool.explore({ target: { name: 'counter/locked' }, strategy: 'random', runs: 6, seed: 1 });
    if (before > 0) expect(osThreads()).toBeGreaterThanOrEqual(before + 3);
    await pool.close();
    expect(await threadsSettledTo(before)).toBeLessThanOrEqual(before);
  });
});
