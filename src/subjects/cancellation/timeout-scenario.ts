import * as fc from 'fast-check';
import type { Scenario, TaskFn } from '../../scenario.js';
import { History, firstViolation } from '../../oracles/history.js';
import { noZombieWrite } from '../../oracles/no-zombie-write.js';
import { allTerminated } from '../../oracles/all-terminated.js';
import { startJob } from './start-job.js';

/** R requests, each fetching across `work` yields under a timeout. */
export interface TimeoutWorkload {
  readonly requests: number;
  readonly work: number;
}

/** R in 1..3, 1..3 fetch steps. */
export const timeoutWorkload: fc.Arbitrary<TimeoutWorkload> = fc.record({ requests: fc.integer({ min: 1, max: 3 }), work: fc.integer({ min: 1, max: 3 }) });

/** One run's cache (what each request ended up storing) and history. */
export interface TimeoutState {
  readonly cache: Map<number, string>;
  readonly history: History;
}

/** Rejects with the signal's reason once it aborts. */
function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
}

/** The request's timeout; under virtual time it costs nothing to wait. */
export const TIMEOUT_MS = 5000;

/**
 * A request (its own lane) races a fetch (lane W<r>) against a 5-second
 * timeout: a real `setTimeout` that aborts the request's signal, which under
 * virtual time is one more yield point the scheduler may resume at any decision. On
 * timeout the request stores a fallback and abandons the fetch.
 * `checksSignal`: the fetch checks the signal right before its write; without
 * that check it is a zombie that writes anyway.
 */
function request(r: number, w: TimeoutWorkload, checksSignal: boolean): TaskFn<TimeoutState> {
  return async (ctx, s) => {
    const me = `request ${r}`;
    const controller = new AbortController();
    const { signal } = controller;
    const fetched = startJob(ctx, `W${r}`, async (wctx) => {
      for (let k = 0; k < w.work; k++) await wctx.step('fetch', { touches: [`request ${r}`] });
      if (checksSignal && signal.aborted) {
        wctx.note('aborted: no write');
        return undefined;
      }
      s.cache.set(r, `value${r}`);
      wctx.note(`cache[${r}] = value${r}`);
      s.history.record('write', `W${r}`, r);
      return `value${r}`;
    });
    const timer = setTimeout(() => controller.abort(new Error(`request ${r} timed out`)), TIMEOUT_MS);
    try {
      await Promise.race([fetched, whenAborted(signal)]);
    } catch {
      await ctx.step('fallback', { touches: [`request ${r}`] });
      s.cache.set(r, 'fallback');
      ctx.note(`cache[${r}] = fallback`);
      s.history.record('abandon', me, r);
    } finally {
      clearTimeout(timer);
    }
    s.history.end(me);
  };
}

/** R requests under a timeout; the invariant: no write lands after its request gave up. */
export function timeoutScenario(name: string, checksSignal: boolean): Scenario<TimeoutState, TimeoutWorkload> {
  return {
    name,
    time: 'virtual',
    workload: timeoutWorkload,
    setup: () => ({ cache: new Map(), history: new History() }),
    tasks: (w) => Array.from({ length: w.requests }, (_, r) => request(r, w, checksSignal)),
    invariant: (s, w) =>
      firstViolation(
        noZombieWrite(s.history.events),
        allTerminated(s.history.events, Array.from({ length: w.requests }, (_, r) => `request ${r}`)),
      ),
  };
}
