import { createRequire } from 'node:module';
import { syncBuiltinESMExports } from 'node:module';
import type { OutsideWork } from './outside-work.js';

type AnyFn = (...args: unknown[]) => unknown;
const timers = createRequire(import.meta.url)('node:timers') as Record<string, AnyFn>;
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

/** Counts one more piece of the running run's outside work of this kind; the release (idempotent) uncounts it. Undefined outside runs. */
export function counter(field: 'realTimers' | 'immediates'): (() => void) | undefined {
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
    const wrapped =
      name === 'setInterval'
        ? callback
        : name === 'setImmediate'
          ? (...args: unknown[]) => (release(), work!.immediatesRun++, (callback as AnyFn)(...args))
          : (...args: unknown[]) => (release(), (callback as AnyFn)(...args));
    const handle = original.call(this, wrapped, ...rest) as object;
    pending.set(handle, release);
    return handle;
  };
}

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
 * a run's code creates and that have not fired or been cleared, so a
 * decision waits for an immediate, and a stall with a real timer pending
 * waits for it (bounded) instead of being called a deadlock. Counting the
 * process's active resources alone cannot tell a run's timer from the test
 * runner's. Under virtual time the fake clock owns the timer functions.
 * Returns the function that restores the real ones.
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
  }
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    if (--depth === 0) setAll(names, base, baseTimers);
  };
}

function setAll(names: readonly Name[], globals: Record<Name, AnyFn>, module: Record<Name, AnyFn>): void {
  for (const name of names) {
    onGlobal[name] = globals[name];
    timers[name] = module[name];
  }
  // ESM named imports of node:timers follow the CommonJS object only after a sync.
  syncBuiltinESMExports();
}
