import type { TaskContext } from '../../scheduler/context.js';
import type { TaskEvent } from './task-event.js';

/** The seeds' `asyncio.Event` done right: the flag check and the subscription happen with no yield between. */
export class AsyncEvent implements TaskEvent {
  private flag = false;
  private readonly waiters: (() => void)[] = [];

  wait(_ctx: TaskContext): Promise<void> {
    if (this.flag) return Promise.resolve();
    return new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  set(): void {
    this.flag = true;
    for (const wake of this.waiters.splice(0)) wake();
  }

  get isSet(): boolean {
    return this.flag;
  }
}
