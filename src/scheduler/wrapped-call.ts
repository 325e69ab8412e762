import { previewValue } from '../model/value-text.js';
import { runAs, type CallInFlight, type Flow } from './activity.js';
import type { CallRecord } from './pending-set.js';

type AnyFn = (...args: never[]) => unknown;

/** Longest preview of a call's arguments or answer kept in the trace. */
const PREVIEW = 400;

/** What a wrapped call needs of its run. */
export interface CallHost {
  readonly ended: boolean;
  /** Steps the run has taken so far. */
  readonly steps: number;
  /** The run's flow running now, when flows are carried (undefined otherwise): whose call it is, for calls wrapped in setup. */
  runningFlow(): Flow | undefined;
  /** A call started: outside work in flight until it settles. */
  callStarted(): void;
  /** `call` settled: its answer becomes a pending yield point of `task`, resumed by `deliver`; `outer`, the call whose body made it. */
  callSettled(task: number, label: string, deliver: () => void, record: CallRecord, call: CallInFlight, outer: CallInFlight | undefined): void;
}

/**
 * Wraps an async dependency: each call starts `fn` at once, but its result
 * or rejection reaches the caller only when the scheduler resumes the
 * pending yield point it becomes (kind `call`, labelled `label`). Once the
 * run has ended the wrapper calls `fn` plainly.
 */
export function wrapCall<F extends AnyFn>(host: CallHost, fn: F, label: string | undefined, task: number | undefined): F {
  const name = label ?? (fn.name || 'call');
  const wrapped = function (this: unknown, ...args: never[]): unknown {
    if (host.ended) return fn.apply(this, args);
    const flow = host.runningFlow();
    const owner = task ?? flow?.task ?? -1;
    const call: CallInFlight = { answersPending: 0, settled: false };
    let result: unknown;
    try {
      // With flows carried, the body runs as a flow of its own: calls it makes, now or after an await, know they are nested in this one.
      result = flow === undefined ? fn.apply(this, args) : runAs({ run: flow.run, task: flow.task, call }, () => fn.apply(this, args));
    } catch (error) {
      result = Promise.reject(error);
    }
    host.callStarted();
    const madeAfter = host.steps;
    const shown = args.map((a) => previewValue(a, PREVIEW)).join(', ');
    return new Promise((resolve, reject) => {
      Promise.resolve(result).then(
        (value) => {
          if (!host.ended) host.callSettled(owner, name, () => resolve(value), { args: shown, madeAfter, returned: previewValue(value, PREVIEW) }, call, flow?.call);
        },
        (error: unknown) => {
          if (!host.ended) host.callSettled(owner, name, () => reject(error), { args: shown, madeAfter, threw: previewValue(error, PREVIEW) }, call, flow?.call);
        },
      );
    });
  };
  return wrapped as unknown as F;
}
