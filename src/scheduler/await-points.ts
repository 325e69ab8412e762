import { setAwaitHandler, type AwaitHandler } from '../instrument/runtime.js';
import { carryFlows, current } from './activity.js';
import { countingInto } from './timer-census.js';

/** Instrumented awaits reached during a run by code of no run's flow (a callback the event loop started: a server's request handler). */
let untasked = 0;

/** How many instrumented awaits runs have reached outside every flow so far (a check reads it before and after its runs). */
export function untaskedAwaits(): number {
  return untasked;
}

/** A plain await: outside every task. Counted when a run is executing but the code is of no flow of it. */
function plain<T>(value: T, flow: typeof current): T {
  if (flow === undefined && countingInto() !== undefined) untasked++;
  return value;
}

/**
 * What an instrumented `await` means inside a check.
 *
 * Reached by a task's flow while its run executes (a flow that outlives its
 * task's main function included: a library's background loop a task
 * started), the await is a yield point of that task (kind `await`), taken
 * after the awaited value settles: its value or rejection reaches the flow
 * when the scheduler resumes it. Reached by code outside every task (setup,
 * teardown, the invariant, a timer's or a socket's callback) or outside
 * every run, it is a plain await: only tasks are interleaved. A flow whose
 * run has ended is abandoned at its next await, as at a `ctx.step`.
 */
const handler: AwaitHandler = {
  await(value, label) {
    // Code whose module had not finished loading when the check began (a top-level await, an import in setup) is
    // instrumented too: from its first await on, each task's flow must reach the promises it creates.
    carryFlows();
    const flow = current;
    if (flow === undefined || flow.task < 0) return plain(value, flow);
    return flow.run.awaitPoint(flow.task, value, label);
  },
  iterate(iterable, label) {
    carryFlows();
    const flow = current;
    if (flow === undefined || flow.task < 0) return plain(iterable, flow);
    const { run, task } = flow;
    return {
      [Symbol.asyncIterator]() {
        const it = asyncIteratorOf(iterable);
        return {
          next: (...args: [] | [unknown]) => run.awaitPoint(task, it.next(...args), label),
          return: (value?: unknown) => (it.return ? it.return(value) : Promise.resolve({ value, done: true })),
          throw: (error?: unknown) => (it.throw ? it.throw(error) : Promise.reject(error)),
        };
      },
    };
  },
};

/** The async iterator `for await` takes of a value: its own, or one over a sync iterable that awaits each element. */
function asyncIteratorOf(iterable: unknown): AsyncIterator<unknown> {
  const source = iterable as { [Symbol.asyncIterator]?: () => AsyncIterator<unknown>; [Symbol.iterator]?: () => Iterator<unknown> };
  const own = source?.[Symbol.asyncIterator];
  if (typeof own === 'function') return own.call(iterable);
  const sync = source?.[Symbol.iterator];
  if (typeof sync !== 'function') throw new TypeError('for await: value is not async iterable');
  const it = sync.call(iterable);
  const lift = (r: IteratorResult<unknown>): Promise<IteratorResult<unknown>> => Promise.resolve(r.value).then((value) => ({ value, done: r.done }) as IteratorResult<unknown>);
  return {
    next: (...args: [] | [unknown]) => lift(it.next(...args)),
    return: (value?: unknown) => (it.return ? lift(it.return(value)) : Promise.resolve({ value, done: true })),
  };
}

/** Instrumented awaits are yield points from now until the returned function is called. */
export function installAwaitPoints(): () => void {
  setAwaitHandler(handler);
  return () => setAwaitHandler(undefined);
}
