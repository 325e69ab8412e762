import { describe, expect, it } from 'vitest';
import { runStress } from '../src/stress/run-stress.js';
import { incrementStress, lockedStress, atomicStress, plainStress } from '../src/subjects/shared-memory/index.js';

// Stress mode: real threads in parallel, so these tests assert what is
// overwhelmingly likely (plain loses updates in 2–100% of rounds here, so
// 1,000 rounds without one would be a one-in-10^8 event even at 2%) and what
// is guaranteed (Atomics and the lock never lose one). Plain increments from 4
// threads on 2 cores overlap far less often (threads take turns on the
// cores), so that case is measured in the issue note, not asserted here.
describe('shared-memory stress: outcome histograms', () => {
  it('plain data[0]++ from 2 threads loses updates: forbidden outcomes appear', async () => {
    // Losses come in bursts on a loaded machine (rounds 1-40 clean, then 20% lost, in one
    // measurement): run until the first forbidden outcome, as check() stops at the first failure.
    const r = await runStress(plainStress, { iterations: 1000, stopOnForbidden: true });
    expect(r.failed).toBe(true);
    expect(r.crash).toBeUndefined();
    expect(r.firstForbidden).toBe(r.rounds);
    expect(r.histogram.filter((e) => e.class === 'forbidden')).toHaveLength(1);
    // Every outcome is N × M or a lost update below it, never more.
    for (const e of r.histogram) {
      const counter = Number(/counter = (\d+)/.exec(e.outcome)![1]);
      expect(counter).toBeLessThanOrEqual(200_000);
      expect(e.class).toBe(counter === 200_000 ? 'acceptable' : 'forbidden');
    }
    expect(r.histogram.reduce((n, e) => n + e.count, 0)).toBe(r.rounds);
  });

  it('Atomics.add never loses one', async () => {
    const r = await runStress(atomicStress, { iterations: 10 });
    expect(r.failed).toBe(false);
    expect(r.histogram).toEqual([{ outcome: 'counter = 200000', count: 10, class: 'acceptable' }]);
  });

  it('the compareExchange + wait/notify lock never loses one', async () => {
    const r = await runStress(lockedStress, { iterations: 10 });
    expect(r.failed).toBe(false);
    expect(r.histogram).toEqual([{ outcome: 'counter = 20000', count: 10, class: 'acceptable' }]);
  });

  it('an aborted signal stops it between rounds, with the rounds run so far', async () => {
    const stop = new AbortController();
    let judged = 0;
    // Aborts while the third round is judged (as Ctrl-C would, from outside).
    const test = { ...atomicStress, worker: atomicStress.worker, judge: (data: Int32Array) => (++judged === 3 && stop.abort(), atomicStress.judge(data)) };
    const r = await runStress(test, { iterations: 100, signal: stop.signal });
    expect(r.rounds).toBe(3);
    expect(r.failed).toBe(false);
  });

  it('4 threads with Atomics.add and with the lock: still exact', async () => {
    for (const mode of ['atomic', 'locked'] as const) {
      const r = await runStress(incrementStress(mode, 4, 1_000), { iterations: 2 });
      expect(r.histogram).toEqual([{ outcome: 'counter = 4000', count: 2, class: 'acceptable' }]);
    }
  });
});
