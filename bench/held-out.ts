import { createStrategy } from '../src/scheduler/create-strategy.js';
import { Prng } from '../src/scheduler/prng.js';
import type { StrategyName } from '../src/scheduler/strategy.js';
import { countFailures, driveRun } from './drive.js';
import { flagBug, lostUpdateBug, relayBug, windowBug, type PanelBug } from './panel.js';
import type { BenchSize, Section } from './section.js';
import { fmt, table } from './stats.js';

/**
 * Bugs drawn at random from the panel's four families (windows, flags,
 * relays, lost updates) with random sizes and positions: a strategy tuned on
 * the panel is measured here on bugs it was not tuned on. Seeded, so every
 * run of the bench draws the same bugs.
 */
export function heldOutBugs(count: number, seed: number): PanelBug[] {
  const g = new Prng(seed);
  const int = (lo: number, hi: number) => lo + g.int(hi - lo + 1);
  const bugs: PanelBug[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 4 === 0) {
      const [n, l] = [int(3, 20), int(5, 20)];
      bugs.push(windowBug(n, l, int(0, l - 2), int(0, l - 1), g.int(2) === 0));
    } else if (i % 4 === 1) {
      const [n, l] = [int(2, 8), int(5, 40)];
      bugs.push(flagBug(n, l, int(0, l - 2), int(0, l - 1)));
    } else if (i % 4 === 2) {
      const [n, l] = [int(3, 5), int(5, 25)];
      bugs.push(relayBug(n, l, int(0, l - 2), int(0, l - 2), int(0, l - 1)));
    } else {
      const l = int(10, 60);
      bugs.push(lostUpdateBug(l, int(0, l - 2), int(0, l - 2)));
    }
  }
  return bugs;
}

/** The strategies compared; `random` is fast-check's distribution (one pending call per unfinished task, uniformly). */
const STRATEGIES: readonly StrategyName[] = ['random', 'soft-pct', 'portfolio'];

/** Failing runs of `name` on `bug` over `seeds` checks of `runs` runs each, the strategy learning within a check as it does in one. */
async function failures(bug: PanelBug, name: StrategyName, seeds: number, runs: number): Promise<number> {
  let failed = 0;
  for (let seed = 1; seed <= seeds; seed++) failed += await countFailures(bug.program, createStrategy(name, { seed, depth: 2, preemptionBound: 2, manyWorkloads: false }), runs);
  return failed;
}

const geomean = (xs: readonly number[]) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
const quantile = (xs: readonly number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

/** Per-run failure rates of uniform random, soft PCT and the default on bugs drawn outside the panel. */
export async function heldOut(size: BenchSize): Promise<Section> {
  const [count, seeds, runs] = size === 'full' ? [140, 6, 500] : size === 'quick' ? [12, 2, 150] : [4, 1, 40];
  const bugs = [...heldOutBugs(Math.round(count * (3 / 7)), 12345), ...heldOutBugs(count - Math.round(count * (3 / 7)), 777)];
  const total = seeds * runs;
  const rows: { bug: PanelBug; steps: number; failed: Record<string, number> }[] = [];
  for (const bug of bugs) {
    const failed: Record<string, number> = {};
    for (const name of STRATEGIES) failed[name] = await failures(bug, name, seeds, runs);
    rows.push({ bug, steps: (await driveRun(bug.program, () => 0)).steps, failed });
  }
  // A strategy that failed no run is counted as half a failure: a rate below what the runs can show, not zero.
  const rate = (n: number) => Math.max(n, 0.5) / total;
  const found = rows.filter((r) => STRATEGIES.some((s) => r.failed[s]! > 0));
  const summary = STRATEGIES.filter((s) => s !== 'random').map((s) => {
    const ratios = found.map((r) => rate(r.failed[s]!) / rate(r.failed.random!));
    return [
      s === 'portfolio' ? 'portfolio (default)' : s,
      `${fmt(geomean(ratios), 2)}×`,
      `${fmt(quantile(ratios, 0), 2)}× / ${fmt(quantile(ratios, 0.1), 2)}× / ${fmt(quantile(ratios, 0.25), 2)}× / ${fmt(quantile(ratios, 0.5), 2)}×`,
      `${ratios.filter((x) => x < 0.5).length} of ${ratios.length}`,
      `${ratios.filter((x) => x < 1).length} of ${ratios.length}`,
      String(found.filter((r) => r.failed[s] === 0 && r.failed.random! > 0).length),
    ];
  });
  const worst = [...found].sort((a, b) => rate(a.failed.portfolio!) / rate(a.failed.random!) - rate(b.failed.portfolio!) / rate(b.failed.random!)).slice(0, 8);
  const body = [
    `${bugs.length} bugs drawn at random (seeded) from the panel's four families — windows among 3–20 tasks of 5–20 steps (closed by the other writers at every step or once each), flags among 2–8 tasks of 5–40 steps, depth-3 relays among 3–5 tasks of 5–25 steps, lost updates in two tasks of 10–60 steps — with random positions: bugs the default was not tuned on. Each strategy runs ${fmt(total)} runs per bug (${seeds} checks of ${runs} runs, learning within a check as in one), driven by bench/drive.ts, and its failing runs are counted; "uniform random" is fast-check's scheduler's distribution (§ 3). ${found.length} bugs failed some run of some strategy; the ratios below are each strategy's per-run failure rate over uniform random's on those (above 1: fewer runs than fc.scheduler needed), a strategy that failed no run counted as half a failure.`,
    '',
    table(['strategy', 'rate ÷ uniform random, geomean', 'min / 10 % / 25 % / median', 'below half of uniform random', 'below uniform random', 'bugs only uniform random found'], summary),
    '',
    'The eight bugs where the default fares worst against uniform random:',
    '',
    table(['bug', 'steps', ...STRATEGIES.map((s) => `${s === 'portfolio' ? 'default' : s} failing runs`), 'default ÷ random'], worst.map((r) => [r.bug.description, String(r.steps), ...STRATEGIES.map((s) => `${fmt(r.failed[s]!)} of ${fmt(total)}`), `${fmt(rate(r.failed.portfolio!) / rate(r.failed.random!), 2)}×`])),
  ].join('\n');
  return { id: 'held-out', title: 'Bug-finding on bugs outside the panel', body, data: rows.map((r) => ({ id: r.bug.id, description: r.bug.description, steps: r.steps, failed: r.failed, runs: total })) };
}
