import type { TaskContext } from '../../scheduler/context.js';

/** What the semaphore family's tasks need of a semaphore. */
export interface TaskSemaphore {
  /**
   * Waits for a permit; rejects with the signal's reason if aborted first, or
   * with an AcquireTimeoutError after `timeoutMs`. Returns the release.
   */
  acquire(ctx: TaskContext, signal: AbortSignal, timeoutMs?: number): Promise<() => void>;
  /** Permits free now; at the end of a run it must be the limit again. */
  readonly available: number;
}
