import { existsSync, readFileSync } from 'node:fs';
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
  /** Cores other processes kept busy meanwhile (from /proc/stat; NaN elsewhere): what was left for these threads. */
  readonly others: number;
  /** Cores this process kept busy (its CPU time over wall time): V8's collector and compiler threads count too. */
  readonly cores: number;
}

/** CPU seconds the whole machine has spent busy (every process), from /proc/stat; NaN where there is none. */
function machineBusySeconds(): number {
  if (!existsSync('/proc/stat')) return NaN;
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  // USER_HZ is 100 on Linux.
  return (user! + nice! + system! + irq! + softirq! + steal!) / 100;
}

/** `main` is check() on this thread (`--workers 1`); a number is that many pool workers. */
type Setup = 'main' | number;

async function clocked(fn: () => Promise<{ runs: number }>): Promise<Rate> {
  const busy0 = machineBusySeconds();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await fn();
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const ours = (cpu.user + cpu.system) / 1e6;
  return { runsPerSec: r.runs / s, cpuPerRunUs: (cpu.user + cpu.system) / r.runs, others: Math.max(0, machineBusySeconds() - busy0 - ours) / s, cores: ours / s };
}

/** How long each measurement may wait for a quiet moment (see quietMoment). */
let patienceMs = 0;

async function explore(s: BuiltinScenario, setup: Setup, pools: Map<number, ExplorePool>, runs: number, seed: number, timed = true): Promise<Rate> {
  if (timed) await quietMoment(patienceMs);
  if (setup === 'main') return clocked(() => check(s.scenario, { ...s.options, strategy: 'portfolio', runs, seed }));
  const pool = pools.get(setup)!;
  return clocked(async () => (await pool.explore({ target: { name: s.name }, strategy: 'portfolio', runs, seed })).result);
}

/** The reference loops, as worker source: one that only computes, and one that allocates objects and awaits promises as runs do. */
const LOOPS = {
  compute: `const { parentPort, workerData } = require('node:worker_threads'); let x = 1; for (let i = 0; i < workerData; i++) x = (x * 1103515245 + 12345) >>> 0; parentPort.postMessage(x);`,
  allocate: `const { parentPort, workerData } = require('node:worker_threads'); (async () => { let acc = 0; for (let i = 0; i < workerData; i++) { const xs = []; for (let j = 0; j < 20; j++) xs.push({ j, s: 'x' + j, p: Promise.resolve(j) }); for (const o of xs) acc += await o.p; } parentPort.postMessage(acc); })();`,
  'large-heap': `const { parentPort, workerData } = require('node:worker_threads'); const m = new Map(); let acc = 0; for (let i = 0; i < workerData; i++) { const k = 'k' + ((i * 2654435761) % 200000); const v = m.get(k); if (v === undefined) m.set(k, { i, s: [i, i + 1] }); else acc += v.i; if (m.size > 150000) m.clear(); } parentPort.postMessage(acc);`,
} as const;

/** A fixed loop in each of `threads` threads at once: the scaling the machine itself allows right now. */
async function loopRate(kind: keyof typeof LOOPS, threads: number, iterations: number): Promise<Rate> {
  await quietMoment(patienceMs);
  const code = LOOPS[kind];
  const started = Array.from({ length: threads }, () => {
    const w = new Worker(code, { eval: true, workerData: iterations });
    // Listening from the start: a short loop may end before this thread hears the worker is online.
    return { w, online: new Promise((resolve) => w.once('online', resolve)), done: new Promise((resolve, reject) => (w.once('message', resolve), w.once('error', reject))) };
  });
  // Timed from when every thread is up, so start-up is not counted.
  await Promise.all(started.map((t) => t.online));
  const busy0 = machineBusySeconds();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(started.map((t) => t.done));
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const others = Math.max(0, machineBusySeconds() - busy0 - (cpu.user + cpu.system) / 1e6) / s;
  await Promise.all(started.map((t) => t.w.terminate()));
  return { runsPerSec: (threads * iterations) / s, cpuPerRunUs: NaN, others, cores: (cpu.user + cpu.system) / 1e6 / s };
}

/** Measurements during which other processes kept less than this many cores busy. */
const QUIET = 0.15;

/**
 * Waits (at most `maxMs`) for a moment when other processes leave the cores
 * alone: half a second in which the machine was busy less than {@link QUIET}
 * cores. The engineers sharing this machine come and go; measuring in their
 * pauses is what makes a speed-up readable.
 */
async function quietMoment(maxMs: number): Promise<void> {
  const until = performance.now() + maxMs;
  while (performance.now() < until) {
    const b0 = machineBusySeconds();
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (!((machineBusySeconds() - b0) / 0.5 >= QUIET)) return;
  }
}

/**
 * A table row per setup: runs/s over all rounds with the other load beside
 * it, then over the quiet rounds alone, from which speed-up and per-worker
 * scaling are taken (— when a setup or the baseline had no quiet round).
 */
