import { Mutex } from 'async-mutex';
import { check } from '../src/check.js';
import type { Scenario } from '../src/scenario.js';
import { ExhaustiveStrategy } from '../src/scheduler/exhaustive.js';
import { driveRun } from './drive.js';
import { toScenario, type Program, type Touches } from './program.js';
import { fmt, fmtMs, median, table } from './stats.js';
import type { BenchSize, Section } from './section.js';

/** What the steps of the grid declare they touch. */
type Declared = 'undeclared' | 'half shared' | 'disjoint';

/** n tasks × k plain steps, each recording its task. */
function grid(n: number, k: number): Program<{ log: number[] }> {
  return {
    name: `grid ${n}×${k}`,
    setup: () => ({ log: [] }),
    tasks: Array.from({ length: n }, (_, t) => async (y, s: { log: number[] }) => {
      for (let i = 0; i < k; i++) {
        await y(`s${i}`);
        s.log.push(t);
      }
    }),
    invariant: () => true,
  };
}

/**
 * `undeclared`: no `touches`, every step dependent with every other (no
 * reduction possible). `half shared`: even steps touch one shared cell, odd
 * steps the task's own. `disjoint`: each task only its own.
 */
function declared(mode: Declared): Touches | undefined {
  if (mode === 'undeclared') return undefined;
  return (task, _label, i) => (mode === 'half shared' && i % 2 === 0 ? ['shared'] : [`own${task}`]);
}

/** The locked counter with a yield point outside the lock: 3 tasks × 3 increments. */
export function lockedWithOutsideYield(tasks: number, increments: number): Scenario<{ counter: number; mutex: Mutex }> {
  return {
    name: `locked counter ${tasks}×${increments} + outside yield`,
    setup: () => ({ counter: 0, mutex: new Mutex() }),
    tasks: Array.from({ length: tasks }, () => async (ctx, s: { counter: number; mutex: Mutex }) => {
      for (let i = 0; i < increments; i++) {
        // Outside the lock: what follows only acquires the mutex.
        await ctx.step('think', { touches: ['mutex'] });
        await s.mutex.runExclusive(async () => {
          await ctx.step('read', { touches: ['counter'] });
          const v = s.counter;
          await ctx.step('write', { touches: ['counter', 'mutex'] });
          s.counter = v + 1;
        });
      }
    }),
    invariant: (s) => s.counter === tasks * increments || `counter is ${s.counter}, expected ${tasks * increments}`,
  };
}

interface Exploration {
  runs: number;
  exhausted: boolean;
  ms: number;
  /** Distinct Mazurkiewicz classes among the completed runs. */
  classes: number;
}

/**
 * Explores with `check()` (runs and wall time, median of `repeats`) and
 * counts classes by driving the same deterministic walk with the bench
 * driver, which sees the strategy's own statistics (check() does not report
 * them yet); the two must agree on the number of runs.
 */
async function explore<S>(program: Program<S>, touches: Touches | undefined, preemptionBound: number, cap: number, repeats: number): Promise<Exploration> {
  const times: number[] = [];
  let last = { runs: 0, exhausted: false };
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    const r = await check(toScenario(program, touches), { strategy: 'exhaustive', preemptionBound, runs: cap, seed: 1 });
    times.push(performance.now() - t0);
    if (r.failed) throw new Error(`${program.name}: unexpected failure ${r.message}`);
    last = { runs: r.runs, exhausted: r.exhausted };
  }
  const walk = new ExhaustiveStrategy({ preemptionBound, manyWorkloads: false });
  for (let plan = walk.plan(), n = 0; plan && n < cap; plan = walk.plan(), n++) {
    const chooser = plan.chooser;
    const r = await driveRun(program, (d) => chooser.choose(d), touches);
    walk.done(plan, { steps: r.steps, pruned: r.outcome === 'pruned' });
  }
  if (walk.stats.runs !== last.runs) throw new Error(`${program.name}: check() ran ${last.runs} runs, the driven walk ${walk.stats.runs}`);
  return { ...last, ms: median(times), classes: walk.stats.classes };
}

const bound = (b: number) => (b === Infinity ? '∞' : String(b));

/** "runs (classes) in ms", the classes only when they differ from the runs. */
function show(e: Exploration): string {
  const classes = e.classes === e.runs ? '' : ` (${fmt(e.classes)} classes)`;
  return `${fmt(e.runs)}${e.exhausted ? '' : '+ (cap)'}${classes} in ${fmtMs(e.ms)}`;
}

