import { check } from '../src/check.js';
import { fcExplore, type FcWait } from './fc-runner.js';
import { counterProgram } from './panel.js';
import { lockedCounterProgram } from './locked-counter.js';
import type { Program } from './program.js';
import { toScenario } from './program.js';
import { fmt, median, range, table } from './stats.js';
import type { BenchSize, Section } from './section.js';

interface Rate {
  readonly stepsPerSec: number;
  readonly runsPerSec: number;
  /** Process CPU time (all threads) per run, µs: steadier than wall time on a shared machine. */
  readonly cpuPerRunUs: number;
}

/** Wall and CPU time of `fn`. */
async function clocked(fn: () => Promise<{ steps: number; runs: number }>): Promise<Rate> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await fn();
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  return { stepsPerSec: r.steps / s, runsPerSec: r.runs / s, cpuPerRunUs: (cpu.user + cpu.system) / r.runs };
}

/** Runs so that one measurement does about `targetSteps` scheduled steps. */
function runsFor(tasks: number, increments: number, targetSteps: number): number {
  return Math.max(20, Math.round(targetSteps / (tasks * increments * 2)));
}

/** A shape of the table: the lost-update counter, or the locked one whose tasks block on an async-mutex. */
interface Shape {
  readonly tasks: number;
  readonly increments: number;
  readonly locked: boolean;
}

const shapeName = (s: Shape) => `${s.locked ? 'locked ' : ''}${s.tasks}×${s.increments}`;
const dataKey = (s: Shape) => `${s.locked ? 'locked-' : ''}${s.tasks}x${s.increments}`;

function programOf(s: Shape): Program<unknown> {
  return (s.locked ? lockedCounterProgram(s.tasks, s.increments) : counterProgram(s.tasks, s.increments, false)) as Program<unknown>;
}

async function racekitRate(shape: Shape, runs: number, seed: number): Promise<Rate> {
  const scenario = toScenario(programOf(shape));
  return clocked(() => check(scenario, { strategy: 'random', runs, seed, shrink: false }));
}

async function fcRate(shape: Shape, runs: number, seed: number, wait: FcWait): Promise<Rate> {
  const program = programOf(shape);
  return clocked(() => fcExplore(program, { runs, seed, wait, check: false }));
}

const cell = (xs: number[]) => {
  const [lo, hi] = range(xs);
  return `${fmt(median(xs))} (${fmt(lo)}–${fmt(hi)})`;
};

/**
 * Steps/s and runs/s of the lost-update counter (oracle off, so every run
 * executes in full on both sides) under racekit `random` and `fc.scheduler()`,
 * alternating in rounds in one process; medians of the rounds.
 */
