import * as fc from 'fast-check';
import { check } from '../src/check.js';
import type { Scenario } from '../src/scenario.js';
import { fmt, median, range, table } from './stats.js';
import type { BenchSize, Section } from './section.js';

/** The library's timeout under virtual time, as a real client library would default it. */
const VIRTUAL_TIMEOUT_MS = 30_000;
/** The same timeout with real timers, shortened so a run finishes at all. */
const REAL_TIMEOUT_MS = 20;
const CLIENTS = 2;

/** Library-style: races `work` against a timer and clears the timer either way. */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

/** The service a client calls: answers after `latency` ms. */
type Service = (latency: number) => Promise<string>;

interface Outcomes {
  answer: number;
  timeout: number;
}

/**
 * Clients each calling a service through `withTimeout(…, timeoutMs)`; the
 * service answers after a latency of 0–200 % of the timeout (from the
 * workload) and its answer is a wrapped completion. The scenario is the same
 * code under both clocks; only the timeout's length differs. The invariant
 * records who won and always holds, so every run executes in full.
 */
function timeoutScenario(time: 'real' | 'virtual', timeoutMs: number, outcomes: Outcomes): Scenario<Service, number[]> {
  return {
    name: `bench/timeout-${time}`,
    time,
    workload: fc.array(fc.integer({ min: 0, max: 200 }), { minLength: CLIENTS, maxLength: CLIENTS }),
    setup: (ctx) => {
      const answer = ctx.wrap(async () => 'answer', 'answer');
      // The latency stays outside the wrapped call: a wrapped call in flight
      // makes the scheduler wait in real time, even for a virtual timer.
      return async (latency: number) => {
        await new Promise((resolve) => setTimeout(resolve, latency));
        return answer();
      };
    },
    tasks: (percents) =>
      percents.map((percent) => async (_ctx, service) => {
        const result = await withTimeout(service(Math.round((timeoutMs * percent) / 100)), timeoutMs);
        outcomes[result as keyof Outcomes]++;
      }),
    invariant: () => true,
  };
}

interface Measured {
  readonly runs: number;
  readonly ms: number;
  /** Process CPU time, ms: steadier than wall time on a shared machine (real runs spend theirs waiting, not computing). */
  readonly cpuMs: number;
  readonly outcomes: Outcomes;
}

async function measure(time: 'real' | 'virtual', runs: number, seed: number): Promise<Measured> {
  const outcomes: Outcomes = { answer: 0, timeout: 0 };
  const scenario = timeoutScenario(time, time === 'virtual' ? VIRTUAL_TIMEOUT_MS : REAL_TIMEOUT_MS, outcomes);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await check(scenario, { strategy: 'random', runs, seed, shrink: false });
  const cpu = process.cpuUsage(c0);
  return { runs: r.runs, ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, outcomes };
}

const perSec = (m: Measured) => (m.runs * 1000) / m.ms;
const msPerRun = (m: Measured) => m.ms / m.runs;
const cpuMsPerRun = (m: Measured) => m.cpuMs / m.runs;

/**
 * Runs per second of a timeout racing a completion under virtual time (a
 * 30-second timeout) and with real timers (a 20 ms one, which each run must
 * wait out), alternating in rounds; the ratio measured, and the ratio per
 * virtual 30 s (a real run's waiting grows with its timeout).
 */
