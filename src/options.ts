import { InvalidOptionError } from './errors.js';
import type { TimeMode } from './scenario.js';
import type { FailureKind } from './model/trace.js';
import type { StrategyName } from './scheduler/strategy.js';

/** Progress of a long exploration, reported about ten times a second. */
export interface Progress {
  readonly runs: number;
  readonly budget: number;
  readonly elapsedMs: number;
  readonly phase: 'explore' | 'shrink';
}

/** Options of {@link check}. */
export interface CheckOptions {
  /** How decisions are made. @default 'portfolio' */
  strategy?: StrategyName;
  /** The most runs to try. @default 1000 */
  runs?: number;
  /** Seed of workloads and schedules. @default a fresh one, reported in the result */
  seed?: number;
  /** PCT's bug depth d (`soft-pct` and the portfolio's member use at least 3). @default 2 */
  depth?: number;
  /** A replay token: runs exactly the recorded run once. */
  replay?: string;
  /** Overrides the scenario's `time`. @default the scenario's, else 'real' */
  time?: TimeMode;
  /**
   * Under virtual time: the most virtual ms a pending yield point (a step,
   * a wrapped call's answer) may wait while timers fire. Without it, a library's 5-second
   * timeout may legitimately fire before a completion that has no duration.
   * @default the scenario's, else unbounded
   */
  maxLatency?: number;
  /**
   * Most preemptions per schedule for `exhaustive`; `Infinity` for no bound,
   * which with steps that declare `touches` runs each equivalence class of
   * schedules exactly once (optimal DPOR). @default 2
   */
  preemptionBound?: number;
  /** Most decisions in one run before it fails as a livelock. @default 100000 */
  stepBudget?: number;
  /** Real ms to wait for outside activity before a stall is a deadlock. @default 2000 */
  deadlockTimeout?: number;
  /** Shrink a failure. @default true */
  shrink?: boolean;
  /** Stop exploring after this many ms of wall time. */
  budgetMs?: number;
  /** Called with progress during long explorations. */
  onProgress?: (progress: Progress) => void;
  /** Stops exploring (and shrinking) when aborted; the result covers the runs done so far. */
  signal?: AbortSignal;
  /**
   * Asked before each exploration run with its 1-based index; false ends
   * the exploration there, as a spent budget does (a worker of `racekit
   * --workers` stops once another worker's failure comes first).
   */
  shouldRun?: (run: number) => boolean;
  /** Called once exploration has found its failing run, before shrinking it, with the run's 1-based index. */
  onFailure?: (run: number) => void;
  /**
   * Which failures end the check: a run that fails otherwise counts as
   * passed, in exploration and in shrinking (`toHaveRace({ kind: 'deadlock' })`
   * explores past invariant failures until a deadlock). @default every failure
   */
  failureFilter?: (failure: { readonly kind: FailureKind; readonly message: string }) => boolean;
}

/** Options with defaults applied and values checked. */
export interface ResolvedOptions {
  readonly strategy: StrategyName;
  readonly runs: number;
  readonly seed: number;
  readonly depth: number;
  readonly replay: string | undefined;
  readonly time: TimeMode | undefined;
  readonly maxLatency: number | undefined;
  readonly preemptionBound: number;
  readonly stepBudget: number;
  readonly deadlockTimeout: number;
  readonly shrink: boolean;
  readonly budgetMs: number;
  readonly onProgress: ((progress: Progress) => void) | undefined;
  readonly signal: AbortSignal | undefined;
  readonly shouldRun: ((run: number) => boolean) | undefined;
  readonly failureFilter: CheckOptions['failureFilter'];
  readonly onFailure: ((run: number) => void) | undefined;
}

export const STRATEGIES: readonly StrategyName[] = ['random', 'pct', 'surw', 'soft-pct', 'pos', 'exhaustive', 'portfolio'];

function integer(name: string, value: unknown, min: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw new InvalidOptionError(name, value, `an integer ≥ ${min}`);
  return value;
}

/**
 * Checks the options a scenario or operation spec carries for `racekit
 * audit` (`runs`, `expect`, `summary`, `startsThreads`, see AuditMeta) as
 * {@link resolveOptions} checks check()'s: a bad one is an
 * {@link InvalidOptionError} naming the scenario and the field, not a value
 * quietly replaced by its default (`runs: -1` would otherwise explore 1000
 * runs, `expect: 'fails'` expect a pass).
 */
export function validateScenarioOptions(scenario: Readonly<Record<string, unknown>>): void {
  const field = (name: string) => `scenario "${String(scenario.name)}": ${name}`;
  integer(field('runs'), scenario.runs, 1, 0);
  if (scenario.expect !== undefined && scenario.expect !== 'pass' && scenario.expect !== 'fail') throw new InvalidOptionError(field('expect'), scenario.expect, "'pass' or 'fail'");
  if (scenario.summary !== undefined && typeof scenario.summary !== 'string') throw new InvalidOptionError(field('summary'), scenario.summary, 'a string');
  if (scenario.startsThreads !== undefined && typeof scenario.startsThreads !== 'boolean') throw new InvalidOptionError(field('startsThreads'), scenario.startsThreads, 'a boolean');
}

/** A fresh seed for explorations that were given none (the result reports it). */
export function freshSeed(): number {
  return (Date.now() ^ (Math.random() * 0x100000000)) >>> 0;
}

/** Applies defaults and throws {@link InvalidOptionError} naming the first bad option. */
export function resolveOptions(options: CheckOptions = {}): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw new InvalidOptionError('options', options, 'an object');
  const strategy = options.strategy ?? 'portfolio';
  if (!STRATEGIES.includes(strategy)) throw new InvalidOptionError('strategy', strategy, STRATEGIES.map((s) => `'${s}'`).join(' | '));
  if (options.time !== undefined && options.time !== 'real' && options.time !== 'virtual') throw new InvalidOptionError('time', options.time, "'real' or 'virtual'");
  if (options.replay !== undefined && typeof options.replay !== 'string') throw new InvalidOptionError('replay', options.replay, 'a replay token string');
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) throw new InvalidOptionError('signal', options.signal, 'an AbortSignal');
  for (const hook of ['onProgress', 'shouldRun', 'onFailure', 'failureFilter'] as const) {
    if (options[hook] !== undefined && typeof options[hook] !== 'function') throw new InvalidOptionError(hook, options[hook], 'a function');
  }
  if (options.seed !== undefined && (typeof options.seed !== 'number' || !Number.isInteger(options.seed))) throw new InvalidOptionError('seed', options.seed, 'an integer');
  return {
    strategy,
    runs: integer('runs', options.runs, 1, 1000),
    seed: options.seed === undefined ? freshSeed() : options.seed >>> 0,
    depth: integer('depth', options.depth, 1, 2),
    replay: options.replay,
    time: options.time,
    maxLatency: options.maxLatency === undefined ? undefined : integer('maxLatency', options.maxLatency, 0, 0),
    preemptionBound: options.preemptionBound === Infinity ? Infinity : integer('preemptionBound', options.preemptionBound, 0, 2),
    stepBudget: integer('stepBudget', options.stepBudget, 1, 100_000),
    deadlockTimeout: integer('deadlockTimeout', options.deadlockTimeout, 0, 2000),
    shrink: options.shrink ?? true,
    budgetMs: integer('budgetMs', options.budgetMs, 1, Number.MAX_SAFE_INTEGER),
    onProgress: options.onProgress,
    signal: options.signal,
    shouldRun: options.shouldRun,
    onFailure: options.onFailure,
    failureFilter: options.failureFilter,
  };
}
