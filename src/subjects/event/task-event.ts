import type { TaskContext } from '../../scheduler/context.js';

/** A one-shot event: `set()` wakes every waiter; waiting after `set()` returns at once. */
export interface TaskEvent {
  wait(ctx: TaskContext): Promise<void>;
  set(): void;
  readonly isSet: boolean;
}
