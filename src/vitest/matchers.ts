import type { CheckResult } from '../model/check-result.js';
import type { FailureKind } from '../model/trace.js';
import type { CheckOptions } from '../options.js';
import { raceMessage } from './race-message.js';
import { checkSubject, subjectKind } from './subject.js';
import { sayWarnings } from './warnings.js';
import { matcherTest, withTestSignal, type TestLike } from './test-signal.js';

/** What {@link RaceMatchers.toHaveRace} may require of the failure, with the options of the check it runs. */
export interface RaceExpectation extends CheckOptions {
  /** The failure kind the race must have. */
  kind?: FailureKind;
  /** Text the failure message must contain, or a pattern it must match. */
  message?: string | RegExp;
}

/** An assertion on a check result is done at once; on a scenario or a spec it runs the check, so await it. */
export type RaceAssertion<T> = T extends CheckResult ? void : Promise<void>;

/**
 * racekit's matchers, added to vitest's `expect` by `import 'racekit/vitest'`.
 * Each takes a check result (`expect(await check(scenario))…`), or a scenario
 * or an operation spec, which it checks first (`await expect(scenario)…`).
 */
export interface RaceMatchers<T = unknown> {
  /** No run fails: no broken invariant, no exception, no deadlock. `.not`: some run fails. */
  toBeRaceFree(options?: CheckOptions): RaceAssertion<T>;
  /** Some run fails; a failure kind or a message pattern narrows which failure counts. `.not`: none fails. */
  toHaveRace(expected?: FailureKind | RegExp | RaceExpectation): RaceAssertion<T>;
  /** Every history an operation spec's runs record is linearizable against its model (`.not`: some is not). */
  toBeLinearizable(options?: CheckOptions): RaceAssertion<T>;
  /** @deprecated Use {@link RaceMatchers.toHaveRace}; kept for racekit 0.1 tests. */
  toRace(expected?: FailureKind | RegExp | RaceExpectation): RaceAssertion<T>;
}

/** Set by `raceTest` on the options it passes: its own hint and report line, and no console warning (it annotates). */
export const FROM_RACE_TEST: unique symbol = Symbol('racekit raceTest');

/** The part of vitest's matcher state racekit uses. */
interface MatcherContext {
  readonly isNot: boolean;
  /** The test vitest's expect names (the running one, or under concurrent tests the one started last), whose context carries the signal vitest aborts at its timeout. */
  readonly task?: TestLike;
  readonly utils: {
    matcherHint(name: string, received?: string, expected?: string, options?: { isNot?: boolean }): string;
    printReceived(value: unknown): string;
  };
}

interface Verdict {
  readonly pass: boolean;
  readonly message: () => string;
}

interface FromRaceTest {
  readonly hint: string;
  readonly report: string | undefined;
}

interface MatcherDef {
  /** The assertion holds of this result (before `.not`). */
  holds(result: CheckResult): boolean;
  /** The Expected side, for the direction vitest was asked (`.not` or not). */
  expected(isNot: boolean): string;
}

const FAILURE_KINDS: readonly string[] = ['invariant', 'exception', 'deadlock', 'step-budget'];

function raceExpectation(expected: FailureKind | RegExp | RaceExpectation | undefined): RaceExpectation {
  if (expected === undefined) return {};
  if (typeof expected === 'string') {
    if (!FAILURE_KINDS.includes(expected)) throw new TypeError(`toHaveRace: a failure kind must be one of ${FAILURE_KINDS.map((k) => `'${k}'`).join(', ')}, got ${JSON.stringify(expected)} (string); a message pattern is a RegExp or { message }`);
    return { kind: expected };
  }
  if (expected instanceof RegExp) return { message: expected };
  return expected;
}

function matchesMessage(message: string, pattern: string | RegExp | undefined): boolean {
  return pattern === undefined || (typeof pattern === 'string' ? message.includes(pattern) : pattern.test(message));
}

