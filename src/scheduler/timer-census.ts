import { createRequire } from 'node:module';
import { syncBuiltinESMExports } from 'node:module';
import { countRealTimer } from './run.js';

type AnyFn = (...args: unknown[]) => unknown;
const timers = createRequire(import.meta.url)('node:timers') as Record<string, AnyFn>;
const NAMES = ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] as const;
const originals = Object.fromEntries(NAMES.map((n) => [n, globalThis[n] as unknown as AnyFn])) as Record<(typeof NAMES)[number], AnyFn>;

let depth = 0;
/** Pending timers created during a run, by handle, with the release that uncounts them. */
const pending = new WeakMap<object, () => void>();

function counted(kind: 'setTimeout' | 'setInterval'): AnyFn {
  const original = originals[kind];
  return function (this: unknown, callback: unknown, ...rest: unknown[]) {
    const release = typeof callback === 'function' ? countRealTimer() : undefined;
    if (!release) return original.call(this, callback, ...rest);
    const wrapped = kind === 'setTimeout' ? (...args: unknown[]) => (release(), (callback as AnyFn)(...args)) : callback;
    const handle = original.call(this, wrapped, ...rest) as object;
    pending.set(handle, release);
    return handle;
  };
}

function clearing(kind: 'clearTimeout' | 'clearInterval'): AnyFn {
  const original = originals[kind];
  return function (this: unknown, handle: unknown) {
    if (typeof handle === 'object' && handle !== null) {
      pending.get(handle)?.();
      pending.delete(handle);
    }
    return original.call(this, handle);
  };
}

const replacements: Record<(typeof NAMES)[number], AnyFn> = {
  setTimeout: counted('setTimeout'),
  setInterval: counted('setInterval'),
  clearTimeout: clearing('clearTimeout'),
  clearInterval: clearing('clearInterval'),
};

/**
 * Under real time, counts the timers a run's code creates (through the
 * globals or node:timers) and that have not fired or been cleared, so a
 * stall while one is pending waits for it (bounded) instead of being called
 * a deadlock. Counting the process's active resources alone cannot tell a
 * run's timer from the test runner's. Returns the function that restores
 * the real functions.
 */
export function installTimerCensus(): () => void {
  if (depth++ === 0) setAll(replacements);
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    if (--depth === 0) setAll(originals);
  };
}

function setAll(fns: Record<(typeof NAMES)[number], AnyFn>): void {
  for (const name of NAMES) {
    (globalThis as unknown as Record<string, AnyFn>)[name] = fns[name];
    timers[name] = fns[name];
  }
  // ESM named imports of node:timers follow the CommonJS object only after a sync.
  syncBuiltinESMExports();
}
