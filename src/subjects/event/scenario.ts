import * as fc from 'fast-check';
import type { Scenario, TaskFn } from '../../scenario.js';
import { taskName } from '../../model/trace.js';
import { History, firstViolation, type HistoryEvent, type Verdict } from '../../oracles/history.js';
import { allTerminated } from '../../oracles/all-terminated.js';
import type { TaskEvent } from './task-event.js';

/** W waiters and a setter that prepares for a few steps first. */
export interface EventWorkload {
  readonly waiters: number;
  readonly prepare: number;
}

/** W in 1..4, 0..2 preparation steps before `set()`. */
export const eventWorkload: fc.Arbitrary<EventWorkload> = fc.record({ waiters: fc.integer({ min: 1, max: 4 }), prepare: fc.integer({ min: 0, max: 2 }) });

/** One run's event and history. */
export interface EventState {
  readonly event: TaskEvent;
  readonly history: History;
}

/** No waiter woke before the event was set. */
export function wokeOnlyAfterSet(history: readonly HistoryEvent[]): Verdict {
  const set = history.findIndex((e) => e.op === 'set');
  const early = history.find((e, i) => e.op === 'woke' && (set < 0 || i < set));
  return early ? `${early.actor} woke before the event was set` : true;
}

function waiter(): TaskFn<EventState> {
  return async (ctx, s) => {
    const me = taskName(ctx.task);
    await ctx.step('wait', { touches: ['event'] });
    await s.event.wait(ctx);
    s.history.record('woke', me);
    s.history.end(me);
  };
}

function setter(w: EventWorkload): TaskFn<EventState> {
  return async (ctx, s) => {
    for (let i = 0; i < w.prepare; i++) await ctx.step('prepare', { touches: [] });
    await ctx.step('set', { touches: ['event'] });
    s.history.record('set', taskName(ctx.task));
    s.event.set();
  };
}

/** Waiters (A..) wait on one event; the last lane sets it once. All must wake, none before `set()`. */
export function eventScenario(name: string, makeEvent: () => TaskEvent): Scenario<EventState, EventWorkload> {
  return {
    name,
    workload: eventWorkload,
    setup: () => ({ event: makeEvent(), history: new History() }),
    tasks: (w) => [...Array.from({ length: w.waiters }, waiter), setter(w)],
    invariant: (s, w) =>
      firstViolation(
        wokeOnlyAfterSet(s.history.events),
        allTerminated(s.history.events, Array.from({ length: w.waiters }, (_, i) => taskName(i))),
      ),
  };
}
