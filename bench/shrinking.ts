import * as fc from 'fast-check';
import { check } from '../src/check.js';
import type { Scenario } from '../src/scenario.js';
import { unlockedCounter } from '../src/subjects/counter/unlocked.js';
import { counterWorkload, type CounterWorkload } from '../src/subjects/counter/workload.js';
import type { StrategyName } from '../src/scheduler/strategy.js';
import { fmt, fmtMs, median, range, table } from './stats.js';
import type { BenchSize, Section } from './section.js';

type CounterScenario = Scenario<{ counter: number }, CounterWorkload>;

/** The built-in unlocked counter on a different workload arbitrary. */
function withWorkload(name: string, workload: fc.Arbitrary<CounterWorkload>): CounterScenario {
  return { ...unlockedCounter, name, workload };
}

interface Shrunk {
  before: number;
  after: number;
  shrinkRuns: number;
  shrinkMs: number;
  workload: string;
  preemptionsBefore: number;
  preemptionsAfter: number;
}

async function shrinkOnce(scenario: CounterScenario, strategy: StrategyName, seed: number): Promise<Shrunk | undefined> {
  // Each check three times: the difference of two single timings is mostly noise on a shared machine.
  const plainMs: number[] = [];
  const shrunkMs: number[] = [];
  let plain = await check(scenario, { strategy, seed, runs: 2000, shrink: false });
  let shrunk = await check(scenario, { strategy, seed, runs: 2000 });
  for (let i = 0; i < 3; i++) {
    plain = await check(scenario, { strategy, seed, runs: 2000, shrink: false });
    plainMs.push(plain.ms);
    shrunk = await check(scenario, { strategy, seed, runs: 2000 });
    shrunkMs.push(shrunk.ms);
  }
  if (!shrunk.failed) return undefined;
  const w = shrunk.workload as CounterWorkload;
  return {
    before: shrunk.originalSteps,
    after: shrunk.traceSteps,
    shrinkRuns: shrunk.shrinkRuns,
    // Exploration is deterministic for a seed, so the difference is the shrinking.
    shrinkMs: Math.max(0, median(shrunkMs) - median(plainMs)),
    workload: `${w.tasks}×${w.increments}`,
    preemptionsBefore: plain.preemptions,
    preemptionsAfter: shrunk.preemptions,
  };
}

const spread = (xs: number[], f: (x: number) => string) => {
  const [lo, hi] = range(xs);
  return `${f(median(xs))} (${f(lo)}–${f(hi)})`;
};

/** Trace length before and after shrinking, and the time shrinking takes, for the unlocked counter from large workloads. */
export async function shrinking(size: BenchSize): Promise<Section> {
  const seeds = size === 'full' ? 7 : size === 'quick' ? 2 : 1;
  const cases: [CounterScenario, StrategyName][] =
    size === 'tiny'
      ? [[withWorkload('unlocked 2×3 (fixed)', fc.constant({ tasks: 2, increments: 3 })), 'random']]
      : [
          [withWorkload('unlocked 8×50 (fixed workload)', fc.constant({ tasks: 8, increments: 50 })), 'random'],
          [withWorkload('unlocked 8×50 (fixed workload)', fc.constant({ tasks: 8, increments: 50 })), 'portfolio'],
          [withWorkload('unlocked N∈2..8 × K∈1..50, unbiased', fc.noBias(counterWorkload)), 'random'],
          [withWorkload('unlocked N∈2..8 × K∈1..50, unbiased', fc.noBias(counterWorkload)), 'portfolio'],
        ];
  const rows: string[][] = [];
  const data: Record<string, unknown> = {};
  for (const [scenario, strategy] of cases) {
    const results: Shrunk[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const r = await shrinkOnce(scenario, strategy, seed);
      if (r) results.push(r);
    }
    data[`${scenario.name} / ${strategy}`] = results;
    if (results.length === 0) {
      rows.push([scenario.name, strategy, 'not found', '', '', '', '', '', '']);
      continue;
    }
    rows.push([
      scenario.name,
      strategy,
      spread(results.map((r) => r.before), (x) => fmt(x)),
      spread(results.map((r) => r.after), (x) => fmt(x)),
      spread(results.map((r) => r.preemptionsBefore), (x) => fmt(x)),
      spread(results.map((r) => r.preemptionsAfter), (x) => fmt(x)),
      [...new Set(results.map((r) => r.workload))].join(', '),
      spread(results.map((r) => r.shrinkRuns), (x) => fmt(x)),
      spread(results.map((r) => r.shrinkMs), fmtMs),
    ]);
  }
  const body = [
    `The built-in \`counter/unlocked\` scenario with a large workload, found with \`runs: 2000\` and shrunk by racekit's default (workload first, then schedule, fast-check's shrinkers; at most 5,000 shrink runs or 10 s). Median (min–max) over ${seeds} seeds. "Before" is the failing run's steps, "after" the shrunk trace's; shrink time is the median of three runs with shrinking minus the median of three without it (same seed, so the same exploration). With a fixed workload every run takes all its steps, so only preemptions can shrink.`,
    '',
    table(['scenario', 'strategy', 'steps before', 'steps after', 'preemptions before', 'preemptions after', 'shrunk workload', 'shrink runs', 'shrink time'], rows),
  ].join('\n');
  return { id: 'shrinking', title: 'Shrinking: the unlocked counter from large workloads', body, data };
}
