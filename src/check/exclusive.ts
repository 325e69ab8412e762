import { RacekitError } from '../errors.js';
import { runExecuting } from '../scheduler/failure-capture.js';

/** `check()` was called from code running inside another check's run. */
export class NestedCheckError extends RacekitError {
  constructor(name: string) {
    super(
      'RACEKIT_NESTED_CHECK',
      `check("${name}") was called from inside a run of another check; checks cannot nest (call it after the outer check returns). In a test runner, the other check may be an earlier test's that timed out and runs on: give check the test's signal (check(scenario, { signal: context.signal })), as raceTest and the matchers do`,
    );
  }
}

let tail: Promise<unknown> = Promise.resolve();
/** Checks started and not yet ended. */
let inProgress = 0;
/** The signal of the check running now, if it has one. */
let running: AbortSignal | undefined;
/** Called once no check is in progress. */
let idleCallbacks: (() => void)[] = [];

/**
 * Calls `f` once no check is in progress: at once if none is, else when the
 * last one ends. Resources kept from run to run (thread pools) are released
 * then, not at a turn of the event loop between two runs of one check.
 */
export function whenNoCheck(f: () => void): void {
  if (inProgress === 0) f();
  else idleCallbacks.push(f);
}

function ended(): void {
  if (--inProgress > 0) return;
  const callbacks = idleCallbacks;
  idleCallbacks = [];
  for (const f of callbacks) f();
}

/**
 * Runs checks one at a time on this thread: quiescence detection, the
 * virtual clock and the capture of unhandled rejections serve one run at a
 * time, so a second check (a `test.concurrent`, two checks in a
 * `Promise.all`) waits for the first to end.
 */
export function exclusively<T>(name: string, f: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  // A run executing now is the running check's. Its signal aborted, the check is winding down (a vitest test it belonged
  // to timed out, and vitest went on to the next test): a check called now comes from elsewhere, and waits its turn.
  if (runExecuting() && running?.aborted !== true) return Promise.reject(new NestedCheckError(name));
  inProgress++;
  const run = (): Promise<T> => {
    running = signal;
    return f().finally(() => {
      running = undefined;
      ended();
    });
  };
  const result = tail.then(run, run);
  tail = result.then(
    () => undefined,
    () => undefined,
  );
  return result;
}
