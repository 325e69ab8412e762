import { previewValue } from '../model/value-text.js';
import type { CallRecord } from './pending-set.js';

type AnyFn = (...args: never[]) => unknown;

/** Longest preview of a call's arguments or answer kept in the trace. */
const PREVIEW = 400;

/** What a wrapped call needs of its run. */
export interface CallHost {
  readonly ended: boolean;
  /** The task whose flow is running now (-1: none), for calls wrapped in setup. */
  flowTask(): number;
  /** A call started: outside work in flight until it settles. */
  callStarted(): void;
  /** A call settled: its answer becomes a pending yield point of `task`, resumed by `deliver`. */
  callSettled(task: number, label: string, deliver: () => void, record: CallRecord): void;
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
    const owner = task ?? host.flowTask();
    let result: unknown;
    try {
      result = fn.apply(this, args);
    } catch (error) {
      result = Promise.reject(error);
    }
    host.callStarted();
    const shown = args.map((a) => previewValue(a, PREVIEW)).join(', ');
    return new Promise((resolve, reject) => {
      Promise.resolve(result).then(
        (value) => {
          if (!host.ended) host.callSettled(owner, name, () => resolve(value), { args: shown, returned: previewValue(value, PREVIEW) });
        },
        (error: unknown) => {
          if (!host.ended) host.callSettled(owner, name, () => reject(error), { args: shown, threw: previewValue(error, PREVIEW) });
        },
      );
    });
  };
  return wrapped as unknown as F;
}
