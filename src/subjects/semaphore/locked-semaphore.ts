import { Semaphore, withTimeout } from 'async-mutex';
import { AcquireTimeoutError } from './acquire-timeout.js';
import type { TaskContext } from '../../scheduler/context.js';
import { acquireWithSignal } from './acquire-with-signal.js';
import type { TaskSemaphore } from './task-semaphore.js';

/** async-mutex's `Semaphore`, cancellable through {@link acquireWithSignal}, timed with `withTimeout`. */
export class LockedSemaphore implements TaskSemaphore {
  private readonly semaphore: Semaphore;

  constructor(
    limit: number,
    private readonly returnLatePermit = true,
  ) {
    this.semaphore = new Semaphore(limit);
  }

  acquire(_ctx: TaskContext, signal: AbortSignal, timeoutMs?: number): Promise<() => void> {
    // withTimeout hands a permit granted after its timeout straight back itself.
    const semaphore = timeoutMs === undefined ? this.semaphore : withTimeout(this.semaphore, timeoutMs, new AcquireTimeoutError(timeoutMs));
    return acquireWithSignal(semaphore, signal, this.returnLatePermit);
  }

  get available(): number {
    return this.semaphore.getValue();
  }
}
