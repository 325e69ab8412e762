import { createRequire } from 'node:module';
import { syncBuiltinESMExports } from 'node:module';
import { carryFlows } from './activity.js';
import type { OutsideWork } from './outside-work.js';
import { realNow } from './real-time.js';
import { nodeDelay } from './node-delay.js';

type AnyFn = (...args: unknown[]) => unknown;
const timers = createRequire(import.meta.url)('node:timers') as Record<string, AnyFn>;
type Sleep = (delay?: unknown, value?: unknown, options?: unknown) => Promise<unknown>;
/** node:timers/promises as CommonJS sees it: its setTimeout and `scheduler.wait` make timers inside Node, which the globals never see. */
const promises = createRequire(import.meta.url)('node:timers/promises') as { setTimeout: Sleep; scheduler?: { wait?: (delay: unknown, options?: unknown) => Promise<unknown> } };
/** What the counted setTimeout of timers/promises calls: the function there when the census was installed. */
let baseSleep = promises.setTimeout;
const TIMER_NAMES = ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] as const;
const IMMEDIATE_NAMES = ['setImmediate', 'clearImmediate'] as const;
type Name = (typeof TIMER_NAMES)[number] | (typeof IMMEDIATE_NAMES)[number];
const ALL = [...TIMER_NAMES, ...IMMEDIATE_NAMES];
const onGlobal = globalThis as unknown as Record<string, AnyFn>;
/**
 * What the counted functions call: the functions installed when the census
 * was, which may be a test runner's fakes (vi.useFakeTimers) rather than
 * Node's own. Put back as they were when the census ends.
 */
const base = Object.fromEntries(ALL.map((n) => [n, onGlobal[n]!])) as Record<Name, AnyFn>;
const baseTimers = Object.fromEntries(ALL.map((n) => [n, timers[n]!])) as Record<Name, AnyFn>;

/** The outside work of the run executing now, which new timers and immediates count into. */
let target: OutsideWork | undefined;
/** Pending handles created during a run, with the release that uncounts them. */
const pending = new WeakMap<object, () => void>();

/** Makes timers and immediates created from now on count into `work` (undefined: into nothing). */
export function countInto(work: OutsideWork | undefined): void {
  target = work;
}

/** The outside work of the run executing now (undefined outside runs). */
export function countingInto(): OutsideWork | undefined {
  return target;
}

/** Counts one more piece of the running run's outside work of this kind; the release (idempotent) uncounts it. Undefined outside runs. */
export function counter(field: 'realTimers' | 'immediates' | 'engineWaits'): (() => void) | undefined {
  const work = target;
  if (work === undefined) return undefined;
  work[field]++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    work[field]--;
  };
}

function counted(name: 'setTimeout' | 'setInterval' | 'setImmediate'): AnyFn {
  const field = name === 'setImmediate' ? 'immediates' : 'realTimers';
  return function (this: unknown, callback: unknown, ...rest: unknown[]) {
    const original = base[name];
    const work = target;
    const release = typeof callback === 'function' ? counter(field) : undefined;
    if (!release) return original.call(this, callback, ...rest);
    // An interval may wake a task again and again with no yield point between: a stall's wait tells that by the task's flow (OutsideWait.watchTasks).
    if (name === 'setInterval') carryFlows();
    let ended: ((fired: boolean) => void) | undefined;
    const wrapped =
      name === 'setInterval'
        ? callback
        : name === 'setImmediate'
          ? (...args: unknown[]) => (release(), work!.immediatesRun++, (callback as AnyFn)(...args))
          : (...args: unknown[]) => (release(), ended!(true), (callback as AnyFn)(...args));
    const handle = original.call(this, wrapped, ...rest) as object;
    // A one-shot timer's due time: a stall is waited out past it (OutsideWork.stallHorizon). An interval recurs for good, so it sets none.
    if (name === 'setTimeout') ended = work!.awaitDue(realNow() + nodeDelay(rest[0]));
    pending.set(handle, ended === undefined ? release : () => (release(), ended!(false)));
    return handle;
  };
}

/**
 * The promise, counted into the running run's outside work as `field` until it settles (a rejection nobody handles
 * stays unhandled); with `dueIn`, a stall is waited out until then, as for a one-shot timer. As it is outside runs.
 */
export function countedUntilSettled<T>(field: 'realTimers' | 'engineWaits', promise: Promise<T>, dueIn?: number): Promise<T> {
  const work = target;
  const release = counter(field);
  if (!release) return promise;
  const ended = dueIn === undefined ? undefined : work!.awaitDue(realNow() + dueIn);
  return promise.finally(() => (release(), ended?.(true)));
}

/** timers/promises' setTimeout, counted as a one-shot real timer of the running run until it settles. */
const countedSleep: Sleep = (delay, value, options) => countedUntilSettled('realTimers', baseSleep(delay, value, options), nodeDelay(delay));

function clearing(name: 'clearTimeout' | 'clearInterval' | 'clearImmediate'): AnyFn {
  return function (this: unknown, handle: unknown) {
    if (typeof handle === 'object' && handle !== null) {
      pending.get(handle)?.();
      pending.delete(handle);
    }
    return base[name].call(this, handle);
  };
}

const replacements: Record<Name, AnyFn> = {
  setTimeout: counted('setTimeout'),
  setInterval: counted('setInterval'),
  setImmediate: counted('setImmediate'),
  clearTimeout: clearing('clearTimeout'),
  clearInterval: clearing('clearInterval'),
  clearImmediate: clearing('clearImmediate'),
};

let depth = 0;

/**
 * Counts the real timers (under real time) and the immediates (always) that
 * a run's code creates and that have not fired or been cleared (those of
 * timers/promises too), so a decision waits for an immediate, and a stall
 * with a real timer pending waits for it instead of being called a
 * deadlock: a one-shot timer until it is due, an interval bounded by the
 * deadlock timeout. Counting the process's active resources alone cannot
 * tell a run's timer from the test runner's. Under virtual time the fake
 * clock owns the timer functions. Returns the function that restores the
 * real ones.
 */
export function installTimerCensus(virtual: boolean): () => void {
  const names: readonly Name[] = virtual ? IMMEDIATE_NAMES : ALL;
  if (depth++ === 0) {
    // Only what is replaced: under virtual time the timers are the fake clock's, which must not be kept past the check.
    for (const n of names) {
      base[n] = onGlobal[n]!;
      baseTimers[n] = timers[n]!;
    }
    setAll(names, replacements, replacements);
    if (!virtual) {
      baseSleep = promises.setTimeout;
      setPromises(countedSleep);
    }
  }
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    if (--depth !== 0) return;
    setAll(names, base, baseTimers);
    if (!virtual) setPromises(baseSleep);
  };
}

/** timers/promises' setTimeout, and `scheduler.wait` (a prototype method: an own property shadows it, deleting it puts it back). */
function setPromises(sleep: Sleep): void {
  promises.setTimeout = sleep;
  const scheduler = promises.scheduler;
  if (typeof scheduler?.wait === 'function') {
    if (sleep === baseSleep) delete scheduler.wait;
    else Object.defineProperty(scheduler, 'wait', { value: (delay: unknown, options?: unknown) => sleep(delay, undefined, options), configurable: true, writable: true });
  }
  syncBuiltinESMExports();
}

function setAll(names: readonly Name[], globals: Record<Name, AnyFn>, module: Record<Name, AnyFn>): void {
  for (const name of names) {
    onGlobal[name] = globals[name];
    timers[name] = module[name];
  }
  // ESM named imports of node:timers follow the CommonJS object only after a sync.
  syncBuiltinESMExports();
}
