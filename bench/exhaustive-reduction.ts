import { Mutex } from 'async-mutex';
import { check } from '../src/check.js';
import type { Scenario } from '../src/scenario.js';
import { fmt, fmtMs, median, table } from './stats.js';
import type { BenchSize, Section } from './section.js';

/** What the steps of the grid declare they touch. */
type Touches = 'undeclared' | 'half shared' | 'disjoint';

/**
 * n tasks × k steps. `undeclared`: no `touches`, every step dependent with
 * every other (no reduction possible). `half shared`: even steps touch one
 * shared cell, odd steps the task's own. `disjoint`: each task only its own.
 */
function grid(n: number, k: number, touches: Touches): Scenario<{ log: number[] }> {
  const declare = (task: number, step: number): string[] | undefined => {
    if (touches === 'undeclared') return undefined;
    if (touches === 'half shared' && step % 2 === 0) return ['shared'];
    return [`own${task}`];
  };
  return {
    name: `grid ${n}×${k} ${touches}`,
    setup: () => ({ log: [] }),
    tasks: Array.from({ length: n }, (_, t) => async (ctx, s: { log: number[] }) => {
      for (let i = 0; i < k; i++) {
        const t1 = declare(t, i);
        await ctx.step(`s${i}`, t1 ? { touches: t1 } : undefined);
        s.log.push(t);
      }
    }),
  };
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
}

async function explore<S>(scenario: Scenario<S>, preemptionBound: number, cap: number, repeats: number): Promise<Exploration> {
  const times: number[] = [];
  let last = { runs: 0, exhausted: false };
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    const r = await check(scenario, { strategy: 'exhaustive', preemptionBound, runs: cap, seed: 1 });
    times.push(performance.now() - t0);
    if (r.failed) throw new Error(`${scenario.name}: unexpected failure ${r.message}`);
    last = { runs: r.runs, exhausted: r.exhausted };
  }
  return { ...last, ms: median(times) };
}

const show = (e: Exploration) => `${fmt(e.runs)}${e.exhausted ? '' : '+ (cap)'} in ${fmtMs(e.ms)}`;

/** Schedules visited to exhaust n×k grids with and without `touches`, and the locked counter proven. */
export async function exhaustiveReduction(size: BenchSize): Promise<Section> {
  const cap = size === 'full' ? 100_000 : size === 'quick' ? 20_000 : 2_000;
  const repeats = size === 'full' ? 3 : 1;
  const shapes: [number, number][] = size === 'tiny' ? [[2, 2]] : [2, 3, 4].flatMap((n) => [2, 3, 4].map((k) => [n, k] as [number, number]));
  const modes: Touches[] = ['undeclared', 'half shared', 'disjoint'];
  const rows: string[][] = [];
  const data: Record<string, unknown> = {};
  for (const [n, k] of shapes) {
    const row = [`${n}×${k}`];
    const results: Exploration[] = [];
    for (const mode of modes) {
      const e = await explore(grid(n, k, mode), 2, cap, repeats);
      results.push(e);
      row.push(show(e));
    }
    const [none, , disjoint] = results;
    row.push(none!.exhausted && disjoint!.exhausted ? `${fmt(none!.runs / disjoint!.runs, 1)}×` : '—');
    rows.push(row);
    data[`${n}x${k}`] = Object.fromEntries(modes.map((m, i) => [m, results[i]]));
  }
  const lockedShape: [number, number] = size === 'tiny' ? [2, 1] : [3, 3];
  const locked = lockedWithOutsideYield(...lockedShape);
  const lockedRuns: string[][] = [];
  let defaultBound: Exploration | undefined;
  for (const bound of size === 'tiny' ? [2] : [1, 2, 3]) {
    const e = await explore(locked, bound, size === 'full' ? 200_000 : cap, repeats);
    lockedRuns.push([String(bound), fmt(e.runs), e.exhausted ? 'yes' : `no (cap ${fmt(size === 'full' ? 200_000 : cap)})`, fmtMs(e.ms)]);
    data[`locked-pb${bound}`] = e;
    if (bound === 2) defaultBound = e;
  }
  const body = [
    `\`check(scenario, { strategy: 'exhaustive', preemptionBound: 2 })\` (the default bound) on n tasks × k plain steps until the walk is exhausted; runs executed (pruned runs included) and wall time, median of ${repeats}. "undeclared": no \`touches\`, so no step commutes with any other; "half shared": even steps touch one shared cell, odd steps the task's own; "disjoint": every step touches only its task's own cell. The last column is undeclared ÷ disjoint runs.`,
    '',
    table(['n×k', 'undeclared', 'half shared', 'disjoint', 'reduction'], rows),
    '',
    `The locked counter (async-mutex \`runExclusive\` around read, yield, write) with a yield point outside the lock, ${lockedShape[0]} tasks × ${lockedShape[1]} increments (${lockedShape[0] * lockedShape[1] * 3} steps per run), explored until exhausted, by preemption bound:`,
    '',
    table(['preemption bound', 'runs', 'exhausted', 'wall time'], lockedRuns),
  ].join('\n');
  const targets = defaultBound
    ? [
        {
          claim: `locked counter ${lockedShape[0]}×${lockedShape[1]} with a yield point outside the lock explored completely (exhausted) in < 1 s`,
          measured: `${defaultBound.exhausted ? 'exhausted' : 'not exhausted'} in ${fmt(defaultBound.runs)} runs, ${fmtMs(defaultBound.ms)} (default preemption bound 2; no bound was not attempted)`,
          met: defaultBound.exhausted && defaultBound.ms < 1000,
        },
      ]
    : [];
  return { targets, id: 'exhaustive', title: 'Exhaustive reduction: sleep sets and the locked counter proven', body, data };
}
