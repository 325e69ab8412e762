/**
 * The signal a check inside a vitest test stops on: the caller's, and the
 * test's own, which vitest aborts when it times the test out or the run is
 * cancelled. Without the test's, a timed-out check would explore on in the
 * background and hold up every later check of the worker (checks run one at
 * a time).
 */
export function withTestSignal(own: AbortSignal | undefined, test: AbortSignal | undefined): AbortSignal | undefined {
  return test === undefined ? own : own === undefined ? test : AbortSignal.any([own, test]);
}
