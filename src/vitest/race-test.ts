import { expect as globalExpect, test, type TestContext } from 'vitest';
import { check } from '../check.js';
import { InvalidOptionError } from '../errors.js';
import type { CheckResult } from '../model/check-result.js';
import { freshSeed, resolveOptions, type CheckOptions } from '../options.js';
import type { Scenario } from '../scenario.js';
import { isScenario } from '../audit/targets.js';
import { declarationSite, placeAt, type DeclarationSite } from './declaration-site.js';
import { FROM_RACE_TEST } from './matchers.js';
import { replayCode } from './race-message.js';
import { REPORTS_ENV, writeTestReport } from './report-folder.js';
import { sayWarnings } from './warnings.js';
import { withTestSignal } from './test-signal.js';

/** Options of {@link raceTest}: those of `check`, and what the test expects. */
export interface RaceTestOptions<S = unknown, W = unknown> extends CheckOptions {
  /** `'pass'`: no run may fail. `'fail'`: a race must be found within the runs. @default 'pass' */
  expect?: 'pass' | 'fail';
  /** Further assertions on the result (trace length, message, …), run after the expectation held. */
  verify?: (result: CheckResult, scenario: Scenario<S, W>) => void | Promise<void>;
  /** Test timeout in ms, as `test`'s third argument. @default vitest's `testTimeout` */
  timeout?: number;
  /** @deprecated Give the name first: `raceTest(name, scenario, options)`. */
  name?: string;
}

/** A row of a `.each` table as its functions receive it: an array row spread, any other row as one argument. */
// Spread into a mutable tuple: rows written `as const` are readonly tuples, which a function's parameters never are.
export type EachRow<T> = T extends readonly unknown[] ? [...T] : [T];

/** `raceTest` itself, or one of its `.skip`, `.only`, `.skipIf(…)`, `.runIf(…)` forms. */
export interface RaceTestFunction {
  /** Declares a test named `name` that checks the scenario and asserts the expectation. */
  <S, W>(name: string, scenario: Scenario<S, W>, options?: RaceTestOptions<S, W> | number, timeout?: number): void;
  /** Declares a test named after the scenario and its expectation. */
  <S, W>(scenario: Scenario<S, W>, options?: RaceTestOptions<S, W> | number, timeout?: number): void;
  /**
   * One test per row of `cases`, named with vitest's `test.each` formatting
   * (`%s`, `%i`, `$name`); the scenario and the options may be functions of
   * the row. The rows share one seed.
   */
  each<T>(cases: readonly T[]): <S, W>(name: string, scenario: Scenario<S, W> | ((...row: EachRow<T>) => Scenario<S, W>), options?: RaceTestOptions<S, W> | ((...row: EachRow<T>) => RaceTestOptions<S, W>), timeout?: number) => void;
}

/** The `raceTest` of `racekit/vitest`: one vitest test per scenario, with vitest's modifiers. */
export interface RaceTest extends RaceTestFunction {
  /** Declares the test but skips it. */
  readonly skip: RaceTestFunction;
  /** Runs only this test (and other `.only` ones) in its file. */
  readonly only: RaceTestFunction;
  /** A test still to be written: listed, never run. */
  todo(name: string): void;
  /** Skips the test when `condition` is truthy. */
  skipIf(condition: unknown): RaceTestFunction;
  /** Runs the test only when `condition` is truthy. */
  runIf(condition: unknown): RaceTestFunction;
}

/** The vitest test function racekit declares with (`test`, `test.skip`, …). */
type VitestTest = typeof test.skip;

function defaultTitle(scenario: Scenario<unknown, unknown>, options: RaceTestOptions): string {
  return options.name ?? `${scenario.name} ${options.expect === 'fail' ? 'races' : 'is race-free'}${options.strategy ? ` under ${options.strategy}` : ''}`;
}

function checkedScenario<S, W>(value: unknown, where: string): Scenario<S, W> {
  if (!isScenario(value)) throw new InvalidOptionError(`${where}: scenario`, value, 'a scenario ({ name, tasks, … })');
  return value as Scenario<S, W>;
}

function checkedOptions<S, W>(value: unknown, where: string): RaceTestOptions<S, W> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null) throw new InvalidOptionError(`${where}: options`, value, 'an object of raceTest options');
  const options = value as RaceTestOptions<S, W>;
  if (options.expect !== undefined && options.expect !== 'pass' && options.expect !== 'fail') throw new InvalidOptionError(`${where}: options.expect`, options.expect, "'pass' or 'fail'");
  return options;
}

/** The test body: checks, writes the report folder when asked, asserts the expectation at the test's own line. */
async function runRaceTest<S, W>(context: TestContext, scenario: Scenario<S, W>, options: RaceTestOptions<S, W>, seed: number, title: string, site: DeclarationSite): Promise<void> {
  const { expect: expectation = 'pass', verify } = options;
  const checkOptions = checkOptionsOf(options);
  const result = await check(scenario, { ...checkOptions, seed, signal: withTestSignal(checkOptions.signal, context.signal) });
  if (context.signal?.aborted) return;
  const root = process.env[REPORTS_ENV];
  const report = root ? await writeTestReport(root, { file: context.task.file.filepath, title, expect: expectation, replay: replayCode(result) ?? '' }, result) : undefined;
  const hint = `raceTest(${JSON.stringify(title)}) expects ${expectation === 'fail' ? 'a race' : 'no race'} in scenario "${scenario.name}"`;
  const marked = { [FROM_RACE_TEST]: { hint, report } };
  const expect = context.expect ?? globalExpect;
  try {
    if (expectation === 'fail') expect(result).toHaveRace(marked as CheckOptions);
    else expect(result).toBeRaceFree(marked as CheckOptions);
  } catch (error) {
    throw error instanceof Error ? placeAt(error, site) : error;
  }
  await sayWarnings(result, context);
  await verify?.(result, scenario);
}

