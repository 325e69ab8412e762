import type { TaskContext } from '../../scheduler/context.js';
import type { TaskEvent } from './task-event.js';

/**
 * An event whose `wait` checks the flag, yields (an `await` slipped in
 * between), then subscribes: a `set()` that lands in between wakes nobody,
 * and the waiter sleeps for ever — the lost wake-up.
 */
export class SplitEvent implements TaskEvent {
  private flag = false;
  private readonly waiters: (() => void)[] = [];

  async wait(ctx: TaskContext): Promise<void> {
    const seen = this.flag;
    ctx.note(seen ? 'already set' : 'not set');
    await ctx.step('subscribe', { touches: ['event'] });
    if (seen) return;
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  set(): void {
    this.flag = true;
    for (const wake of this.waiters.splice(0)) wake();
  }

  get isSet(): boolean {
    return this.flag;
  }
}
