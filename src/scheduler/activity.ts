import { promiseHooks } from 'node:v8';
import { errorText } from '../errors.js';
import type { Orphan } from './failure-capture.js';

/**
 * What the VM tells us about the code that runs, while a check is active:
 * a counter that moves whenever a promise is created, a promise job runs, or
 * a `queueMicrotask`/`process.nextTick` callback runs; the ticks queued and
 * not yet run; whether a promise job is running now; and the flow the
 * running code belongs to, carried from each promise to the jobs it
 * triggers (as an AsyncLocalStorage would, at a fraction of its cost).
 * Quiescence detection (quiescence.ts) reads the counter; attribution of
 * wrapped calls, instrumented awaits and unhandled rejections reads the flow.
 */

/** The run a flow belongs to, as the code it runs sees it. */
export interface FlowOwner {
  /**
   * An error escaped the run's code (an unhandled rejection, a callback that
   * threw): the run fails, even after it ended. `unattributed`: the error
   * was credited to the run only because it was executing when the error
   * surfaced (see RunEnd.unattributed).
   */
  raise(message: string, error: unknown, unattributed?: Orphan): void;
  /**
   * An instrumented await of `task`: a promise of `value`'s outcome,
   * delivered when the scheduler resumes the yield point it becomes once
   * `value` settles (never, once the run has ended).
   */
  awaitPoint(task: number, value: unknown, label: string): Promise<unknown>;
}

/** The flow a piece of code belongs to: its run, and its task (-1: the run's own code, e.g. setup or a timer callback). */
export interface Flow {
  readonly run: FlowOwner;
  readonly task: number;
  /** The wrapped call whose body this code is (its calls are nested in it), if any. */
  readonly call?: CallInFlight;
}

/** A wrapped call in flight, as the calls its body makes see it (OutsideWork counts the ones waiting on the schedule). */
export interface CallInFlight {
  /** Answers of calls nested in it that are pending: while there are, it waits on a decision, not on outside work. */
  answersPending: number;
  settled: boolean;
}

/** Bumped by every promise job or counted callback run (and, while flows are carried, every promise created). */
export let activity = 0;
/** `process.nextTick` callbacks queued through the counted function and not yet run. */
export let pendingTicks = 0;
/** True while a promise job runs (between V8's before and after hooks). */
export let inJob = false;
/** The flow of the code running now, or undefined outside every run (or while flows are not carried). */
export let current: Flow | undefined;

const FLOW = Symbol('racekit.flow');
type Tagged = Promise<unknown> & { [FLOW]?: Flow };

/** The run whose tasks' promise jobs {@link taskJobs} counts (one waiting out a stall, see OutsideWait.watchTasks), if any. */
let watched: FlowOwner | undefined;
/** Promise jobs run by a task's flow of the watched run: seen only while flows are carried. */
export let taskJobs = 0;

/** Counts the promise jobs of `run`'s tasks into {@link taskJobs} from now on (undefined: of no run's). */
export function countTaskJobs(run: FlowOwner | undefined): void {
  watched = run;
}

/** Called at the end of every promise job (quiescence detection arms its markers there). */
let jobEndHook: (() => void) | undefined;
let depth = 0;
let stopHooks: (() => void) | undefined;
let carrying = false;

// Two sets of hooks. Counting needs only before and after; carrying flows
// from promise to promise also needs init, which costs a call for every
// promise created, so it is switched on only when a check needs to know
// which task's code is running (wrapped calls made in setup, instrumented
// awaits).
const counting = {
  before(): void {
    activity++;
    inJob = true;
  },
  after(): void {
    inJob = false;
    if (jobEndHook !== undefined) jobEndHook();
  },
};

const carryingFlows = {
  init(promise: Tagged): void {
    activity++;
    if (current !== undefined) promise[FLOW] = current;
  },
  before(promise: Tagged): void {
    activity++;
    inJob = true;
    const flow = (current = promise[FLOW]);
    if (flow !== undefined && flow.run === watched && flow.task >= 0) taskJobs++;
  },
  after(): void {
    inJob = false;
    current = undefined;
    if (jobEndHook !== undefined) jobEndHook();
  },
};

/** The real functions, as they were when racekit loaded (the scheduler's own hops use these). */
export const realQueueMicrotask: typeof queueMicrotask = globalThis.queueMicrotask;
export const realNextTick: typeof process.nextTick = process.nextTick;

/** What `queueMicrotask` and `process.nextTick` are set to by others (a test runner's safe timers, fake timers): the counted functions call these. */
let innerQueueMicrotask = realQueueMicrotask;
let innerNextTick = realNextTick;

/** True while a counted function calls what it wraps: a wrapper that calls back into us (it kept our function as "the original") must reach the real one. */
let callingInner = false;

/** Calls `inner` with `f`, or the real function when re-entered through a wrapper of ours. */
function through<A extends unknown[]>(inner: (...a: A) => void, real: (...a: A) => void, ...args: A): void {
  if (callingInner) return real(...args);
  callingInner = true;
  try {
    inner(...args);
  } finally {
    callingInner = false;
  }
}

