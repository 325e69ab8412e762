import type { Scenario } from '../scenario.js';
import type { CheckOptions } from '../options.js';
import type { StressTest } from '../stress/stress-test.js';

/** What a built-in variant must do under exploration. */
export type Expectation = 'fail' | 'pass';

/** A subject variant with its declared expectation and default budget. */
export interface BuiltinScenario {
  /** `family/variant`. */
  readonly name: string;
  readonly family: string;
  readonly variant: string;
  readonly expect: Expectation;
  /** One sentence: what the variant does and why it races or not. */
  readonly summary: string;
  // The registry holds scenarios of many state and workload types.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly scenario: Scenario<any, any>;
  /** Runs `racekit run` gives it when none is asked for. */
  readonly runs: number;
  /** Other options it needs (a larger step budget, say). */
  readonly options?: Omit<CheckOptions, 'runs' | 'seed' | 'strategy' | 'onProgress' | 'replay'>;
  /** Stress mode: `racekit run` runs this many-round test (`runs` rounds) instead of exploring `scenario`. */
  readonly stress?: StressTest;
  /**
   * The scenario starts worker threads of its own: `--workers` explores it
   * on one thread, since its threads already compete for the cores (and a
   * thread slow to start under that competition counts against the deadlock
   * timeout).
   */
  readonly startsThreads?: boolean;
}

/** Builds a registry entry; the name is derived so the two never disagree. */
export function builtin(entry: Omit<BuiltinScenario, 'name'>): BuiltinScenario {
  return { ...entry, name: `${entry.family}/${entry.variant}` };
}