function setupRows(label: string, setups: readonly { name: string; threads: number; rates: readonly Rate[] }[], runs: string): string[][] {
  const quietMedian = (rs: readonly Rate[]) => median(rs.filter((r) => r.others < QUIET).map((r) => r.runsPerSec));
  const base = quietMedian(setups[0]!.rates);
  return setups.map(({ name, threads, rates }) => {
    const quiet = rates.filter((r) => r.others < QUIET);
    const speedUp = quietMedian(rates) / base;
    const cpu = median(rates.map((r) => r.cpuPerRunUs));
    const cores = quiet.length === 0 ? NaN : median(quiet.map((r) => r.cores));
    return [label, name, runs, cell(rates.map((r) => r.runsPerSec)), fmt(median(rates.map((r) => r.others)), 2), quiet.length === 0 ? '— (0)' : `${fmt(quietMedian(rates))} (${quiet.length})`, Number.isFinite(speedUp) ? `${fmt(speedUp, 2)}×` : '—', Number.isFinite(speedUp) ? fmt(speedUp / threads, 2) : '—', Number.isFinite(cores) ? fmt(cores, 2) : '—', Number.isFinite(cpu) ? fmt(cpu, 1) : '—'];
  });
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
  const rounds = size === 'full' ? 7 : size === 'quick' ? 3 : 1;
  const seconds = size === 'full' ? 1.5 : size === 'quick' ? 1 : 0.05;
  patienceMs = size === 'full' ? 10_000 : size === 'quick' ? 5_000 : 0;
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
      await explore(s, 'main', pools, 50, 99, false);
      const probe = await explore(s, 'main', pools, 200, 98, false);
      const runs = Math.max(40, Math.round(probe.runsPerSec * seconds));
      const rates = new Map<Setup, Rate[]>(setups.map((x) => [x, []]));
      // An untimed round: each thread compiles the scenario's code on its own.
      for (const setup of setups) await explore(s, setup, pools, runs, 97, false);
      for (let round = 0; round < rounds; round++) {
        // Alternate the order so drift on a shared machine hits every setup alike.
        const order = round % 2 === 0 ? setups : [...setups].reverse();
        for (const setup of order) rates.get(setup)!.push(await explore(s, setup, pools, runs, round + 1));
      }
      rows.push(...setupRows(name, setups.map((x) => ({ name: x === 'main' ? 'main thread (`--workers 1`)' : `${x} worker${x === 1 ? '' : 's'}`, threads: x === 'main' ? 1 : x, rates: rates.get(x)! })), fmt(runs)));
      data[name] = { runs, rates: Object.fromEntries([...rates].map(([k, v]) => [String(k), v])) };
    }
    // The ceilings: the same alternating rounds with loops that do no exploring.
    for (const [kind, perSecond] of [['compute', 3e8], ['allocate', 4e5], ['large-heap', 1.5e6]] as const) {
      const iterations = Math.round(perSecond * seconds);
      const loops = new Map<number, Rate[]>([1, 2].map((n) => [n, []]));
      for (let round = 0; round < rounds; round++) for (const n of round % 2 === 0 ? [1, 2] : [2, 1]) loops.get(n)!.push(await loopRate(kind, n, iterations));
      rows.push(...setupRows(`${kind} loop (ceiling)`, [1, 2].map((n) => ({ name: `${n} thread${n === 1 ? '' : 's'}`, threads: n, rates: loops.get(n)! })), '—'));
      data[`${kind}Loop`] = Object.fromEntries(loops);
    }
  } finally {
    for (const pool of pools.values()) await pool.close();
  }
  const body = [
    `One scenario's check spread over worker threads (\`racekit run --workers N\`, harness/parallel/): each worker explores its share of the runs with its own seed; the scenarios pass, so every run is made. The main thread row is \`check()\` as \`--workers 1\` runs it; 1 worker measures what a thread costs by itself. Strategy portfolio; after an untimed round that warms every thread up (each compiles the scenario's code on its own), ${rounds} alternating rounds per setup, median (min–max) runs/s of wall time. Other load is the cores other processes kept busy during a measurement (machine busy time from /proc/stat minus this process's; median over the rounds): 2 cores minus it is what was left for these threads, and on this shared machine it decides everything, so speed-up (over the main thread) and per worker (speed-up ÷ threads exploring; 1.00 is linear scaling) are taken from the quiet rounds alone, those with other load under ${QUIET} cores (their count in brackets). Before each measurement the bench waits up to ${fmt(patienceMs / 1000)} s for half a second in which the machine is that quiet. Cores used is this process's CPU time over wall time in the quiet rounds: one thread exploring already keeps more than one core busy, since V8 collects garbage and compiles on helper threads, which leaves less of the second core to a second worker than the compute loop finds. CPU µs/run is the process's CPU time over all threads, per run. The last rows are ceilings measured the same way, in 1 and 2 threads at once (iterations/s): a loop that only computes (integer arithmetic, nothing allocated), one that allocates small objects and awaits resolved promises (short-lived garbage only), and one that works on a map of up to 150,000 entries (a large live heap, as a check's strategies, histories and coverage keep): what memory-bound JavaScript gains from a second thread on this machine. ${availableParallelism()} cores available to this process; load average (1/5/15 min) ${loadBefore} at the start of this section, ${load()} at its end: other work shares these cores, so the speed-up can only be read against the load. Starting a pool (threads up, racekit and every family loaded in each, first check made) took ${Object.entries(startMs).map(([n, ms]) => `${fmt(ms)} ms for ${n}`).join(', ')}: once per command, not per scenario.`,
    '',
    table(['scenario', 'explored by', 'runs', 'runs/s, all rounds', 'other load (cores)', 'runs/s, quiet rounds', 'speed-up', 'per worker', 'cores used', 'CPU µs/run'], rows),
  ].join('\n');
  return { id: 'workers', title: 'Workers: one check over several threads', body, data: { ...data, startMs } };
}
