import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { check } from '../src/check.js';
import type { BuiltinScenario } from '../src/subjects/builtin.js';
import { selectScenarios } from '../src/subjects/registry.js';
import { ExplorePool } from '../harness/parallel/explore-pool.js';
import { fmt, median, range, table } from './stats.js';
import type { BenchSize, Section } from './section.js';

interface Rate {
  readonly runsPerSec: number;
  /** Process CPU time (every thread) per run, µs: what spreading costs beyond the runs themselves. */
  readonly cpuPerRunUs: number;
}

/** `main` is check() on this thread (`--workers 1`); a number is that many pool workers. */
type Setup = 'main' | number;

async function clocked(fn: () => Promise<{ runs: number }>): Promise<Rate> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await fn();
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  return { runsPerSec: r.runs / s, cpuPerRunUs: (cpu.user + cpu.system) / r.runs };
}

function explore(s: BuiltinScenario, setup: Setup, pools: Map<number, ExplorePool>, runs: number, seed: number): Promise<Rate> {
  if (setup === 'main') return clocked(() => check(s.scenario, { ...s.options, strategy: 'portfolio', runs, seed }));
  const pool = pools.get(setup)!;
  return clocked(async () => (await pool.explore({ target: { name: s.name }, strategy: 'portfolio', runs, seed })).result);
}

/** A fixed CPU-bound loop (no allocation) in each of `threads` threads at once: the scaling the machine itself allows right now. */
async function loopRate(threads: number, iterations: number): Promise<number> {
  const code = `const { parentPort, workerData } = require('node:worker_threads'); let x = 1; for (let i = 0; i < workerData; i++) x = (x * 1103515245 + 12345) >>> 0; parentPort.postMessage(x);`;
  const started = Array.from({ length: threads }, () => {
    const w = new Worker(code, { eval: true, workerData: iterations });
    // Listening from the start: a short loop may end before this thread hears the worker is online.
    return { w, online: new Promise((resolve) => w.once('online', resolve)), done: new Promise((resolve, reject) => (w.once('message', resolve), w.once('error', reject))) };
  });
  // Timed from when every thread is up, so start-up is not counted.
  await Promise.all(started.map((t) => t.online));
  const t0 = performance.now();
  await Promise.all(started.map((t) => t.done));
  const s = (performance.now() - t0) / 1000;
  await Promise.all(started.map((t) => t.w.terminate()));
  return (threads * iterations) / s;
}

const load = () => loadavg().map((x) => x.toFixed(1)).join(' / ');
const cell = (xs: number[]) => {
  const [lo, hi] = range(xs);
  return `${fmt(median(xs))} (${fmt(lo)}–${fmt(hi)})`;
};

/**
 * Runs/s of one passing scenario (every run made) explored by `check()` on
 * the main thread and by 1–4 pool workers (`racekit run --workers N`), in
 * alternating rounds in one process; the pools are started and warmed up
 * before timing (a command pays that once: see `startMs`).
 */