function countedQueueMicrotask(callback: () => void): void {
  if (depth === 0 || typeof callback !== 'function' || callingInner) return through(innerQueueMicrotask, realQueueMicrotask, callback);
  const flow = current;
  through(innerQueueMicrotask, realQueueMicrotask, () => {
    activity++;
    current = flow;
    try {
      callback();
    } catch (error) {
      if (flow === undefined) throw error;
      flow.run.raise(`queueMicrotask callback threw: ${errorText(error)}`, error);
    } finally {
      current = undefined;
    }
  });
}

/**
 * Counted ticks run one after another with no promise job between them
 * (each moves `activity` by one, as does every promise job): ticks that keep
 * queueing ticks starve every promise job, quiescence's markers included.
 */
let ticksInARow = 0;
let activityAtLastTick = -1;

function countedNextTick(callback: (...args: unknown[]) => void, ...args: unknown[]): void {
  if (depth === 0 || typeof callback !== 'function' || callingInner) return through(innerNextTick as (...a: unknown[]) => void, realNextTick as (...a: unknown[]) => void, callback, ...args);
  const flow = current;
  pendingTicks++;
  through(innerNextTick as (...a: unknown[]) => void, realNextTick as (...a: unknown[]) => void, () => {
    pendingTicks--;
    ticksInARow = activity === activityAtLastTick ? ticksInARow + 1 : 0;
    activityAtLastTick = ++activity;
    if (ticksInARow >= TICKS_IN_A_ROW) {
      ticksInARow = 0;
      tickStarvationHook();
    }
    current = flow;
    try {
      callback(...args);
    } catch (error) {
      if (flow === undefined) throw error;
      flow.run.raise(`process.nextTick callback threw: ${errorText(error)}`, error);
    } finally {
      current = undefined;
    }
  });
}

/**
 * Installs `counted` as `owner[name]` for good: reading the property always
 * gives the counted function, and assigning it (vitest swaps
 * process.nextTick for its own around every message it sends, fake timers
 * replace both) replaces only what the counted function calls.
 */
function installCounted<T extends object>(owner: T, name: string, counted: unknown, real: unknown, setInner: (fn: never) => void): void {
  Object.defineProperty(owner, name, {
    configurable: true,
    enumerable: Object.getOwnPropertyDescriptor(owner, name)?.enumerable ?? true,
    get: () => counted,
    // Putting back what was read (ours) restores the real one; anything else is what we call from now on.
    set: (fn: unknown) => {
      if (typeof fn === 'function') setInner((fn === counted ? real : fn) as never);
    },
  });
}

// Installed when racekit loads, not per check: libraries keep a reference to
// queueMicrotask or process.nextTick from when they loaded, and a callback
// queued through a reference we never saw would be invisible to quiescence
// detection. Outside a check the counted functions call through directly.
installCounted(globalThis, 'queueMicrotask', countedQueueMicrotask, realQueueMicrotask, (fn: typeof queueMicrotask) => (innerQueueMicrotask = fn));
installCounted(process, 'nextTick', countedNextTick, realNextTick, (fn: typeof process.nextTick) => (innerNextTick = fn));

/** Starts tracking (nested calls count); returns the function that stops it. */
export function trackActivity(): () => void {
  if (depth++ === 0) {
    pendingTicks = 0;
    current = undefined;
    carrying = false;
    stopHooks = promiseHooks.createHook(counting) as () => void;
  }
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    if (--depth === 0) {
      stopHooks?.();
      stopHooks = undefined;
      current = undefined;
      inJob = false;
      carrying = false;
    }
  };
}

/**
 * From now until tracking stops, carry each flow from promise to promise, so
 * {@link current} says whose code is running in every job. Called before the
 * code that needs it starts (setup wrapping a dependency, instrumented code).
 */
export function carryFlows(): void {
  if (depth === 0 || carrying) return;
  carrying = true;
  stopHooks?.();
  stopHooks = promiseHooks.createHook(carryingFlows) as () => void;
}

/** Sets the function called at the end of every promise job while tracking. */
export function onJobEnd(f: () => void): void {
  jobEndHook = f;
}

/** How many counted ticks in a row, with no promise job between them, make a loop of ticks (as many as quiescence's busy rounds). */
const TICKS_IN_A_ROW = 1_000_000;
let tickStarvationHook: () => void = () => {};

/** Sets what is called when {@link TICKS_IN_A_ROW} counted ticks ran with no promise job between them (quiescence.ts: the run is busy). */
export function onTickStarvation(f: () => void): void {
  tickStarvationHook = f;
}

/** Runs `f` as code of `flow`: promises it creates (and their jobs) belong to that flow. */
export function runAs<T>(flow: Flow | undefined, f: () => T): T {
  const saved = current;
  current = flow;
  try {
    return f();
  } finally {
    current = saved;
  }
}

/** The flow a promise was created in, if any. */
export function flowOf(promise: unknown): Flow | undefined {
  return typeof promise === 'object' && promise !== null ? (promise as Tagged)[FLOW] : undefined;
}
