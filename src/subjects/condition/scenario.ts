import * as fc from 'fast-check';
import { Mutex } from 'async-mutex';
import type { Scenario, TaskFn } from '../../scenario.js';
import { taskName } from '../../model/trace.js';
import { History, firstViolation, type HistoryEvent, type Verdict } from '../../oracles/history.js';
import { nothingLost } from '../../oracles/nothing-lost.js';
import { allTerminated } from '../../oracles/all-terminated.js';
import { Condition } from './condition.js';

/** C consumers taking one item each; the producer puts `batch` items per notify(batch). */
export interface ConditionWorkload {
  readonly consumers: number;
  readonly batch: number;
}

/** C in 2..4, batches of 1..3. */
export const conditionWorkload: fc.Arbitrary<ConditionWorkload> = fc.record({ consumers: fc.integer({ min: 2, max: 4 }), batch: fc.integer({ min: 1, max: 3 }) });

/** One run's buffer, the mutex guarding it, its condition and the history. */
export interface ConditionState {
  readonly buffer: string[];
  readonly mutex: Mutex;
  readonly nonEmpty: Condition;
  readonly history: History;
}

const touches = ['buffer'];

/** notify(n) wakes at most n: by every wake, no more wakes than the notifies before it allowed. */
export function wakesWithinNotifies(history: readonly HistoryEvent[]): Verdict {
  let allowed = 0;
  let woken = 0;
  for (const e of history) {
    if (e.op === 'notify') allowed += e.value as number;
    else if (e.op === 'wake' && ++woken > allowed) return `${e.actor} woke, but only ${allowed} wake-up(s) were notified so far`;
  }
  return true;
}

/** `recheck`: wait in a `while` loop (re-check after waking) or under a single `if`. */
function consumer(recheck: boolean): TaskFn<ConditionState> {
  return async (ctx, s) => {
    const me = taskName(ctx.task);
    await ctx.step('lock', { touches });
    await s.mutex.acquire();
    try {
      while (s.buffer.length === 0) {
        s.history.record('wait', me);
        await s.nonEmpty.wait();
        s.history.record('wake', me);
        if (!recheck) break;
      }
      await ctx.step('take', { touches });
      const item = s.buffer.shift();
      ctx.note(item ?? 'nothing: buffer empty');
      s.history.get(me, item);
    } finally {
      s.mutex.release();
    }
    s.history.end(me);
  };
}

function producer(w: ConditionWorkload): TaskFn<ConditionState> {
  return async (ctx, s) => {
    const me = taskName(ctx.task);
    let next = 0;
    while (next < w.consumers) {
      await ctx.step('lock', { touches });
      await s.mutex.acquire();
      try {
        await ctx.step('put', { touches });
        const n = Math.min(w.batch, w.consumers - next);
        const items = Array.from({ length: n }, () => `item${next++}`);
        for (const item of items) {
          s.buffer.push(item);
          s.history.put(me, item);
        }
        ctx.note(`${items.join(', ')}; notify(${n})`);
        s.history.record('notify', me, n);
        s.nonEmpty.notify(n);
      } finally {
        s.mutex.release();
      }
    }
  };
}

/** Consumers (A..) wait on a condition for one item each; the last lane produces them. */
export function conditionScenario(name: string, recheck: boolean): Scenario<ConditionState, ConditionWorkload> {
  return {
    name,
    workload: conditionWorkload,
    setup: () => {
      const mutex = new Mutex();
      return { buffer: [], mutex, nonEmpty: new Condition(mutex), history: new History() };
    },
    tasks: (w) => [...Array.from({ length: w.consumers }, () => consumer(recheck)), producer(w)],
    invariant: (s, w) =>
      firstViolation(
        nothingLost(s.history.events),
        wakesWithinNotifies(s.history.events),
        allTerminated(s.history.events, Array.from({ length: w.consumers }, (_, i) => taskName(i))),
      ),
  };
}