export async function virtualTime(size: BenchSize): Promise<Section> {
  const rounds = size === 'full' ? 3 : size === 'quick' ? 2 : 1;
  const virtualRuns = size === 'full' ? 2000 : size === 'quick' ? 500 : 20;
  const realRuns = size === 'full' ? 100 : size === 'quick' ? 30 : 3;
  // Warm up so the first round does not pay for JIT compilation and the clock's first install.
  await measure('virtual', Math.min(100, virtualRuns), 99);
  const virtual: Measured[] = [];
  const real: Measured[] = [];
  for (let round = 0; round < rounds; round++) {
    const seed = round + 1;
    if (round % 2 === 0) {
      virtual.push(await measure('virtual', virtualRuns, seed));
      real.push(await measure('real', realRuns, seed));
    } else {
      real.push(await measure('real', realRuns, seed));
      virtual.push(await measure('virtual', virtualRuns, seed));
    }
  }
  const vRate = median(virtual.map(perSec));
  const rRate = median(real.map(perSec));
  const vMs = median(virtual.map(msPerRun));
  const vCpu = median(virtual.map(cpuMsPerRun));
  const rMs = median(real.map(msPerRun));
  const ratio = vRate / rRate;
  // Real runs spend their time waiting on timers, which scale with the timeout.
  const per30s = ratio * (VIRTUAL_TIMEOUT_MS / REAL_TIMEOUT_MS);
  const share = (ms: Measured[]) => {
    const t = ms.reduce((n, m) => n + m.outcomes.timeout, 0);
    const all = ms.reduce((n, m) => n + m.outcomes.timeout + m.outcomes.answer, 0);
    return `${fmt((100 * t) / all)} %`;
  };
  const cell = (xs: number[], digits = 0) => {
    const [lo, hi] = range(xs);
    return `${fmt(median(xs), digits)} (${fmt(lo, digits)}–${fmt(hi, digits)})`;
  };
  const rows = [
    ['virtual', `${fmt(VIRTUAL_TIMEOUT_MS)} ms`, String(virtualRuns), cell(virtual.map(perSec)), cell(virtual.map(msPerRun), 3), cell(virtual.map(cpuMsPerRun), 3), share(virtual)],
    ['real', `${REAL_TIMEOUT_MS} ms`, String(realRuns), cell(real.map(perSec), 1), cell(real.map(msPerRun), 1), cell(real.map(cpuMsPerRun), 3), share(real)],
  ];
  const body = [
    `A library-style \`withTimeout(call(), t)\` (Promise.race against a setTimeout, cleared either way) in ${CLIENTS} clients, the service answering after 0–200 % of t (drawn per client by the workload) through a wrapped completion; the same scenario code under \`time: 'virtual'\` with t = 30 s and under real timers with t = ${REAL_TIMEOUT_MS} ms, which every run must wait out. \`check(…, { strategy: 'random', shrink: false })\`, invariant always true so every run executes in full; ${rounds} alternating round(s), median (min–max). CPU ms/run is the process's CPU time per run, which other load on a shared machine disturbs far less than wall time. "timeouts" is the share of calls the timer won: both clocks explore both orders.`,
    '',
    table(['time', 'timeout t', 'runs', 'runs/s', 'ms/run', 'CPU ms/run', 'timeouts'], rows),
    '',
    `Ratio of runs/s, virtual over real: **${fmt(ratio, 1)}×** with a ${REAL_TIMEOUT_MS} ms real timeout; a real run waits in proportion to its timeout, so per virtual 30 s (the library's real default) the ratio is about **${fmt(per30s)}×**: one virtual run of a 30-second timeout takes ${fmt(vMs, 3)} ms, the real one would take about ${fmt((rMs * VIRTUAL_TIMEOUT_MS) / REAL_TIMEOUT_MS / 1000, 1)} s.`,
  ].join('\n');
  const targets = [
    {
      claim: 'a scenario whose library uses a 30-second timeout runs in well under a millisecond per run (virtual time)',
      measured: `CPU ${fmt(vCpu, 3)} ms/run, wall ${fmt(vMs, 3)} ms/run (${fmt(vRate)} runs/s) with ${CLIENTS} clients; real timers: ${fmt(rMs, 1)} ms/run at a ${REAL_TIMEOUT_MS} ms timeout, ≈ ${fmt(per30s)}× slower per virtual 30 s`,
      met: vCpu < 1,
    },
  ];
  return { id: 'virtual-time', title: 'Virtual time: a 30-second timeout racing a completion, virtual vs real timers', body, data: { virtual, real, ratio, per30s, virtualCpuMsPerRun: vCpu }, targets };
}
