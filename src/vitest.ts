/**
 * vitest integration: `raceTest(scenario, { expect: 'fail' })` is one test
 * whose name carries the seed and whose failure message is the interleaving
 * table with its replay token. Import from `racekit/vitest`.
 * @packageDocumentation
 */
import { expect, test } from 'vitest';
import { check, type CheckResult } from './check.js';
import { freshSeed, type CheckOptions } from './options.js';
import type { Scenario } from './scenario.js';
import { formatFailure } from './report/text.js';
import { toBeLinearizable } from './audit/to-be-linearizable.js';

/** Options of {@link raceTest}. */
export interface RaceTestOptions<S = unknown, W = unknown> extends CheckOptions {
  /** `'pass'`: no run may fail (default). `'fail'`: a race must be found within the runs. */
  expect?: 'pass' | 'fail';
  /** Further assertions on the result (trace length, message, …). */
  verify?: (result: CheckResult, scenario: Scenario<S, W>) => void | Promise<void>;
  /** Test timeout in ms. */
  timeout?: number;
  /** Test name; defaults to the scenario's name and the expectation. */
  name?: string;
}

/** Throws (with the table and replay token) unless the result matches the expectation. */
export function assertExpectation(result: CheckResult, expectation: 'pass' | 'fail'): void {
  if (expectation === 'pass' && result.failed) throw new Error(`expected no race, but:\n${formatFailure(result)}`);
  if (expectation === 'fail' && !result.failed) throw new Error(`expected a race in ${result.name}, but none was found in ${result.runs} runs (seed ${result.seed}, ${result.strategy}${result.exhausted ? ', every schedule in the bound explored' : ''})`);
}

/** Declares one vitest test that explores the scenario and checks its expectation. */
export function raceTest<S, W>(scenario: Scenario<S, W>, options: RaceTestOptions<S, W> = {}): void {
  const { expect: expectation = 'pass', verify, timeout, name, ...checkOptions } = options;
  const seed = checkOptions.seed ?? freshSeed();
  const title = name ?? `${scenario.name} ${expectation === 'fail' ? 'races' : 'is race-free'}${checkOptions.strategy ? ` under ${checkOptions.strategy}` : ''}`;
  test(
    `${title} (seed=${seed})`,
    async () => {
      const result = await check(scenario, { ...checkOptions, seed });
      assertExpectation(result, expectation);
      await verify?.(result, scenario);
    },
    timeout,
  );
}

interface RaceMatchers<R = unknown> {
  /** The check result records no failing run. */
  toBeRaceFree(): R;
  /** The check result records a failing run (optionally of this kind). */
  toRace(kind?: CheckResult['kind']): R;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends RaceMatchers<T> {}
}

function isResult(value: unknown): value is CheckResult {
  return typeof value === 'object' && value !== null && typeof (value as CheckResult).failed === 'boolean' && typeof (value as CheckResult).runs === 'number';
}

expect.extend({
  toBeRaceFree(received: unknown) {
    if (!isResult(received)) return { pass: false, message: () => 'expected a racekit CheckResult (from check())' };
    return { pass: !received.failed, message: () => (received.failed ? `expected no race, but:\n${formatFailure(received)}` : `expected a race, but ${received.runs} runs found none`) };
  },
  toRace(received: unknown, kind?: CheckResult['kind']) {
    if (!isResult(received)) return { pass: false, message: () => 'expected a racekit CheckResult (from check())' };
    const pass = received.failed && (kind === undefined || received.kind === kind);
    return {
      pass,
      message: () => (pass ? `expected no race, but:\n${formatFailure(received)}` : received.failed ? `expected a ${kind} failure, got ${received.kind}: ${received.message}` : `expected a race, but ${received.runs} runs found none (seed ${received.seed})`),
    };
  },
});

export { check, freshSeed };
export type { CheckResult };

interface LinearizabilityMatchers<R = unknown> {
  /** The operation spec's histories are linearizable across the runs (await it: the matcher explores). */
  toBeLinearizable(options?: CheckOptions): Promise<R>;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<T = any> extends LinearizabilityMatchers<T> {}
}

expect.extend({ toBeLinearizable });