export async function throughput(size: BenchSize): Promise<Section> {
  const rounds = size === 'full' ? 5 : size === 'quick' ? 2 : 1;
  const targetSteps = size === 'full' ? 40_000 : size === 'quick' ? 8_000 : 200;
  const plain: Shape[] = [2, 4, 8].flatMap((tasks) => [1, 5, 50].map((increments) => ({ tasks, increments, locked: false })));
  const locked: Shape[] = [2, 8].flatMap((tasks) => [1, 5].map((increments) => ({ tasks, increments, locked: true })));
  const shapes: Shape[] = size === 'tiny' ? [{ tasks: 2, increments: 1, locked: false }, { tasks: 2, increments: 1, locked: true }] : [...plain, ...locked];
  // Warm both sides up so the first shape does not pay for JIT compilation.
  const warm: Shape = { tasks: 4, increments: 5, locked: false };
  await racekitRate(warm, runsFor(4, 5, targetSteps), 99);
  await fcRate(warm, runsFor(4, 5, targetSteps), 99, 'waitFor');
  const rows: string[][] = [];
  const data: Record<string, unknown> = {};
  const runRatios: number[] = [];
  const cpuRatios: number[] = [];
  const nsPerStep: [string, number][] = [];
  for (const shape of shapes) {
    const { tasks: n, increments: k } = shape;
    const runs = runsFor(n, k, targetSteps);
    const rk: Rate[] = [];
    const fcFor: Rate[] = [];
    const fcIdle: Rate[] = [];
    for (let round = 0; round < rounds; round++) {
      // Alternate which side goes first so drift on a shared machine hits both.
      const seed = round + 1;
      if (round % 2 === 0) {
        rk.push(await racekitRate(shape, runs, seed));
        fcFor.push(await fcRate(shape, runs, seed, 'waitFor'));
        fcIdle.push(await fcRate(shape, runs, seed, 'waitIdle'));
      } else {
        fcIdle.push(await fcRate(shape, runs, seed, 'waitIdle'));
        fcFor.push(await fcRate(shape, runs, seed, 'waitFor'));
        rk.push(await racekitRate(shape, runs, seed));
      }
    }
    const rkSteps = rk.map((r) => r.stepsPerSec);
    const fcBest = Math.max(median(fcFor.map((r) => r.stepsPerSec)), median(fcIdle.map((r) => r.stepsPerSec)));
    const fcBestRuns = Math.max(median(fcFor.map((r) => r.runsPerSec)), median(fcIdle.map((r) => r.runsPerSec)));
    runRatios.push(median(rk.map((r) => r.runsPerSec)) / fcBestRuns);
    const rkCpu = median(rk.map((r) => r.cpuPerRunUs));
    const fcCpu = Math.min(median(fcFor.map((r) => r.cpuPerRunUs)), median(fcIdle.map((r) => r.cpuPerRunUs)));
    cpuRatios.push(fcCpu / rkCpu);
    nsPerStep.push([shapeName(shape), 1e9 / median(rkSteps)]);
    rows.push([
      shapeName(shape),
      String(runs),
      cell(rkSteps),
      cell(rk.map((r) => r.runsPerSec)),
      fmt(1e9 / median(rkSteps)),
      cell(fcFor.map((r) => r.stepsPerSec)),
      cell(fcFor.map((r) => r.runsPerSec)),
      cell(fcIdle.map((r) => r.runsPerSec)),
      `${fmt(median(rk.map((r) => r.runsPerSec)) / fcBestRuns, 1)}×`,
      `${fmt(median(rkSteps) / fcBest, 1)}×`,
      fmt(rkCpu, 1),
      fmt(fcCpu, 1),
      `${fmt(fcCpu / rkCpu, 1)}×`,
      fmt((rkCpu * 1000) / (2 * n * k)),
    ]);
    data[dataKey(shape)] = { runs, racekit: rk, fcWaitFor: fcFor, fcWaitIdle: fcIdle };
  }
  const header = ['N×K', 'runs', 'racekit steps/s', 'racekit runs/s', 'racekit ns/step', 'fc waitFor steps/s', 'fc waitFor runs/s', 'fc waitIdle runs/s', 'runs/s ratio', 'steps/s ratio', 'racekit CPU µs/run', 'fc CPU µs/run', 'CPU ratio', 'racekit CPU ns/step'];
  const body = [
    `The lost-update counter, N tasks × K increments (2 yield points per increment, so 2·N·K steps per run), invariant not checked so every run executes in full on both sides; the locked rows hold an async-mutex lock across both yield points, so the other tasks are blocked on it, not at a yield point. racekit: \`check(scenario, { strategy: 'random', shrink: false })\`; fast-check: the same task code with every yield point a call to one \`s.scheduleFunction\`-wrapped no-op, run by \`fc.check(fc.asyncProperty(fc.scheduler(), …))\` and awaited with \`s.waitFor(Promise.all(tasks))\` or \`s.waitIdle()\`. ${rounds} alternating rounds of about ${fmt(targetSteps)} steps each; median (min–max). ns/step is wall time per scheduled step including every per-run cost. Ratios are racekit's median over the better of fast-check's two medians. The CPU columns use the process's CPU time (all threads, so garbage collection included) per run, which other load on the machine disturbs far less than wall time; "CPU ns/step" spreads the whole run's CPU time, per-run costs included, over its steps.`,
    '',
    table(header, rows),
  ].join('\n');
  const ratioOf = (pick: (i: number) => boolean) => runRatios.filter((_, i) => pick(i));
  const plainRatios = ratioOf((i) => !shapes[i]!.locked);
  const lockedRatios = ratioOf((i) => shapes[i]!.locked);
  const longestIndex = shapes.reduce((best, sh, i) => (!sh.locked && sh.tasks * sh.increments > shapes[best]!.tasks * shapes[best]!.increments ? i : best), 0);
  const longest = nsPerStep[longestIndex]!;
  const longestShape = shapes[longestIndex]!;
  const longestCpu = (median((data[dataKey(longestShape)] as { racekit: Rate[] }).racekit.map((r) => r.cpuPerRunUs)) * 1000) / (2 * longestShape.tasks * longestShape.increments);
  const [fastest, slowest] = range(nsPerStep.map(([, ns]) => ns));
  const span = (xs: number[]) => (xs.length === 0 ? 'not measured' : `${fmt(range(xs)[0], 1)}×–${fmt(range(xs)[1], 1)}× (median ${fmt(median(xs), 1)}×)`);
  const targets = [
    {
      claim: "≥ 10× fc.scheduler's runs/s on every counter shape, 2×1 included",
      measured: `wall: ${span(plainRatios)} over the ${plainRatios.length} shapes; CPU time: ${span(cpuRatios.filter((_, i) => !shapes[i]!.locked))}`,
      met: plainRatios.length > 0 && Math.min(...plainRatios) >= 10,
    },
    {
      claim: "≥ 10× fc.scheduler's runs/s on the locked counter, tasks blocked on async-mutex",
      measured: `wall: ${span(lockedRatios)} over the ${lockedRatios.length} shapes; CPU time: ${span(cpuRatios.filter((_, i) => shapes[i]!.locked))}`,
      met: lockedRatios.length > 0 && Math.min(...lockedRatios) >= 10,
    },
    {
      claim: 'a scheduling step under 300 ns on long runs (all per-run costs included)',
      measured: `wall: ${fmt(longest[1])} ns/step on ${longest[0]} (longest runs), ${fmt(fastest)}–${fmt(slowest)} ns over all shapes; CPU: ${fmt(longestCpu)} ns/step on ${longest[0]}`,
      met: longest[1] < 300,
    },
  ];
  return { id: 'throughput', title: 'Throughput: the lost-update and locked counters, racekit random vs fc.scheduler', body, data, targets };
}
