import { RacekitError } from '../errors.js';

/** A worker thread of a controlled run threw, exited or failed to start. */
export class WorkerCrashError extends RacekitError {
  constructor(worker: string, message: string, options?: { cause?: unknown }) {
    super('RACEKIT_WORKER_CRASHED', `worker ${worker} ${message}`, options);
  }
}
