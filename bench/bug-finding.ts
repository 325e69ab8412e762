import { check } from '../src/check.js';
import type { StrategyName } from '../src/scheduler/strategy.js';
import { fcExplore } from './fc-runner.js';
import { flagBug, lostUpdateBug, relayBug, twoStageBug, windowBug, type PanelBug } from './panel.js';
import { toScenario } from './program.js';
import { medianRuns } from './uniform-odds.js';
import { fmt, median, range, table } from './stats.js';
import type { BenchSize, Section } from './section.js';

/** A way of searching, racekit's or fast-check's. */
interface Searcher {
  readonly name: string;
  /** Deterministic searchers (exhaustive) ignore the seed: one measurement. */
  readonly seeded: boolean;
  /** Measured over the larger seed count (the default and its members, whose ratios the targets compare). */
  readonly manySeeds: boolean;
  /** Runs to first failure, or undefined when `cap` runs found nothing. */
  find(bug: PanelBug, seed: number, cap: number): Promise<number | undefined>;
}

function racekit(name: string, strategy: StrategyName, depth?: number, manySeeds = false): Searcher {
  return {
    name,
    manySeeds,
    seeded: strategy !== 'exhaustive',
    async find(bug, seed, cap) {
      const r = await check(toScenario(bug.program), { strategy, depth, runs: cap, seed, shrink: false });
      return r.failed ? r.firstFailure : undefined;
    },
  };
}

const fastCheck: Searcher = {
  name: 'fc.scheduler',
  seeded: true,
  manySeeds: false,
  async find(bug, seed, cap) {
    const r = await fcExplore(bug.program, { runs: cap, seed });
    return r.failed ? r.runs : undefined;
  },
};

const DEFAULT = 'portfolio (default)';

/** The default's members, each also measured alone: the default must stay within 2× of the best of them. */
const MEMBERS = ['surw', 'soft-pct', 'exhaustive'];

/** The searchers compared, racekit's default (portfolio) included. */
export const searchers: readonly Searcher[] = [
  racekit('random', 'random'),
  racekit('pct d=2', 'pct', 2),
  racekit('pct d=3', 'pct', 3),
  racekit('surw', 'surw', undefined, true),
  racekit('soft-pct', 'soft-pct', undefined, true),
  racekit('exhaustive', 'exhaustive'),
  racekit(DEFAULT, 'portfolio', undefined, true),
  fastCheck,
];

/**
 * The panel, from shallow to deep: flag windows, depth-3 relays, the lost
 * update in a 50-step task, a window that every other writer closes among
 * 5, 10 and 20 tasks, and a 100-task program of two stages per task.
 */
export function panel(size: BenchSize): PanelBug[] {
  if (size === 'tiny') return [flagBug(2, 4, 1, 1), relayBug(3, 4, 1, 1, 1), lostUpdateBug(6, 1, 3)];
  const quick = [flagBug(2, 10, 4, 4), relayBug(3, 10, 2, 2, 2), flagBug(2, 50, 10, 40), windowBug(5, 20, 5, 15)];
  if (size === 'quick') return quick;
  return [
    ...quick.slice(0, 3),
    flagBug(8, 25, 5, 15),
    flagBug(4, 40, 10, 30),
    lostUpdateBug(50, 10, 40),
    relayBug(3, 40, 5, 20, 35),
    relayBug(4, 30, 4, 15, 26),
    windowBug(5, 20, 5, 15),
    windowBug(10, 20, 5, 15),
    windowBug(20, 20, 5, 15),
    twoStageBug(100),
  ];
}

interface Cell {
  readonly found: number[];
  readonly missed: number;
  readonly cap: number;
}

/** Median runs to first failure; a seed that found nothing counts as the cap (a lower bound). */
function summary(cell: Cell): { median: number; censored: boolean } {
  const all = [...cell.found, ...Array<number>(cell.missed).fill(cell.cap)];
  const m = median(all);
  return { median: m, censored: cell.missed > 0 && m >= cell.cap };
}

function describe(cell: Cell | undefined): string {
  if (!cell) return '';
  const s = summary(cell);
  if (cell.found.length === 0) return `none in ${fmt(cell.cap)}`;
  const [lo, hi] = range(cell.found);
  const m = s.censored ? `>${fmt(cell.cap)}` : fmt(s.median, 1);
  const missed = cell.missed > 0 ? `, ${cell.missed} missed` : '';
  return `${m} (${fmt(lo)}–${fmt(hi)}${missed})`;
}

/** What fast-check's median is taken to be in the ratios, and where that figure comes from. */
interface Reference {
  readonly median: number;
  readonly source: 'exact odds' | 'fc.scheduler' | 'uniform random' | 'lower bound';
}

