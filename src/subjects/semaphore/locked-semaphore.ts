import { Semaphore } from 'async-mutex';
import type { TaskContext } from '../../scheduler/context.js';
import { acquireWithSignal } from './acquire-with-signal.js';
import type { TaskSemaphore } from './task-semaphore.js';

/** async-mutex's `Semaphore`, cancellable through {@link acquireWithSignal}. */
export class LockedSemaphore implements TaskSemaphore {
  private readonly semaphore: Semaphore;

  constructor(
    limit: number,
    private readonly returnLatePermit = true,
  ) {
    this.semaphore = new Semaphore(limit);
  }

  acquire(_ctx: TaskContext, signal: AbortSignal): Promise<() => void> {
    return acquireWithSignal(this.semaphore, signal, this.returnLatePermit);
  }

  get available(): number {
    return this.semaphore.getValue();
  }
}
