import type { TaskContext } from '../../scheduler/context.js';

/** What the queue family's producers, consumers and coordinator need of a queue. */
export interface TaskQueue {
  /** Enqueues, waiting while the queue is full. */
  put(ctx: TaskContext, actor: string, item: string): Promise<void>;
  /** Dequeues, waiting while it is empty; `STOP` once closed and drained. */
  get(ctx: TaskContext, actor: string): Promise<string | undefined>;
  /** No more puts: waiting and later gets return `STOP` once drained. */
  close(ctx: TaskContext): Promise<void>;
}