export async function workers(size: BenchSize): Promise<Section> {
  const rounds = size === 'full' ? 5 : size === 'quick' ? 2 : 1;
  const seconds = size === 'full' ? 3 : size === 'quick' ? 1 : 0.05;
  const setups: Setup[] = size === 'tiny' ? ['main', 2] : ['main', 1, 2, 3, 4];
  const names = size === 'tiny' ? ['counter/locked'] : ['counter/locked', 'map/locked'];
  const loadBefore = load();
  const pools = new Map<number, ExplorePool>();
  const startMs: Record<number, number> = {};
  const rows: string[][] = [];
  const data: Record<string, unknown> = {};
  try {
    for (const n of setups) {
      if (n === 'main') continue;
      const pool = new ExplorePool(n);
      pools.set(n, pool);
      // The first check starts the threads and loads racekit and the families in each.
      const t0 = performance.now();
      await pool.explore({ target: { name: names[0]! }, strategy: 'portfolio', runs: n, seed: 1 });
      startMs[n] = performance.now() - t0;
    }
    for (const name of names) {
      const s = selectScenarios([name])[0]!;
      // Calibrate on this thread, warmed up, so one measurement takes about `seconds` there.
      await explore(s, 'main', pools, 50, 99);
      const probe = await explore(s, 'main', pools, 200, 98);
      const runs = Math.max(40, Math.round(probe.runsPerSec * seconds));
      const rates = new Map<Setup, Rate[]>(setups.map((x) => [x, []]));
      // An untimed round: each thread compiles the scenario's code on its own.
      for (const setup of setups) await explore(s, setup, pools, runs, 97);
      for (let round = 0; round < rounds; round++) {
        // Alternate the order so drift on a shared machine hits every setup alike.
        const order = round % 2 === 0 ? setups : [...setups].reverse();
        for (const setup of order) rates.get(setup)!.push(await explore(s, setup, pools, runs, round + 1));
      }
      const base = median(rates.get('main')!.map((r) => r.runsPerSec));
      for (const setup of setups) {
        const rs = rates.get(setup)!;
        const perSec = rs.map((r) => r.runsPerSec);
        const speedUp = median(perSec) / base;
        const threads = setup === 'main' ? 1 : setup;
        rows.push([name, setup === 'main' ? 'main thread (`--workers 1`)' : `${setup} worker${setup === 1 ? '' : 's'}`, fmt(runs), cell(perSec), `${fmt(speedUp, 2)}×`, `${fmt(speedUp / threads, 2)}`, fmt(median(rs.map((r) => r.cpuPerRunUs)), 1)]);
      }
      data[name] = { runs, rates: Object.fromEntries([...rates].map(([k, v]) => [String(k), v])) };
    }
    // The ceiling: the same alternating rounds with a loop that only computes.
    const iterations = Math.round((size === 'tiny' ? 2e6 : 3e8) * seconds);
    const loops = new Map<number, number[]>([1, 2].map((n) => [n, []]));
    for (let round = 0; round < rounds; round++) for (const n of round % 2 === 0 ? [1, 2] : [2, 1]) loops.get(n)!.push(await loopRate(n, iterations));
    const loopBase = median(loops.get(1)!);
    for (const n of [1, 2]) {
      const speedUp = median(loops.get(n)!) / loopBase;
      rows.push(['CPU-bound loop (the ceiling)', `${n} thread${n === 1 ? '' : 's'}`, '—', '—', `${fmt(speedUp, 2)}×`, fmt(speedUp / n, 2), '—']);
    }
    data.loop = Object.fromEntries(loops);
  } finally {
    for (const pool of pools.values()) await pool.close();
  }
  const body = [
    `One scenario's check spread over worker threads (\`racekit run --workers N\`, harness/parallel/): each worker explores its share of the runs with its own seed; the scenarios pass, so every run is made. The main thread row is \`check()\` as \`--workers 1\` runs it; 1 worker measures what a thread costs by itself. Strategy portfolio; after an untimed round that warms every thread up (each compiles the scenario's code on its own), ${rounds} alternating rounds per setup, median (min–max) runs/s of wall time; speed-up is over the main thread; per worker is the speed-up divided by the threads exploring (1.00 is linear scaling); CPU µs/run is the process's CPU time over all threads. The last rows are the ceiling: a loop that only computes, in 1 and 2 threads at once, in the same kind of rounds, which no exploration can beat on this machine at this load. ${availableParallelism()} cores available to this process; load average (1/5/15 min) ${loadBefore} at the start of this section, ${load()} at its end: other work shares these cores, so the speed-up can only be read against the load. Starting a pool (threads up, racekit and every family loaded in each, first check made) took ${Object.entries(startMs).map(([n, ms]) => `${fmt(ms)} ms for ${n}`).join(', ')}: once per command, not per scenario.`,
    '',
    table(['scenario', 'explored by', 'runs', 'runs/s', 'speed-up', 'per worker', 'CPU µs/run'], rows),
  ].join('\n');
  return { id: 'workers', title: 'Workers: one check over several threads', body, data: { ...data, startMs } };
}