/**
 * fast-check's median runs to first failure: the exact median of uniform
 * random scheduling when the bug's odds are known (fc.scheduler is uniform
 * random, bench/uniform-odds.ts), else fc.scheduler's measured median, else
 * racekit's `random` (the same distribution, given more runs), else the cap
 * as a lower bound.
 */
function reference(bug: PanelBug, row: Map<string, Cell>): Reference {
  if (bug.uniformP !== undefined) return { median: medianRuns(bug.uniformP), source: 'exact odds' };
  const fc = summary(row.get(fastCheck.name)!);
  if (!fc.censored) return { median: fc.median, source: 'fc.scheduler' };
  const random = summary(row.get('random')!);
  if (!random.censored) return { median: random.median, source: 'uniform random' };
  return { median: Math.max(fc.median, random.median), source: 'lower bound' };
}

/** fc's reference median over racekit's median (>1: racekit needs fewer runs), or undefined when racekit found nothing. */
function ratioOf(ref: Reference, mine: Cell): number | undefined {
  const m = summary(mine);
  return mine.found.length === 0 || m.censored ? undefined : ref.median / m.median;
}

function showRatio(ref: Reference, r: number | undefined): string {
  if (r === undefined) return '—';
  const n = `${fmt(r, r < 10 ? 1 : 0)}×`;
  return ref.source === 'lower bound' ? `>${n}` : n;
}

function geomean(xs: readonly number[]): number {
  return Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
}

