import { describe, expect, it } from 'vitest';
import { bugFinding } from '../bench/bug-finding.js';
import { concurrencyModels } from '../bench/concurrency-models.js';
import { exhaustiveReduction } from '../bench/exhaustive-reduction.js';
import { linearizability, history } from '../bench/linearizability.js';
import { shrinking } from '../bench/shrinking.js';
import { throughput } from '../bench/throughput.js';
import { virtualTime } from '../bench/virtual-time.js';
import { fcExplore } from '../bench/fc-runner.js';
import { counterProgram, flagBug } from '../bench/panel.js';
import { medianRuns, transitionProbability } from '../bench/uniform-odds.js';

// Each benchmark at a trivial size, so the bench cannot rot; no timing assertions.
describe('bench modules (tiny sizes)', () => {
  it('fc.scheduler version of a program finds the flag bug and counts its steps', async () => {
    const r = await fcExplore(flagBug(2, 3, 1, 1).program, { runs: 200, seed: 1 });
    expect(r.failed).toBe(true);
    const clean = await fcExplore(counterProgram(2, 2, false), { runs: 3, seed: 1 });
    expect(clean).toEqual({ failed: false, runs: 3, steps: 3 * 2 * 2 * 2 });
  });

  it("exact uniform odds: B's j-th step happens at exactly one A count, so those probabilities sum to 1", () => {
    for (const j of [0, 3, 9]) {
      const total = Array.from({ length: 11 }, (_, i) => transitionProbability(10, 10, [{ task: 'B', a: i, b: j }])).reduce((x, y) => x + y, 0);
      expect(total).toBeCloseTo(1, 12);
    }
    expect(transitionProbability(1, 1, [{ task: 'B', a: 0, b: 0 }])).toBe(0.5);
    expect(medianRuns(0.5)).toBe(1);
    expect(medianRuns(0.1)).toBe(7);
  });

  it('throughput measures both sides', async () => {
    const s = await throughput('tiny');
    expect(s.body).toContain('| 2×1 |');
    expect(s.targets).toHaveLength(2);
  });

  it('bug-finding runs every searcher on the tiny panel', async () => {
    const s = await bugFinding('tiny');
    const data = s.data as Record<string, Record<string, { found: number[]; missed: number }>>;
    expect(Object.keys(data)).toHaveLength(3);
    // The shallow flag bug is found by random search and by fast-check.
    expect(data['flag-2x4']!['random']!.found.length + data['flag-2x4']!['fc.scheduler']!.found.length).toBeGreaterThan(0);
  });

  it('exhaustive reduction exhausts the small grid and the locked counter', async () => {
    const s = await exhaustiveReduction('tiny');
    const data = s.data as Record<string, { undeclared: { exhausted: boolean; runs: number }; disjoint: { exhausted: boolean; runs: number } } | { exhausted: boolean }>;
    const grid = data['2x2'] as { undeclared: { exhausted: boolean; runs: number }; disjoint: { exhausted: boolean; runs: number } };
    expect(grid.undeclared.exhausted).toBe(true);
    expect(grid.disjoint.runs).toBeLessThan(grid.undeclared.runs);
    expect((data['locked-pb2'] as { exhausted: boolean }).exhausted).toBe(true);
  });

  it('generated histories are linearizable, their broken twins not', async () => {
    expect(history('register', 20, 3, 1, false)).toHaveLength(20);
    const s = await linearizability('tiny');
    expect(s.body).toContain('| register | 50 | 2 |');
  });

  it('shrinking reports before and after', async () => {
    const s = await shrinking('tiny');
    const data = s.data as Record<string, { before: number; after: number }[]>;
    const [results] = Object.values(data);
    expect(results!.length).toBe(1);
    expect(results![0]!.after).toBeLessThanOrEqual(results![0]!.before);
  });

  it('concurrency models run every model and close their server and pool', async () => {
    const s = await concurrencyModels('tiny');
    expect(s.body).toContain('piscina, 2 workers');
    expect(s.body).toContain('semaphore of 20');
  });

  it('virtual time measures a 30 s timeout against real timers, and the timer wins some virtual calls', async () => {
    const s = await virtualTime('tiny');
    const data = s.data as { virtual: { runs: number; outcomes: { timeout: number } }[]; real: { runs: number; outcomes: { timeout: number } }[] };
    expect(data.virtual[0]!.runs).toBe(20);
    expect(data.real[0]!.runs).toBe(3);
    expect(data.virtual[0]!.outcomes.timeout).toBeGreaterThan(0);
    expect(s.body).toContain('| virtual | 30,000 ms |');
    expect(s.targets).toHaveLength(1);
  });
});

describe('instrument overhead (tiny)', () => {
  it('times plain and instrumented loops side by side and the transform per KB', async () => {
    const { instrumentOverhead } = await import('../bench/instrument-overhead.js');
    const s = await instrumentOverhead('tiny');
    const data = s.data as { times: Record<string, { plain: number[]; inst: number[] }>; files: number; awaits: number };
    expect(Object.keys(data.times)).toEqual(['plainValue', 'resolvedPromise', 'forAwaitTurn']);
    expect(data.times['plainValue']!.inst).toHaveLength(1);
    expect(data.files).toBe(5);
    expect(s.body).toContain('| `await i` |');
  });
});

describe('workers (tiny)', () => {
  it('times one check on the main thread and over 2 workers, and the CPU-bound ceiling', async () => {
    const { workers } = await import('../bench/workers.js');
    const s = await workers('tiny');
    const data = s.data as Record<string, { runs: number; rates: Record<string, { runsPerSec: number }[]> }>;
    expect(Object.keys(data['counter/locked']!.rates).sort()).toEqual(['2', 'main']);
    expect(data['counter/locked']!.rates['2']).toHaveLength(1);
    expect(s.body).toContain('| counter/locked | 2 workers |');
    expect(s.body).toContain('| compute loop (ceiling) | 2 threads |');
    expect(s.body).toContain('| allocate loop (ceiling) | 2 threads |');
  });
});
