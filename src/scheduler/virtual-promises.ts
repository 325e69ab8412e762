import { createRequire } from 'node:module';

/** node:timers/promises as CommonJS sees it: the object fake-timers patches (and `scheduler`, which it leaves real). */
interface TimersPromises {
  setTimeout(delay?: number, value?: unknown, options?: { signal?: AbortSignal }): Promise<unknown>;
  setInterval(delay?: number, value?: unknown, options?: { signal?: AbortSignal }): AsyncIterableIterator<unknown>;
  scheduler?: { wait?(delay: number, options?: { signal?: AbortSignal }): Promise<void> };
}

const timersPromises = createRequire(import.meta.url)('node:timers/promises') as TimersPromises;

/** Node's own AbortError (lib/internal/errors.js), which code tells apart by its name or code. */
class AbortError extends Error {
  readonly code = 'ABORT_ERR';
  constructor(options: { cause: unknown }) {
    super('The operation was aborted', options);
    this.name = 'AbortError';
  }
}

/** Rethrows an aborted signal's reason as Node does: an AbortError whose cause is the reason. */
const asNodeAbort = (signal: AbortSignal | undefined) => (error: unknown) => {
  throw signal?.aborted === true && error === signal.reason ? new AbortError({ cause: error }) : error;
};

/**
 * Makes the faked timers/promises behave as Node's: fake-timers rejects an
 * aborted `setTimeout` or `setInterval` with the signal's reason (a
 * TimeoutError, a string), where Node rejects with an AbortError that code
 * checks for (`e.name === 'AbortError'`); and `scheduler.wait`, which it
 * leaves on the real clock, waits on the virtual one. Called right after the
 * clock is installed; fake-timers' uninstall puts its originals back, the
 * returned function takes `scheduler.wait` back.
 */
export function nodeLikeTimersPromises(): () => void {
  const tp = timersPromises;
  const { setTimeout: sleep, setInterval: every } = tp;
  tp.setTimeout = Object.assign((delay?: number, value?: unknown, options?: { signal?: AbortSignal }) => sleep(delay, value, options).catch(asNodeAbort(options?.signal)), sleep);
  tp.setInterval = Object.assign((delay?: number, value?: unknown, options?: { signal?: AbortSignal }) => {
    // fake-timers' iterable makes its iterator (and its interval) when asked; Node's is an iterator itself.
    const iterable = every(delay, value, options) as unknown as AsyncIterable<unknown>;
    let inner: AsyncIterator<unknown> | undefined;
    const it = () => (inner ??= iterable[Symbol.asyncIterator]());
    const iterator: AsyncIterableIterator<unknown> = {
      next: () => it().next().catch(asNodeAbort(options?.signal)),
      return: (v?: unknown) => it().return?.(v) ?? Promise.resolve({ value: v, done: true }),
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }, every);
  const scheduler = tp.scheduler;
  if (typeof scheduler?.wait !== 'function') return () => {};
  Object.defineProperty(scheduler, 'wait', { value: (delay: number, options?: { signal?: AbortSignal }) => tp.setTimeout(delay, undefined, options), configurable: true, writable: true });
  return () => void delete scheduler.wait;
}
