import { AsyncLocalStorage } from 'node:async_hooks';
import * as vitest from 'vitest';

/**
 * The signal a check inside a vitest test stops on: the caller's, and the
 * test's own, which vitest aborts when it times the test out or the run is
 * cancelled. Without the test's, a timed-out check would explore on in the
 * background and hold up every later check of the worker (checks run one at
 * a time).
 */
export function withTestSignal(own: AbortSignal | undefined, test: AbortSignal | undefined): AbortSignal | undefined {
  return test === undefined ? own : own === undefined ? test : AbortSignal.any([own, test]);
}

/** The part of a vitest test racekit reads to find its signal. */
export interface TestLike {
  readonly name?: string;
  readonly type?: string;
  readonly concurrent?: boolean;
  readonly result?: { readonly state?: string };
  readonly context?: { readonly signal?: AbortSignal };
  readonly file?: { readonly tasks?: readonly unknown[] };
}

/**
 * The concurrent test whose code runs now. vitest's global `expect` names
 * the test started last (one current test per worker), which under
 * `describe.concurrent` is not the one whose body calls it; a test's own
 * flow is, so an `aroundEach` hook enters it around each concurrent test
 * (and only those: a sequential test is the current one, and an
 * AsyncLocalStorage costs every promise of the checks it spans).
 */
const concurrentTest = new AsyncLocalStorage<TestLike>();

type AroundEach = (fn: (runTest: () => Promise<void>, context: { task: TestLike }) => Promise<void>) => void;

/**
 * Registers the hook that lets a matcher find its concurrent test, on the
 * test file that loads `racekit/vitest` (vitest collects it then). Not
 * there (a vitest without `aroundEach`, a file loaded while no file is
 * collected), {@link matcherTest} says when it cannot tell.
 */
export function followConcurrentTests(): void {
  const aroundEach = (vitest as { aroundEach?: AroundEach }).aroundEach;
  if (typeof aroundEach !== 'function') return;
  try {
    // The context is destructured: vitest reads a hook's parameters for the fixtures it uses.
    aroundEach((runTest, { task }) => (task.concurrent === true ? concurrentTest.run(task, runTest) : runTest()));
  } catch {
    // Loaded outside collection (from inside a test, say): no file to hook.
  }
}

/** The test a matcher runs in, or why it cannot tell. */
export type MatcherTest = { readonly test: TestLike | undefined } | { readonly ambiguous: string };

/**
 * The test a matcher called now belongs to: the concurrent test whose flow
 * this is, else the one vitest's `expect` named (`this.task`), unless that
 * is a concurrent test and others run beside it, when it may be another's.
 */
export function matcherTest(named: TestLike | undefined): MatcherTest {
  const own = concurrentTest.getStore();
  if (own !== undefined) return { test: own };
  if (named?.concurrent !== true) return { test: named };
  const running = runningTests(named.file?.tasks ?? []);
  if (running.length <= 1) return { test: named };
  return { ambiguous: `vitest's global expect under concurrent tests names the test started last, here one of ${running.length} running (${running.map((t) => JSON.stringify(t.name)).join(', ')})` };
}

function runningTests(tasks: readonly unknown[]): TestLike[] {
  const found: TestLike[] = [];
  for (const t of tasks as (TestLike & { tasks?: unknown[] })[]) {
    if (t.type === 'test' && t.result?.state === 'run') found.push(t);
    else if (t.tasks !== undefined) found.push(...runningTests(t.tasks));
  }
  return found;
}
