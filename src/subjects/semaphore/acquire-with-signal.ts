import type { SemaphoreInterface } from 'async-mutex';

/**
 * `semaphore.acquire()` that gives up when `signal` aborts: it rejects at
 * once with the signal's reason (piscina's rule: reject first, clean up
 * after). async-mutex cannot withdraw one waiter, so the permit it grants
 * later must be handed straight back — `returnLatePermit: false` is the
 * leak this family's `leak-on-cancel` variant shows.
 */
export function acquireWithSignal(semaphore: SemaphoreInterface, signal: AbortSignal, returnLatePermit = true): Promise<() => void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    let gaveUp = false;
    const onAbort = () => {
      gaveUp = true;
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    semaphore.acquire().then(
      ([, release]) => {
        signal.removeEventListener('abort', onAbort);
        if (!gaveUp) resolve(release);
        else if (returnLatePermit) release();
      },
      (error: unknown) => {
        // withTimeout's timeout: no permit was granted, nothing to hand back.
        signal.removeEventListener('abort', onAbort);
        if (!gaveUp) reject(error);
      },
    );
  });
}
