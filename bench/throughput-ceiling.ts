import { check } from '../src/check.js';
import { BareScheduler, unscheduledRun } from './bare-scheduler.js';
import { fcExplore } from './fc-runner.js';
import { lockedCounterProgram } from './locked-counter.js';
import { counterProgram } from './panel.js';
import { toScenario, type Program } from './program.js';
import type { BenchSize, Section } from './section.js';
import { fmt, median, table } from './stats.js';

/** Wall µs per run of `runs` runs of `fn`. */
async function perRun(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return ((performance.now() - t0) * 1000) / runs;
}

async function loop(runs: number, one: () => Promise<void>): Promise<void> {
  for (let i = 0; i < runs; i++) await one();
}

interface Row {
  readonly shape: string;
  readonly fc: number;
  readonly racekit: number;
  readonly bare: number;
  readonly alone: number;
}

/** What a row says of the ≥ 10× target on its shape. */
function conclusion(r: Row): string {
  const design = r.fc / r.bare;
  const any = r.fc / r.alone;
  if (any < 10) return `no scheduler can be 10× faster than fc.scheduler here: the program alone, unscheduled, takes ${fmt((100 * r.alone) / r.fc)} % of fc.scheduler's time per run (a ceiling of ${fmt(any, 1)}×).`;
  if (design < 10) return `no scheduler of this design can reach 10×: its bare form already takes ${fmt((100 * r.bare) / r.fc)} % of fc.scheduler's time per run (a ceiling of ${fmt(design, 1)}×); racekit takes ${fmt(r.racekit / r.bare, 1)}× the bare form.`;
  return `the bare form of the design would allow ${fmt(design, 1)}×; racekit takes ${fmt(r.racekit / r.bare, 1)}× the bare form.`;
}

/**
 * How far above fc.scheduler a scheduler can be on the shortest runs, measured
 * rather than argued: per run, fc.scheduler, racekit, a bare scheduler of
 * racekit's design (bare-scheduler.ts: the promise hooks, the marker and a
 * uniform choice, nothing else) and the program with no scheduler at all.
 * fc ÷ bare bounds what any implementation of exact quiescence by promise
 * hooks can reach; fc ÷ unscheduled what any scheduler can.
 */
export async function throughputCeiling(size: BenchSize): Promise<Section> {
  const rounds = size === 'full' ? 5 : size === 'quick' ? 2 : 1;
  const scale = size === 'full' ? 1 : size === 'quick' ? 0.2 : 0.01;
  const shapes: { name: string; program: Program<unknown>; runs: number }[] = [
    { name: '2×1', program: counterProgram(2, 1, false) as Program<unknown>, runs: Math.max(20, Math.round(10_000 * scale)) },
    { name: 'locked 2×1', program: lockedCounterProgram(2, 1) as Program<unknown>, runs: Math.max(20, Math.round(10_000 * scale)) },
    { name: 'locked 2×5', program: lockedCounterProgram(2, 5) as Program<unknown>, runs: Math.max(20, Math.round(2_000 * scale)) },
  ];
  const rows: Row[] = [];
  const bare = new BareScheduler();
  for (const { name, program, runs } of shapes) {
      const scenario = toScenario(program);
      const sides = {
        fc: () => perRun(runs, () => fcExplore(program, { runs, seed: 1, check: false })),
        racekit: () => perRun(runs, () => check(scenario, { strategy: 'random', runs, seed: 1, shrink: false })),
        bare: () => perRun(runs, () => bare.runs(program, runs)),
        alone: () => perRun(runs, () => loop(runs, () => unscheduledRun(program))),
      };
      const order = Object.keys(sides) as (keyof typeof sides)[];
      const times: Record<keyof typeof sides, number[]> = { fc: [], racekit: [], bare: [], alone: [] };
      // A warm-up round, then rounds whose order rotates so drift on a shared machine hits every side.
      for (const side of order) await sides[side]();
      for (let round = 0; round < rounds; round++) {
        for (let i = 0; i < order.length; i++) {
          const side = order[(i + round) % order.length]!;
          times[side].push(await sides[side]());
        }
      }
      rows.push({ shape: name, fc: median(times.fc), racekit: median(times.racekit), bare: median(times.bare), alone: median(times.alone) });
  }
  const x = (a: number, b: number) => `${fmt(a / b, 1)}×`;
  const body = [
    `Per run, wall µs (median of ${rounds} rotating rounds after a warm-up): fc.scheduler as in § 1 (waitFor); racekit \`check(…, { strategy: 'random', shrink: false })\`; a **bare scheduler of racekit's design** (bench/bare-scheduler.ts, about 50 lines: V8's before/after promise hooks counting jobs, a marker queued at the end of each resumed job, a uniform choice; no trace, schedule, invariant, error capture, timers, flows or budgets); and the program **with no scheduler**, every yield point continuing at once. fc ÷ bare is the most any implementation of exact quiescence by promise hooks can be faster than fc.scheduler on that shape, fc ÷ unscheduled the most any scheduler can be; the locked programs spend most of a run in async-mutex itself.`,
    '',
    table(
      ['shape', 'fc.scheduler µs/run', 'racekit µs/run', 'bare design µs/run', 'unscheduled µs/run', 'racekit vs fc', 'ceiling of the design (fc ÷ bare)', 'ceiling of any scheduler (fc ÷ unscheduled)'],
      rows.map((r) => [r.shape, fmt(r.fc, 2), fmt(r.racekit, 2), fmt(r.bare, 2), fmt(r.alone, 2), x(r.fc, r.racekit), x(r.fc, r.bare), x(r.fc, r.alone)]),
    ),
    '',
    ...rows.map((r) => `- ${r.shape}: racekit is ${x(r.fc, r.racekit)} fc.scheduler; ${conclusion(r)}`),
  ].join('\n');
  return { id: 'throughput-ceiling', title: 'Throughput ceilings: what the shortest runs allow', body, data: rows };
}
