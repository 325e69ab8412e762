import { check } from '../src/check.js';
import { fcExplore, type FcWait } from './fc-runner.js';
import { counterProgram } from './panel.js';
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

async function racekitRate(tasks: number, increments: number, runs: number, seed: number): Promise<Rate> {
  const scenario = toScenario(counterProgram(tasks, increments, false));
  return clocked(() => check(scenario, { strategy: 'random', runs, seed, shrink: false }));
}

async function fcRate(tasks: number, increments: number, runs: number, seed: number, wait: FcWait): Promise<Rate> {
  const program = counterProgram(tasks, increments, false);
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
  const shapes: [number, number][] = size === 'tiny' ? [[2, 1]] : [2, 4, 8].flatMap((n) => [1, 5, 50].map((k) => [n, k] as [number, number]));
  // Warm both sides up so the first shape does not pay for JIT compilation.
  await racekitRate(4, 5, runsFor(4, 5, targetSteps), 99);
  await fcRate(4, 5, runsFor(4, 5, targetSteps), 99, 'waitFor');
  const rows: string[][] = [];
  const data: Record<string, unknown> = {};
  const runRatios: number[] = [];
  const cpuRatios: number[] = [];
  const nsPerStep: [string, number][] = [];
  for (const [n, k] of shapes) {
    const runs = runsFor(n, k, targetSteps);
    const rk: Rate[] = [];
    const fcFor: Rate[] = [];
    const fcIdle: Rate[] = [];
    for (let round = 0; round < rounds; round++) {
      // Alternate which side goes first so drift on a shared machine hits both.
      const seed = round + 1;
      if (round % 2 === 0) {
        rk.push(await racekitRate(n, k, runs, seed));
        fcFor.push(await fcRate(n, k, runs, seed, 'waitFor'));
        fcIdle.push(await fcRate(n, k, runs, seed, 'waitIdle'));
      } else {
        fcIdle.push(await fcRate(n, k, runs, seed, 'waitIdle'));
        fcFor.push(await fcRate(n, k, runs, seed, 'waitFor'));
        rk.push(await racekitRate(n, k, runs, seed));
      }
    }
    const rkSteps = rk.map((r) => r.stepsPerSec);
    const fcBest = Math.max(median(fcFor.map((r) => r.stepsPerSec)), median(fcIdle.map((r) => r.stepsPerSec)));
    const fcBestRuns = Math.max(median(fcFor.map((r) => r.runsPerSec)), median(fcIdle.map((r) => r.runsPerSec)));
    runRatios.push(median(rk.map((r) => r.runsPerSec)) / fcBestRuns);
    const rkCpu = median(rk.map((r) => r.cpuPerRunUs));
    const fcCpu = Math.min(median(fcFor.map((r) => r.cpuPerRunUs)), median(fcIdle.map((r) => r.cpuPerRunUs)));
    cpuRatios.push(fcCpu / rkCpu);
    nsPerStep.push([`${n}×${k}`, 1e9 / median(rkSteps)]);
    rows.push([
      `${n}×${k}`,
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
    data[`${n}x${k}`] = { runs, racekit: rk, fcWaitFor: fcFor, fcWaitIdle: fcIdle };
  }
  const header = ['N×K', 'runs', 'racekit steps/s', 'racekit runs/s', 'racekit ns/step', 'fc waitFor steps/s', 'fc waitFor runs/s', 'fc waitIdle runs/s', 'runs/s ratio', 'steps/s ratio', 'racekit CPU µs/run', 'fc CPU µs/run', 'CPU ratio', 'racekit CPU ns/step'];
  const body = [
    `The lost-update counter, N tasks × K increments (2 yield points per increment, so 2·N·K steps per run), invariant not checked so every run executes in full on both sides. racekit: \`check(scenario, { strategy: 'random', shrink: false })\`; fast-check: the same task code with every yield point a call to one \`s.scheduleFunction\`-wrapped no-op, run by \`fc.check(fc.asyncProperty(fc.scheduler(), …))\` and awaited with \`s.waitFor(Promise.all(tasks))\` or \`s.waitIdle()\`. ${rounds} alternating rounds of about ${fmt(targetSteps)} steps each; median (min–max). ns/step is wall time per scheduled step including every per-run cost. Ratios are racekit's median over the better of fast-check's two medians. The CPU columns use the process's CPU time (all threads, so garbage collection included) per run, which other load on the machine disturbs far less than wall time; "CPU ns/step" spreads the whole run's CPU time, per-run costs included, over its steps.`,
    '',
    table(header, rows),
  ].join('\n');
  const [loRatio, hiRatio] = range(runRatios);
  const longest = nsPerStep[nsPerStep.length - 1]!;
  const last = shapes[shapes.length - 1]!;
  const longestCpu = (median((data[`${last[0]}x${last[1]}`] as { racekit: Rate[] }).racekit.map((r) => r.cpuPerRunUs)) * 1000) / (2 * last[0] * last[1]);
  const [fastest, slowest] = range(nsPerStep.map(([, ns]) => ns));
  const targets = [
    {
      claim: "≥ 10× fc.scheduler's runs/s on the counter",
      measured: `wall: ${fmt(loRatio, 1)}×–${fmt(hiRatio, 1)}× (median ${fmt(median(runRatios), 1)}×) over the ${runRatios.length} shapes; CPU time: ${fmt(range(cpuRatios)[0], 1)}×–${fmt(range(cpuRatios)[1], 1)}×`,
      met: loRatio >= 10,
    },
    {
      claim: 'a scheduling step well under a microsecond (taken as < 500 ns, all per-run costs included)',
      measured: `wall: ${fmt(longest[1])} ns/step on ${longest[0]} (longest runs), ${fmt(fastest)}–${fmt(slowest)} ns over all shapes; CPU: ${fmt(longestCpu)} ns/step on ${longest[0]}`,
      met: longest[1] < 500,
    },
  ];
  return { id: 'throughput', title: 'Throughput: the lost-update counter, racekit random vs fc.scheduler', body, data, targets };
}
