import type { Arbitrary } from 'fast-check';
import type { SetupContext, TaskContext } from './scheduler/context.js';
import { InvalidOptionError, MisspelledFieldError } from './errors.js';

/** One concurrent actor of a scenario. */
export type TaskFn<S> = (ctx: TaskContext, state: S) => unknown;

/** What an invariant returns: true or nothing when it holds, false or a message when it broke. */
export type InvariantResult = boolean | string | void | undefined;

/** How time passes during a run. */
export type TimeMode = 'real' | 'virtual';

/**
 * A concurrent program to explore. With a `workload` arbitrary, every run
 * draws a workload and `setup`, `tasks` and `invariant` receive it.
 */
export interface Scenario<S = unknown, W = undefined> {
  name: string;
  /** Draws the program's shape (task count, operations, arguments) for each run. */
  workload?: Arbitrary<W>;
  /** Fresh state for every run; may be async and may wrap dependencies. */
  setup?: (ctx: SetupContext, workload: W) => S | Promise<S>;
  /** One async function per task, or a function of the workload giving them. */
  tasks: readonly TaskFn<S>[] | ((workload: W) => readonly TaskFn<S>[]);
  /** Checked after every task has ended. */
  invariant?: (state: S, workload: W) => InvariantResult | Promise<InvariantResult>;
  /** Called after every run (passed, failed or abandoned) to close what setup opened: servers, pools, sockets. */
  teardown?: (state: S, workload: W) => unknown;
  /** `'virtual'` fakes timers and clocks during each run; `check`'s option wins. */
  time?: TimeMode;
  /** Under virtual time: the most virtual ms a yield point may stay pending while timers fire (`check`'s option wins). */
  maxLatency?: number;
  /** The most steps of one run before it fails as `step-budget` (`check`'s option wins; default 100,000). */
  stepBudget?: number;
  /** Real ms a stall waits for outside work before it is a deadlock (`check`'s option wins; default 2000). */
  deadlockTimeout?: number;
}

/**
 * Internal: a scenario that says which of its runs interleaved what it is
 * about, when two pending yield points are not the measure (an operation
 * spec's own yield points sit between operations: what matters is whether
 * two operations were ever in flight at once). When no run did, the check
 * warns with `otherwise`.
 */
export interface InterleavingWitness<S, W> {
  readonly interleaved: { readonly test: (state: S, workload: W) => boolean; readonly otherwise: string };
}

/** The witness of a scenario that has one. */
export function interleavingWitness<S, W>(scenario: Scenario<S, W>): InterleavingWitness<S, W>['interleaved'] | undefined {
  return (scenario as Partial<InterleavingWitness<S, W>>).interleaved;
}

/** Throws a typed error naming the first field of `scenario` racekit cannot use. */
export function validateScenario(scenario: unknown): asserts scenario is Scenario<unknown, unknown> {
  if (typeof scenario !== 'object' || scenario === null) throw new InvalidOptionError('scenario', scenario, 'an object');
  const s = scenario as Record<string, unknown>;
  if (typeof s.name !== 'string' || s.name === '') throw new InvalidOptionError('scenario.name', s.name, 'a non-empty string');
  if (!Array.isArray(s.tasks) && typeof s.tasks !== 'function') throw new InvalidOptionError(`scenario "${s.name}": tasks`, s.tasks, 'an array of async functions or a function of the workload');
  if (Array.isArray(s.tasks)) {
    if (s.tasks.length === 0) throw new InvalidOptionError(`scenario "${s.name}": tasks`, s.tasks, 'a non-empty array');
    s.tasks.forEach((t, i) => {
      if (typeof t !== 'function') throw new InvalidOptionError(`scenario "${s.name}": tasks[${i}]`, t, 'a function');
    });
  }
  for (const f of ['setup', 'invariant', 'teardown'] as const) {
    if (s[f] !== undefined && typeof s[f] !== 'function') throw new InvalidOptionError(`scenario "${s.name}": ${f}`, s[f], 'a function');
  }
  if (s.workload !== undefined && (typeof s.workload !== 'object' || s.workload === null || typeof (s.workload as { generate?: unknown }).generate !== 'function')) {
    throw new InvalidOptionError(`scenario "${s.name}": workload`, s.workload, 'a fast-check arbitrary');
  }
  for (const [field, least] of [['maxLatency', 0], ['stepBudget', 1], ['deadlockTimeout', 0]] as const) {
    const value = s[field];
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < least)) throw new InvalidOptionError(`scenario "${s.name}": ${field}`, value, `an integer ≥ ${least}`);
  }
  if (s.time !== undefined && s.time !== 'real' && s.time !== 'virtual') throw new InvalidOptionError(`scenario "${s.name}": time`, s.time, "'real' or 'virtual'");
  for (const key of Object.keys(s)) {
    if (FIELDS.includes(key)) continue;
    // Other fields are the user's own (a description, metadata); one a letter or two from a field of ours is a typo.
    const meant = FIELDS.find((f) => f.length >= 4 && editDistance(key.toLowerCase(), f.toLowerCase()) <= 2);
    if (meant !== undefined) throw new MisspelledFieldError(`scenario "${s.name}"`, key, meant);
  }
}

/** The fields of a scenario, with those `racekit audit` reads of an exported one and the internal interleaving witness. */
const FIELDS: readonly string[] = ['name', 'workload', 'setup', 'tasks', 'invariant', 'teardown', 'time', 'maxLatency', 'stepBudget', 'deadlockTimeout', 'expect', 'runs', 'summary', 'startsThreads', 'interleaved'];

/** Levenshtein distance, for short field names. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}
