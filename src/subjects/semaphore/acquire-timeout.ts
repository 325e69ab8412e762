import { RacekitError } from '../../errors.js';

/** How long a task with a timeout waits for a permit (virtual time makes the wait free). */
export const ACQUIRE_TIMEOUT_MS = 1000;

/** A permit did not come within the task's timeout. */
export class AcquireTimeoutError extends RacekitError {
  constructor(ms: number) {
    super('RACEKIT_ACQUIRE_TIMEOUT', `no permit within ${ms} ms`);
  }
}