/** Schedules visited to exhaust n×k grids with and without `touches`, classes and redundancy, and the locked counter proven. */
export async function exhaustiveReduction(size: BenchSize): Promise<Section> {
  const cap = size === 'full' ? 100_000 : size === 'quick' ? 20_000 : 2_000;
  const repeats = size === 'full' ? 3 : 1;
  const shapes: [number, number][] = size === 'tiny' ? [[2, 2]] : size === 'quick' ? [[2, 2], [3, 3]] : [2, 3, 4].flatMap((n) => [2, 4, 6].map((k) => [n, k] as [number, number]));
  const columns: [Declared, number][] = [
    ['undeclared', 2],
    ['half shared', 2],
    ['half shared', Infinity],
    ['disjoint', 2],
    ['disjoint', Infinity],
  ];
  const rows: string[][] = [];
  const grids: Record<string, Record<string, Exploration>> = {};
  const lockedData: Record<string, { runs: number; exhausted: boolean; ms: number }> = {};
  let worstRedundancy = 1;
  for (const [n, k] of shapes) {
    const row = [`${n}×${k}`];
    const cells: Record<string, Exploration> = {};
    for (const [mode, b] of columns) {
      const e = await explore(grid(n, k), declared(mode), b, cap, repeats);
      cells[`${mode} pb=${bound(b)}`] = e;
      if (e.exhausted && e.classes > 0) worstRedundancy = Math.max(worstRedundancy, e.runs / e.classes);
      row.push(show(e));
    }
    const none = cells['undeclared pb=2']!;
    const half = cells['half shared pb=2']!;
    row.push(none.exhausted && half.exhausted ? `${fmt(none.runs / half.runs, 1)}×` : '—');
    rows.push(row);
    grids[`${n}x${k}`] = cells;
  }
  const lockedShape: [number, number] = size === 'tiny' ? [2, 1] : [3, 3];
  const locked = lockedWithOutsideYield(...lockedShape);
  const lockedRuns: string[][] = [];
  let defaultBound: { runs: number; exhausted: boolean; ms: number } | undefined;
  const lockedCap = size === 'full' ? 200_000 : cap;
  for (const b of size === 'tiny' ? [2] : [1, 2, 3]) {
    const times: number[] = [];
    let r = { runs: 0, exhausted: false };
    for (let i = 0; i < repeats; i++) {
      const t0 = performance.now();
      const res = await check(locked, { strategy: 'exhaustive', preemptionBound: b, runs: lockedCap, seed: 1 });
      times.push(performance.now() - t0);
      r = { runs: res.runs, exhausted: res.exhausted };
    }
    const e = { ...r, ms: median(times) };
    lockedRuns.push([bound(b), fmt(e.runs), e.exhausted ? 'yes' : `no (cap ${fmt(lockedCap)})`, fmtMs(e.ms)]);
    lockedData[`pb${bound(b)}`] = e;
    if (b === 2) defaultBound = e;
  }
  const body = [
    `\`check(scenario, { strategy: 'exhaustive', preemptionBound })\` on n tasks × k plain steps until the walk is exhausted: runs executed (pruned runs included), the Mazurkiewicz classes among them when fewer (schedules that differ only in the order of steps touching nothing in common are one class), and wall time, median of ${repeats}. "undeclared": no \`touches\`, so no step commutes with any other and every schedule is a class of its own; "half shared": even steps touch one shared cell, odd steps the task's own; "disjoint": every step touches only its task's own cell. pb=2 is the default bound (bounded partial-order reduction, Coons et al. 2013); pb=∞ is optimal DPOR (source sets and wakeup trees, Abdulla et al. 2014/2017), which runs every class exactly once: redundancy (runs ÷ classes) 1. Classes are counted by the bench driver running the same walk (bench/drive.ts; \`check()\` reports them too, as \`classes\`). The last column is undeclared ÷ half shared runs at pb=2. Half shared 4×6 without a bound has 12!/(3!)⁴ = 369,600 classes, past the cap.`,
    '',
    table(['n×k', 'undeclared, pb=2', 'half shared, pb=2', 'half shared, pb=∞', 'disjoint, pb=2', 'disjoint, pb=∞', 'reduction at pb=2'], rows),
    '',
    `Largest redundancy (runs ÷ classes) over the exhausted cells: ${fmt(worstRedundancy, 2)}.`,
    '',
    `The locked counter (async-mutex \`runExclusive\` around read, yield, write) with a yield point outside the lock, ${lockedShape[0]} tasks × ${lockedShape[1]} increments (${lockedShape[0] * lockedShape[1] * 3} steps per run), explored until exhausted, by preemption bound (without a bound it has more than 300,000 classes):`,
    '',
    table(['preemption bound', 'runs', 'exhausted', 'wall time'], lockedRuns),
  ].join('\n');
  const unbounded = Object.values(grids).flatMap((cells) => Object.entries(cells).filter(([key, e]) => key.endsWith('∞') && e.exhausted).map(([, e]) => e));
  const targets = defaultBound
    ? [
        {
          claim: `locked counter ${lockedShape[0]}×${lockedShape[1]} with a yield point outside the lock explored completely (exhausted) in < 1 s`,
          measured: `${defaultBound.exhausted ? 'exhausted' : 'not exhausted'} in ${fmt(defaultBound.runs)} runs, ${fmtMs(defaultBound.ms)} (default preemption bound 2)`,
          met: defaultBound.exhausted && defaultBound.ms < 1000,
        },
        {
          claim: 'exhaustive without a bound runs each Mazurkiewicz class once when steps declare touches (redundancy 1)',
          measured: `runs ÷ classes at most ${fmt(unbounded.reduce((w, e) => Math.max(w, e.runs / e.classes), 1), 2)} over the ${unbounded.length} exhausted pb=∞ cells`,
          met: unbounded.length > 0 && unbounded.every((e) => e.runs === e.classes),
        },
      ]
    : [];
  const data = { grids, locked: lockedData };
  return { targets, id: 'exhaustive', title: 'Exhaustive: partial-order reduction, classes and the locked counter proven', body, data };
}
