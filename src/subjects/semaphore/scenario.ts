import type { Scenario, TaskFn } from '../../scenario.js';
import { taskName } from '../../model/trace.js';
import { History, firstViolation } from '../../oracles/history.js';
import { boundedConcurrency } from '../../oracles/bounded-concurrency.js';
import { releasedExactlyOnce } from '../../oracles/released-exactly-once.js';
import { allTerminated } from '../../oracles/all-terminated.js';
import { grantedInOrder } from '../../oracles/granted-in-order.js';
import type { TaskSemaphore } from './task-semaphore.js';
import { ACQUIRE_TIMEOUT_MS, AcquireTimeoutError } from './acquire-timeout.js';
import { semaphoreWorkload, type SemaphoreTask, type SemaphoreWorkload } from './workload.js';

/** One run's semaphore, history and the abort controller of every task. */
export interface SemaphoreState {
  readonly semaphore: TaskSemaphore;
  readonly history: History;
  readonly controllers: readonly AbortController[];
}

function worker(i: number, t: SemaphoreTask): TaskFn<SemaphoreState> {
  const signalTouch = `signal ${taskName(i)}`;
  return async (ctx, s) => {
    const me = taskName(ctx.task);
    const signal = s.controllers[i]!.signal;
    let release: () => void;
    await ctx.step('acquire', { touches: ['semaphore'] });
    ctx.note(`${s.semaphore.available} free`);
    s.history.request(me);
    try {
      release = await s.semaphore.acquire(ctx, signal, t.interrupt === 'timeout' ? ACQUIRE_TIMEOUT_MS : undefined);
    } catch (error) {
      if (!signal.aborted && !(error instanceof AcquireTimeoutError)) throw error;
      s.history.withdraw(me, error instanceof AcquireTimeoutError ? 'timeout' : 'cancel');
      s.history.end(me);
      return;
    }
    s.history.acquire(me);
    try {
      for (let k = 0; k < t.work; k++) {
        // The last work step is followed by the release.
        await ctx.step('work', { touches: k === t.work - 1 ? [signalTouch, 'semaphore'] : [signalTouch] });
        if (signal.aborted) {
          ctx.note('aborted while holding');
          break;
        }
      }
    } finally {
      s.history.release(me);
      release();
    }
    s.history.end(me);
  };
}

/** The lane that cancels, one task per yield point, so the scheduler picks when each cancel lands. */
function canceller(w: SemaphoreWorkload): TaskFn<SemaphoreState> {
  return async (ctx, s) => {
    for (const [i, t] of w.tasks.entries()) {
      if (t.interrupt !== 'cancel') continue;
      await ctx.step(`cancel ${taskName(i)}`);
      s.controllers[i]!.abort();
    }
  };
}

/**
 * T tasks acquire one of L permits, work across yields and release; some are
 * cancelled (an AbortSignal fired by the last lane) while waiting or while
 * holding, some wait for a permit at most a second (virtual time: the
 * timer is a yield point the scheduler may resume at any decision). `promisesFifo`: permits must go to waiters in the order they asked.
 */
export function semaphoreScenario(name: string, makeSemaphore: (limit: number) => TaskSemaphore, promisesFifo: boolean): Scenario<SemaphoreState, SemaphoreWorkload> {
  return {
    name,
    time: 'virtual',
    workload: semaphoreWorkload,
    setup: (_ctx, w) => ({ semaphore: makeSemaphore(w.limit), history: new History(), controllers: w.tasks.map(() => new AbortController()) }),
    tasks: (w) => [...w.tasks.map((t, i) => worker(i, t)), ...(w.tasks.some((t) => t.interrupt === 'cancel') ? [canceller(w)] : [])],
    invariant: (s, w) => {
      const h = s.history.events;
      const free = s.semaphore.available;
      return firstViolation(
        boundedConcurrency(h, w.limit),
        releasedExactlyOnce(h),
        promisesFifo ? grantedInOrder(h) : true,
        free === w.limit ? true : `permit leaked: ${free} of ${w.limit} permits free after every task ended`,
        allTerminated(h, w.tasks.map((_, i) => taskName(i))),
      );
    },
  };
}