function assertRace(ctx: MatcherContext, name: string, received: unknown, options: (CheckOptions & { [FROM_RACE_TEST]?: FromRaceTest }) | undefined, def: MatcherDef, argument = ''): Verdict | Promise<Verdict> {
  const kind = subjectKind(received);
  if (kind === undefined) {
    // Invalid input is an error whichever the direction: `.not` must not turn it into a pass.
    throw new TypeError(`${ctx.utils.matcherHint(name, 'received', argument, { isNot: ctx.isNot })}\n\nreceived must be a check result (from check()), a scenario ({ name, tasks, … }) or an operation spec ({ name, create, operations, model })\nReceived: ${ctx.utils.printReceived(received)}`);
  }
  const from = options?.[FROM_RACE_TEST];
  const verdict = (result: CheckResult): Verdict => {
    const pass = def.holds(result);
    // What a passing race-free assertion leaves unsaid (nothing was interleaved, say) goes to the console; raceTest annotates instead.
    if (pass !== ctx.isNot && !result.failed && from === undefined) void sayWarnings(result);
    const hint = from?.hint ?? `expect(${kind})${ctx.isNot ? '.not' : ''}.${name}(${argument})`;
    return { pass, message: () => raceMessage({ hint, expected: def.expected(ctx.isNot), result, report: from?.report }) };
  };
  if (kind === 'result') return verdict(received as CheckResult);
  const { [FROM_RACE_TEST]: _, ...checkOptions } = options ?? {};
  const found = matcherTest(ctx.task);
  if ('ambiguous' in found && checkOptions.signal === undefined) {
    console.warn(`racekit: ${name}: ${found.ambiguous}, so this check does not stop when vitest times its test out (later checks of the file wait behind it): use the test context's expect (test('…', async ({ expect }) => …)) or pass the test's signal ({ signal: context.signal })`);
  }
  const signal = withTestSignal(checkOptions.signal, 'test' in found ? found.test?.context?.signal : undefined);
  return checkSubject(received as Parameters<typeof checkSubject>[0], signal === undefined ? checkOptions : { ...checkOptions, signal }).then(verdict);
}

const raceFree: MatcherDef = {
  holds: (r) => !r.failed,
  expected: (isNot) => (isNot ? 'a failing run' : 'no failing run'),
};

function raceOf(expected: RaceExpectation): MatcherDef {
  const detail = [expected.kind === undefined ? '' : ` of kind ${expected.kind}`, expected.message === undefined ? '' : ` whose message matches ${String(expected.message)}`].join('');
  return {
    holds: (r) => r.failed && (expected.kind === undefined || r.kind === expected.kind) && matchesMessage(r.message, expected.message),
    expected: (isNot) => (isNot ? `no failing run${detail}` : `a failing run${detail}`),
  };
}

const linearizable: MatcherDef = {
  holds: (r) => !r.failed,
  expected: (isNot) => (isNot ? 'a failing run (a history that is not linearizable)' : 'no failing run (every history linearizable)'),
};

function toHaveRace(this: MatcherContext, received: unknown, expected?: FailureKind | RegExp | RaceExpectation): Verdict | Promise<Verdict> {
  const want = raceExpectation(expected);
  const { kind, message, ...options } = want;
  // Explore past failures of another kind or message: only one the assertion is about ends the check.
  if (kind !== undefined || message !== undefined) options.failureFilter = (f) => (kind === undefined || f.kind === kind) && matchesMessage(f.message, message);
  const argument = expected === undefined ? '' : typeof expected === 'string' ? `'${expected}'` : expected instanceof RegExp ? String(expected) : 'expected';
  return assertRace(this, 'toHaveRace', received, options, raceOf(want), argument);
}

/** The matcher functions, for `expect.extend`. */
export const raceMatchers = {
  toBeRaceFree(this: MatcherContext, received: unknown, options?: CheckOptions): Verdict | Promise<Verdict> {
    return assertRace(this, 'toBeRaceFree', received, options, raceFree);
  },
  toHaveRace,
  toRace: toHaveRace,
  toBeLinearizable(this: MatcherContext, received: unknown, options?: CheckOptions): Verdict | Promise<Verdict> {
    return assertRace(this, 'toBeLinearizable', received, options, linearizable);
  },
};