/** The environment variable that pins the seed of every raceTest given none: a CI run's seed, run again. */
export const SEED_ENV = 'RACEKIT_SEED';

/** The seed of a raceTest given none: {@link SEED_ENV}'s when set, else a fresh one (a failure's message says which). */
function defaultSeed(): number {
  const text = process.env[SEED_ENV];
  if (text === undefined || text.trim() === '') return freshSeed();
  const seed = Number(text);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new InvalidOptionError(SEED_ENV, text, 'an integer from 0 to 4294967295');
  return seed;
}

/** The options of `check` among a raceTest's. */
function checkOptionsOf<S, W>(options: RaceTestOptions<S, W>): CheckOptions {
  const { expect: _expect, verify: _verify, timeout: _timeout, name: _name, ...checkOptions } = options;
  return checkOptions;
}

/** Checks the options of `check` among a raceTest's now: a bad one is an error of the file, at the raceTest line, not of the test's run inside racekit. */
function checkedAt<S, W>(site: DeclarationSite, options: RaceTestOptions<S, W>, seed: number): void {
  try {
    resolveOptions({ ...checkOptionsOf(options), seed });
  } catch (error) {
    throw error instanceof Error ? placeAt(error, site) : error;
  }
}

// The name carries no seed: a fresh seed in it would make every run's test a new one to vitest's reporters, history and -t.
function declare<S, W>(t: VitestTest, site: DeclarationSite, name: string | undefined, scenario: Scenario<S, W>, options: RaceTestOptions<S, W>, timeout: number | undefined): void {
  const seed = options.seed ?? defaultSeed();
  checkedAt(site, options, seed);
  const title = name ?? defaultTitle(scenario as Scenario<unknown, unknown>, options as RaceTestOptions);
  t(title, { timeout: options.timeout ?? timeout }, (context) => runRaceTest(context, scenario, options, seed, title, site));
}

function raceTestOf(t: VitestTest): RaceTestFunction {
  const fn = (...args: unknown[]): void => {
    const site = declarationSite();
    const named = typeof args[0] === 'string';
    const name = named ? (args[0] as string) : undefined;
    const [scenarioArg, optionsArg, timeoutArg] = named ? args.slice(1) : args;
    const scenario = checkedScenario(scenarioArg, 'raceTest');
    const options = typeof optionsArg === 'number' ? {} : checkedOptions(optionsArg, 'raceTest');
    const timeout = typeof optionsArg === 'number' ? optionsArg : typeof timeoutArg === 'number' ? timeoutArg : undefined;
    declare(t, site, name, scenario, options, timeout);
  };
  const each = <T>(cases: readonly T[]) => {
    if (!Array.isArray(cases)) throw new InvalidOptionError('raceTest.each: cases', cases, 'an array of rows');
    return <S, W>(name: string, scenarioOf: Scenario<S, W> | ((...row: EachRow<T>) => Scenario<S, W>), optionsOf?: RaceTestOptions<S, W> | ((...row: EachRow<T>) => RaceTestOptions<S, W>), timeout?: number): void => {
      const site = declarationSite();
      if (typeof name !== 'string') throw new InvalidOptionError('raceTest.each: name', name, 'a string (vitest formats it per row: %s, $name)');
      const shared = defaultSeed();
      cases.forEach((row, index) => {
        // The factories run now, as the test is declared: a bad row is an error of the file.
        const args = (Array.isArray(row) ? row : [row]) as EachRow<T>;
        const scenario = checkedScenario<S, W>(typeof scenarioOf === 'function' ? scenarioOf(...args) : scenarioOf, 'raceTest.each');
        const options = checkedOptions<S, W>(typeof optionsOf === 'function' ? optionsOf(...args) : optionsOf, 'raceTest.each');
        const seed = options.seed ?? shared;
        checkedAt(site, options, seed);
        // One row per declaration, so vitest formats the name (%s, $name); the row's index is filled in here.
        const template = name.replace(/%#/g, String(index)).replace(/%\$/g, String(index + 1));
        t.for([row])(template, { timeout: options.timeout ?? timeout }, (_row, context) => runRaceTest(context, scenario, options, seed, context.task.name, site));
      });
    };
  };
  return Object.assign(fn as RaceTestFunction, { each });
}

/**
 * Declares vitest tests that check scenarios. A failure is reported at the
 * `raceTest(…)` line with the interleaving table, under it the line that
 * replays it outside vitest, and the seed (RACEKIT_SEED pins the seed of every raceTest given none).
 *
 * @example
 * raceTest('the counter loses no increment', counterScenario, { runs: 2000 });
 * raceTest.each(['pct', 'random'] as const)('lost update found by %s', unlocked, (strategy) => ({ strategy, expect: 'fail' }));
 */
export const raceTest: RaceTest = Object.assign(raceTestOf(test), {
  skip: raceTestOf(test.skip),
  only: raceTestOf(test.only),
  todo: (name: string) => test.todo(name),
  skipIf: (condition: unknown) => raceTestOf(test.skipIf(condition)),
  runIf: (condition: unknown) => raceTestOf(test.runIf(condition)),
});
