import { RacekitError } from '../errors.js';
import { runExecuting } from '../scheduler/failure-capture.js';

/** `check()` was called from code running inside another check's run. */
export class NestedCheckError extends RacekitError {
  constructor(name: string) {
    super('RACEKIT_NESTED_CHECK', `check("${name}") was called from inside a run of another check; checks cannot nest (call it after the outer check returns)`);
  }
}

let tail: Promise<unknown> = Promise.resolve();

/**
 * Runs checks one at a time on this thread: quiescence detection, the
 * virtual clock and the capture of unhandled rejections serve one run at a
 * time, so a second check (a `test.concurrent`, two checks in a
 * `Promise.all`) waits for the first to end.
 */
export function exclusively<T>(name: string, f: () => Promise<T>): Promise<T> {
  if (runExecuting()) return Promise.reject(new NestedCheckError(name));
  const result = tail.then(f, f);
  tail = result.then(
    () => undefined,
    () => undefined,
  );
  return result;
}
