import { describe, expect, it } from 'vitest';
import { bugFinding } from '../bench/bug-finding.js';
import { concurrencyModels } from '../bench/concurrency-models.js';
import { exhaustiveReduction } from '../bench/exhaustive-reduction.js';
import { heldOut, heldOutBugs } from '../bench/held-out.js';
import { linearizability, history } from '../bench/linearizability.js';
import { shrinking } from '../bench/shrinking.js';
import { throughput } from '../bench/throughput.js';
import { virtualTime } from '../bench/virtual-time.js';
import { fcExplore } from '../bench/fc-runner.js';
import { counterProgram, flagBug, relayBug } from '../bench/panel.js';
import { driveRun } from '../bench/drive.js';
import { medianRuns, relayProbability, transitionProbability } from '../bench/uniform-odds.js';

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

  it('exact relay odds equal the failing share of every uniform walk of the relay program, enumerated', async () => {
    const bug = relayBug(3, 3, 0, 1, 1);
    // Depth-first over every schedule; each decision picks one of the pending yield points with equal probability.
    let p = 0;
    let prefix: number[] = [];
    for (;;) {
      const taken: { index: number; of: number }[] = [];
      const r = await driveRun(bug.program, (d) => {
        const index = taken.length < prefix.length ? prefix[taken.length]! : 0;
        taken.push({ index, of: d.pending.length });
        return index;
      });
      if (r.outcome === 'fail') p += taken.reduce((q, t) => q / t.of, 1);
      let m = taken.length - 1;
      while (m >= 0 && taken[m]!.index === taken[m]!.of - 1) m--;
      if (m < 0) break;
      prefix = [...taken.slice(0, m).map((t) => t.index), taken[m]!.index + 1];
    }
    expect(p).toBeGreaterThan(0);
    expect(relayProbability(3, 3, 0, 1, 1)).toBeCloseTo(p, 12);
  });

  it('throughput measures both sides', async () => {
    const s = await throughput('tiny');
    expect(s.body).toContain('| 2×1 |');
    expect(s.body).toContain('| locked 2×1 |');
    expect(s.targets?.map((t) => t.claim)).toEqual([expect.stringMatching(/every counter shape/), expect.stringMatching(/locked counter/), expect.stringMatching(/300 ns/)]);
  });

  it('bug-finding runs every searcher on the tiny panel', async () => {
    const s = await bugFinding('tiny');
    const data = s.data as Record<string, Record<string, { found: number[]; missed: number }>>;
    expect(Object.keys(data)).toHaveLength(3);
    // The shallow flag bug is found by random search and by fast-check.
    expect(data['flag-2x4']!['random']!.found.length + data['flag-2x4']!['fc.scheduler']!.found.length).toBeGreaterThan(0);
  });

  it('held-out bugs are drawn the same every time, and every strategy\'s failing runs are counted', async () => {
    expect(heldOutBugs(8, 5).map((b) => b.description)).toEqual(heldOutBugs(8, 5).map((b) => b.description));
    const s = await heldOut('tiny');
    const data = s.data as { id: string; runs: number; failed: Record<string, number> }[];
    expect(data).toHaveLength(4);
    for (const row of data) for (const n of Object.values(row.failed)) expect(n).toBeLessThanOrEqual(row.runs);
    expect(s.body).toContain('| portfolio (default) |');
  });

  it('exhaustive reduction exhausts the small grid and the locked counter, and counts classes', async () => {
    const s = await exhaustiveReduction('tiny');
    type Cell = { exhausted: boolean; runs: number; classes: number };
    const data = s.data as { grids: Record<string, Record<string, Cell>>; locked: Record<string, { exhausted: boolean }> };
    const grid = data.grids['2x2']!;
    expect(grid['undeclared pb=2']!.exhausted).toBe(true);
    expect(grid['disjoint pb=2']!.runs).toBeLessThan(grid['undeclared pb=2']!.runs);
    // 2 × 2 steps, even steps on one shared cell: the two shared steps in either order.
    expect(grid['half shared pb=∞']).toMatchObject({ exhausted: true, runs: 2, classes: 2 });
    expect(grid['disjoint pb=∞']).toMatchObject({ exhausted: true, runs: 1, classes: 1 });
    expect(data.locked['pb2']!.exhausted).toBe(true);
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

describe('automatic against hand-placed yield points (tiny)', () => {
  it('both sides run every example and library on the same seeds, and the automatic side finds every bug', async () => {
    const { yieldPoints } = await import('../bench/yield-points.js');
    const s = await yieldPoints('tiny');
    type Side = Record<string, { firstFailure: number | null; warned: boolean }[]>;
    const data = s.data as { seeds: number; auto: Side; hand: Side; none: Side };
    const cases = ['connection-pool', 'memo-cache', 'pool-acquire-timeout', 'rate-limiter', 'swr-cache', 'p-memoize', 'async-cache-dedupe', 'aws-property-provider'];
    expect(Object.keys(data.auto)).toEqual(cases);
    expect(Object.keys(data.hand)).toEqual(cases);
    expect(Object.keys(data.none)).toEqual(cases);
    for (const name of cases) expect(data.auto[name]!.map((o) => o.firstFailure !== null), name).toEqual([true, true]);
    // Uninstrumented, p-memoize's race is missed and the check says nothing was interleaved.
    expect(data.none['p-memoize']).toEqual([expect.objectContaining({ firstFailure: null, warned: true }), expect.objectContaining({ firstFailure: null, warned: true })]);
    expect(s.body).toContain('| `p-memoize` | 2/2 |');
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
    expect(s.body).toContain('| large-heap loop (ceiling) | 2 threads |');
  });
});