/** Measures runs to first failure for every bug × searcher over the seeds. */
export async function bugFinding(size: BenchSize): Promise<Section> {
  const seeds = size === 'full' ? 10 : size === 'quick' ? 3 : 1;
  const manySeeds = size === 'full' ? 30 : seeds;
  const cap = size === 'full' ? 20_000 : size === 'quick' ? 300 : 50;
  const fcCap = size === 'full' ? 2_000 : cap;
  const otherCap = size === 'full' ? 5_000 : cap;
  const bugs = panel(size);
  const results = new Map<string, Map<string, Cell>>();
  const measure = async (s: Searcher, bug: PanelBug, c: number): Promise<Cell> => {
    const found: number[] = [];
    let missed = 0;
    const n = !s.seeded ? 1 : s.manySeeds ? manySeeds : seeds;
    for (let seed = 1; seed <= n; seed++) {
      const runs = await s.find(bug, seed, c);
      if (runs === undefined) missed++;
      else found.push(runs);
    }
    return { found, missed, cap: c };
  };
  // The default first: a member only matters for the 2× target when its
  // median could be below half the default's, so a member stops at the
  // default's median (at least 1,000 runs); random, PCT and exhaustive are
  // for comparison (and random for the reference) and stop at 5,000.
  const ordered = [searchers.find((s) => s.name === DEFAULT)!, ...searchers.filter((s) => s.name !== DEFAULT)];
  for (const bug of bugs) {
    const row = new Map<string, Cell>();
    for (const s of ordered) {
      let c = cap;
      if (s === fastCheck) c = fcCap;
      else if (MEMBERS.includes(s.name) && s.seeded && size === 'full') c = Math.min(cap, Math.max(1_000, Math.ceil(summary(row.get(DEFAULT)!).median)));
      else if (s.name !== DEFAULT && size === 'full') c = otherCap;
      row.set(s.name, await measure(s, bug, c));
    }
    results.set(bug.id, row);
  }
  const analysis = bugs.map((bug) => {
    const row = results.get(bug.id)!;
    const ref = reference(bug, row);
    const mine = summary(row.get(DEFAULT)!);
    const members = MEMBERS.map((m) => ({ name: m, s: summary(row.get(m)!), cell: row.get(m)! })).filter((m) => m.cell.found.length > 0 && !m.s.censored);
    const best = members.sort((a, b) => a.s.median - b.s.median)[0];
    return { bug, ref, ratio: ratioOf(ref, row.get(DEFAULT)!), mine, best, vsBest: best && !mine.censored ? mine.median / best.s.median : undefined };
  });
  const header = ['bug', 'd', ...searchers.map((s) => s.name), 'fc reference', 'default vs fc', 'default ÷ best member'];
  const rows = analysis.map(({ bug, ref, ratio, best, vsBest }) => {
    const row = results.get(bug.id)!;
    return [
      bug.hidden ? `**${bug.id}**` : bug.id,
      String(bug.depth),
      ...searchers.map((s) => describe(row.get(s.name))),
      `${ref.source === 'lower bound' ? '>' : ''}${fmt(ref.median)} (${ref.source})`,
      showRatio(ref, ratio),
      vsBest === undefined ? '—' : `${fmt(vsBest, 2)} (${best!.name})`,
    ];
  });
  const legend = bugs.map((b) => `- \`${b.id}\`${b.hidden ? ' (deep)' : ''}: ${b.description}`).join('\n');
  const body = [
    `Runs to first failure: median (min–max over the seeds that found it). racekit's default and its members (surw, soft-pct) over ${manySeeds} seeds, random, PCT and fc.scheduler over ${seeds}, exhaustive once (it is deterministic). Caps per seed: ${fmt(cap)} runs for the default, ${fmt(otherCap)} for random, PCT and exhaustive, ${fmt(fcCap)} for fc.scheduler (about ten times slower per run), and for each member the default's median (at least 1,000): a member stopped there has a median above the default's, so it cannot be one the default is more than twice as slow as. A seed that found nothing counts as the cap, so a median marked ">" is a lower bound. No shrinking on either side. Deep bugs (bold) are those hidden among 100 or more steps per run: the targets' geomean is over them.`,
    '',
    `"fc reference" is what the ratios divide: fc.scheduler releases one pending call per unfinished task, drawn uniformly, exactly as racekit's \`random\` does, so where a bug's odds under uniform random scheduling are known exactly (bench/uniform-odds.ts: the two-task grid walk, and the relay walk over every task's progress) the reference is that exact median ("exact odds"; it matches fc.scheduler's measured mean within 1% on flag-2x10 and a 2×6 lost update over 300 seeds); otherwise fc.scheduler's measured median, or, when no fc seed found the bug within its cap, racekit \`random\`'s median (the same distribution given ${fmt(otherCap)} runs: "uniform random"), or the larger cap as a lower bound. "default ÷ best member" divides the default's median by the best median among surw, soft-pct and exhaustive measured alone.`,
    '',
    legend,
    '',
    table(header, rows),
  ].join('\n');
  const deep = analysis.filter((a) => a.bug.hidden);
  const deepRatios = deep.map((a) => a.ratio ?? 0);
  const g = deepRatios.every((r) => r > 0) ? geomean(deepRatios) : 0;
  const worstVsFc = analysis.reduce((w, a) => ((a.ratio ?? 0) < (w.ratio ?? 0) ? a : w), analysis[0]!);
  const withBest = analysis.filter((a) => a.vsBest !== undefined);
  const worstVsBest = withBest.reduce((w, a) => (a.vsBest! > w.vsBest! ? a : w), withBest[0]!);
  const hard = analysis.filter((a) => a.bug.id === 'relay-3x40' || a.bug.id === 'two-stage-100');
  const targets =
    size === 'tiny'
      ? []
      : [
          {
            claim: 'default strategy ≥ 50× fewer runs to first failure than fc.scheduler, geomean over the deep bugs (medians over seeds)',
            measured: `geomean ${fmt(g, 1)}× over ${deep.length} deep bugs: ${deep.map((a) => `${a.bug.id} ${showRatio(a.ref, a.ratio)}`).join('; ')}`,
            met: g >= 50,
          },
          {
            claim: 'default never needs more runs than fc.scheduler on any bug',
            measured: `worst ${worstVsFc.bug.id} ${showRatio(worstVsFc.ref, worstVsFc.ratio)} (reference ${fmt(worstVsFc.ref.median)}, default ${fmt(worstVsFc.mine.median, 1)})`,
            met: analysis.every((a) => (a.ratio ?? 0) >= 1),
          },
          {
            claim: 'default never needs more than 2× the runs of its best single member on any bug',
            measured: withBest.length === 0 ? 'no member found a bug' : `worst ${worstVsBest.bug.id}: ${fmt(worstVsBest.vsBest!, 2)}× ${worstVsBest.best!.name} (${fmt(worstVsBest.mine.median, 1)} vs ${fmt(worstVsBest.best!.s.median, 1)})`,
            met: analysis.every((a) => a.vsBest !== undefined && a.vsBest <= 2),
          },
          ...(hard.length > 0
            ? [
                {
                  claim: 'relay-3x40 and the 100-task two-stage bug found within 20,000 runs (default, median)',
                  measured: hard.map((a) => `${a.bug.id} ${a.mine.censored ? `>${fmt(cap)}` : fmt(a.mine.median, 1)}`).join('; '),
                  met: hard.length === 2 && hard.every((a) => !a.mine.censored && a.mine.median <= 20_000),
                },
              ]
            : []),
        ];
  return { targets, id: 'bug-finding', title: 'Bug-finding power: runs to first failure', body, data: Object.fromEntries([...results].map(([k, v]) => [k, Object.fromEntries(v)])) };
}
